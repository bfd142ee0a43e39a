<html>
<body>
<p>${kcSanitize(msg("vigilNewDeviceIntro", realmName))?no_esc}</p>
<table>
  <tr><td>${msg("vigilWhen")}</td><td>${when}</td></tr>
  <tr><td>${msg("vigilDevice")}</td><td>${device}</td></tr>
  <tr><td>${msg("vigilIpAddress")}</td><td>${ipAddress}</td></tr>
  <tr><td>${msg("vigilApplication")}</td><td>${client}</td></tr>
</table>
<#if notMeUrl??>
<p><strong><a href="${notMeUrl}">${msg("vigilNewDeviceNotMe")}</a></strong> &mdash; ${msg("vigilNewDeviceNotMeWhat")}</p>
<p><a href="${wasMeUrl}">${msg("vigilNewDeviceWasMe")}</a> &mdash; ${msg("vigilNewDeviceWasMeWhat")}</p>
<p>${msg("vigilNewDeviceLinksExpire", linkHours)}</p>
<#else>
<p>${msg("vigilNewDeviceIfYou")}</p>
<p><strong>${msg("vigilNewDeviceIfNotYou")}</strong></p>
</#if>
</body>
</html>
