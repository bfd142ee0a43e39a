<#ftl output_format="plainText">
${msg("vigilNewDeviceIntro", realmName)}

${msg("vigilWhen")}: ${when}
${msg("vigilDevice")}: ${device}
${msg("vigilIpAddress")}: ${ipAddress}
${msg("vigilApplication")}: ${client}

<#if notMeUrl??>
${msg("vigilNewDeviceNotMeText")}
${notMeUrl}

${msg("vigilNewDeviceWasMeText")}
${wasMeUrl}

${msg("vigilNewDeviceLinksExpire", linkHours)}
<#else>
${msg("vigilNewDeviceIfYou")}
${msg("vigilNewDeviceIfNotYou")}
</#if>
