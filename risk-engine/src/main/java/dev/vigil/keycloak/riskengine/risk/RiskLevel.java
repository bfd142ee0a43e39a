package dev.vigil.keycloak.riskengine.risk;

import java.util.Locale;
import java.util.Optional;

/** How risky a login looks: what a flow does with it is the flow's choice (typically step up on MEDIUM, deny on HIGH). */
public enum RiskLevel {
    LOW, MEDIUM, HIGH;

    /** Whether this level is {@code other} or above. */
    public boolean atLeast(RiskLevel other) {
        return compareTo(other) >= 0;
    }

    /** The level named (any case), if it is one. */
    public static Optional<RiskLevel> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
