<#ftl output_format="plainText">
${msg("vigilEmailCodeMailIntro", realmName)}

${code}

${msg("vigilEmailCodeMailValidity", minutes)}
${msg("vigilEmailCodeMailIfNotYou")}
