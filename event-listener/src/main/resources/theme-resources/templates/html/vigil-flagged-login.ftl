<html>
<body>
<p>${msg("vigilFlaggedIntro", username, realmName)}</p>
<table>
  <tr><td>${msg("vigilWhen")}</td><td>${when}</td></tr>
  <tr><td>${msg("vigilIpAddress")}</td><td>${ipAddress}</td></tr>
  <tr><td>${msg("vigilDevice")}</td><td>${device} (${userAgent})</td></tr>
  <tr><td>${msg("vigilApplication")}</td><td>${client}</td></tr>
  <tr><td>${msg("vigilScore")}</td><td>${score} (${msg("vigilThreshold")} ${threshold})</td></tr>
  <tr><td>${msg("vigilReasons")}</td><td><#list reasons as r>${r}<#sep>, </#list></td></tr>
  <tr><td>${msg("vigilAction")}</td><td>${action}</td></tr>
  <tr><td>${msg("vigilLoginId")}</td><td>${loginId}</td></tr>
</table>
<p>${msg("vigilFlaggedWhatToDo")}</p>
</body>
</html>
