<html>
<body>
<p>${kcSanitize(msg("vigilNewDeviceIntro", realmName))?no_esc}</p>
<table>
  <tr><td>${msg("vigilWhen")}</td><td>${when}</td></tr>
  <tr><td>${msg("vigilDevice")}</td><td>${device}</td></tr>
  <tr><td>${msg("vigilIpAddress")}</td><td>${ipAddress}</td></tr>
  <tr><td>${msg("vigilApplication")}</td><td>${client}</td></tr>
</table>
<p>${msg("vigilNewDeviceIfYou")}</p>
<p><strong>${msg("vigilNewDeviceIfNotYou")}</strong></p>
</body>
</html>
