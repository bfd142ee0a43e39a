<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
<!-- template: vigil-trust-device.ftl (Vigil: offer to trust this browser after a second factor) -->
    <#if section = "header">
        ${msg("vigilTrustDeviceTitle")}
    <#elseif section = "form">
        <p id="vigil-trust-device-instruction">${msg("vigilTrustDeviceInstruction", trustDays)}</p>
        <p id="vigil-trust-device-warning">${msg("vigilTrustDeviceWarning")}</p>
        <form id="vigil-trust-device-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <button class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                        name="trust" id="vigil-trust-yes" type="submit" value="yes">${msg("vigilTrustDeviceYes")}</button>
                <button class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                        name="trust" id="vigil-trust-no" type="submit" value="no">${msg("vigilTrustDeviceNo")}</button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
