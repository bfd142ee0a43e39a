<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: vigil-email-code.ftl (Vigil: step-up with a one-time code sent by e-mail) -->
    <#if section = "header">
        ${msg("vigilEmailCodeTitle")}
    <#elseif section = "form">
        <p id="vigil-email-code-instruction">${msg("vigilEmailCodeInstruction", email, digits)}</p>
        <form id="vigil-email-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <@field.input name="code" label=msg("vigilEmailCodeLabel") autofocus=true autocomplete="one-time-code" />
            <div class="${properties.kcFormGroupClass!}">
                <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                       name="login" id="kc-login" type="submit" value="${msg("doSubmit")}"/>
                <input class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                       name="resend" id="vigil-resend" type="submit" value="${msg("vigilEmailCodeResend")}"/>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
