package dev.vigil.keycloak.testsupport;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Registers the test-only {@link AdminEventProbe} as event listener {@code vigil-test-admin-events}. */
public class AdminEventProbeFactory implements EventListenerProviderFactory {

    public static final String ID = "vigil-test-admin-events";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new AdminEventProbe(session.getKeycloakSessionFactory());
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
