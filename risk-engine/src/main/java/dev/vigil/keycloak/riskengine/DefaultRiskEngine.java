package dev.vigil.keycloak.riskengine;

import dev.vigil.keycloak.riskengine.history.JpaLoginEventStore;
import dev.vigil.keycloak.riskengine.history.LoginEventStore;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

public class DefaultRiskEngine implements RiskEngine {

    private final KeycloakSession session;
    private LoginEventStore loginEvents;

    public DefaultRiskEngine(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public LoginEventStore loginEvents() {
        if (loginEvents == null) {
            loginEvents = new JpaLoginEventStore(session.getProvider(JpaConnectionProvider.class).getEntityManager());
        }
        return loginEvents;
    }

    @Override
    public void close() {
    }
}
