<html>
<body>
<p>${kcSanitize(msg("vigilEmailCodeMailIntro", realmName))?no_esc}</p>
<p style="font-size: 1.6em; font-family: monospace; letter-spacing: 0.2em;"><strong>${code}</strong></p>
<p>${kcSanitize(msg("vigilEmailCodeMailValidity", minutes))?no_esc}</p>
<p>${kcSanitize(msg("vigilEmailCodeMailIfNotYou"))?no_esc}</p>
</body>
</html>
