package dev.vigil.keycloak.eventlistener;

import dev.vigil.keycloak.eventlistener.cleanup.VigilDataCleanup;
import dev.vigil.keycloak.eventlistener.recording.LoginRecorder;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * The {@code vigil} event listener. Not global: a realm opts in by adding {@code vigil} to
 * Realm settings → Events → Event listeners. Data clean-up on user/realm removal is registered for
 * every realm, opted in or not.
 */
public class VigilEventListenerProviderFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "vigil";

    private LoginRecorder recorder;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new VigilEventListenerProvider(session, recorder);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        recorder = new LoginRecorder(factory);
        factory.register(new VigilDataCleanup());
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
