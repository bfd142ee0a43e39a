package dev.vigil.keycloak.riskengine.spi;

import dev.vigil.keycloak.riskengine.history.LoginEventStore;
import org.keycloak.provider.Provider;

/**
 * The {@code vigil-risk} SPI: the one entry point the login flow, the event listener and the admin
 * REST reach Vigil's history (and, from later issues, its risk assessment and model) through —
 * {@code session.getProvider(RiskEngine.class)}. One instance per Keycloak session.
 */
public interface RiskEngine extends Provider {

    /** The login history of the session's database, in the session's transaction. */
    LoginEventStore loginEvents();
}
