<#ftl output_format="plainText">
${msg("vigilFlaggedIntro", username, realmName)}

${msg("vigilWhen")}: ${when}
${msg("vigilIpAddress")}: ${ipAddress}
${msg("vigilDevice")}: ${device} (${userAgent})
${msg("vigilApplication")}: ${client}
${msg("vigilScore")}: ${score} (${msg("vigilThreshold")} ${threshold})
${msg("vigilReasons")}: <#list reasons as r>${r}<#sep>, </#list>
${msg("vigilAction")}: ${action}
${msg("vigilLoginId")}: ${loginId}

${msg("vigilFlaggedWhatToDo")}
