package dev.vigil.keycloak.riskengine.risk;

import dev.vigil.keycloak.riskengine.features.LoginAttribute;

/**
 * How common attribute values are among the realm's successful logins: the "global" side of the likelihood signal.
 * Implementations: the node's periodically refreshed realm counts, and the benchmarks' running counts.
 */
public interface Population {

    /** Successful logins counted (0: nothing known, the likelihood signal is then silent). */
    long logins();

    /** Counted logins whose attribute has this raw value. */
    long count(LoginAttribute attribute, String value);

    /** Distinct values counted for the attribute (for smoothing unseen values). */
    long distinct(LoginAttribute attribute);

    /** Whether this population counts the attribute at all (the likelihood leaves out those it does not). */
    default boolean counts(LoginAttribute attribute) {
        return true;
    }

    /** Nothing known. */
    Population NONE = new Population() {
        @Override
        public long logins() {
            return 0;
        }

        @Override
        public long count(LoginAttribute attribute, String value) {
            return 0;
        }

        @Override
        public long distinct(LoginAttribute attribute) {
            return 0;
        }
    };
}
