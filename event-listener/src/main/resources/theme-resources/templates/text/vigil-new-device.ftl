<#ftl output_format="plainText">
${msg("vigilNewDeviceIntro", realmName)}

${msg("vigilWhen")}: ${when}
${msg("vigilDevice")}: ${device}
${msg("vigilIpAddress")}: ${ipAddress}
${msg("vigilApplication")}: ${client}

${msg("vigilNewDeviceIfYou")}
${msg("vigilNewDeviceIfNotYou")}
