package dev.vigil.keycloak.eventlistener;

import dev.vigil.keycloak.eventlistener.recording.LoginCapture;
import dev.vigil.keycloak.eventlistener.recording.LoginRecorder;
import dev.vigil.keycloak.riskengine.history.LoginRecord;
import dev.vigil.keycloak.riskengine.history.RecordedEventTypes;
import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;

/**
 * Records the login-related events of realms that list {@code vigil} in their event listeners.
 * Never throws: Keycloak would log it, but a listener must not disturb the login at all.
 */
public class VigilEventListenerProvider implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(VigilEventListenerProvider.class);

    private final KeycloakSession session;
    private final LoginRecorder recorder;

    VigilEventListenerProvider(KeycloakSession session, LoginRecorder recorder) {
        this.session = session;
        this.recorder = recorder;
    }

    @Override
    public void onEvent(Event event) {
        if (!RecordedEventTypes.isRecorded(event.getType())) {
            return;
        }
        LoginRecord record;
        try {
            record = LoginCapture.of(event, LoginCapture.userAgent(session.getContext().getHttpRequest()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Vigil could not read %s event %s", event.getType(), event.getId());
            return;
        }
        recorder.record(record);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        // admin events are Keycloak's own audit trail; Vigil does not copy them
    }

    @Override
    public void close() {
    }
}
