package dev.vigil.keycloak.riskengine.risk;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers with a fixed count of decimals, as events, rows and reasons carry them ({@code 0.412}, {@code -1.50}):
 * the digits {@code String.format(Locale.ROOT, "%.3f", v)} gives (half up), without parsing a format string on
 * every login — that parsing was a tenth of the login-risk condition's CPU time (JFR, {@code bench/login-overhead}).
 */
final class Decimals {

    private Decimals() {
    }

    static String fixed(double v, int places) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).toPlainString();
    }
}
