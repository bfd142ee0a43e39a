<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: vigil-typing-rhythm-setup.ftl (Vigil: explicit typing-rhythm enrolment) -->
    <#if section = "header">
        ${msg("vigilTypingSetupTitle")}
    <#elseif section = "form">
        <p id="vigil-instruction">${msg("vigilTypingSetupInstruction", typings)}</p>
        <form id="vigil-setup-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              data-typings="${typings}"
              data-msg-progress="${msg("vigilTypingSetupProgress")}"
              data-msg-first="${msg("vigilTypingSetupFirst")}"
              data-msg-consistent="${msg("vigilTypingSetupConsistent")}"
              data-msg-close="${msg("vigilTypingSetupClose")}"
              data-msg-far="${msg("vigilTypingSetupFar")}"
              data-msg-unusable="${msg("vigilTypingSetupUnusable")}"
              data-msg-different="${msg("vigilTypingSetupDifferent")}">
            <@field.password name="vigil-typing" label=msg("password") autofocus=true autocomplete="current-password" />
            <p id="vigil-progress" aria-live="polite"></p>
            <p id="vigil-status" aria-live="polite"></p>
            <input type="hidden" id="vigil-password" name="password" value=""/>
            <noscript><p>${msg("vigilTypingSetupNoScript")}</p></noscript>
            <div class="${properties.kcFormButtonsClass!}">
                <button type="button" id="vigil-add"
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("vigilTypingSetupAdd")}</button>
                <#if isAppInitiatedAction??>
                    <button type="submit" id="vigil-cancel" name="cancel-aia" value="true"
                            class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("doCancel")}</button>
                </#if>
            </div>
        </form>
        <script src="${url.resourcesPath}/js/vigil-keystroke.js"></script>
        <script src="${url.resourcesPath}/js/vigil-typing-setup.js"></script>
    </#if>
</@layout.registrationLayout>
