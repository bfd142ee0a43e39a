package dev.vigil.keycloak.eventlistener;

import dev.vigil.keycloak.riskengine.device.DeviceCookie;
import dev.vigil.keycloak.eventlistener.recording.LoginCapture;
import dev.vigil.keycloak.eventlistener.recording.LoginRecorder;
import dev.vigil.keycloak.eventlistener.scoring.ScoringService;
import dev.vigil.keycloak.riskengine.history.LoginRecord;
import dev.vigil.keycloak.riskengine.history.RecordedEventTypes;
import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Records the login-related events of realms that list {@code vigil} in their event listeners, sets the
 * device cookie on browser logins, and hands successful logins to scoring after the request commits.
 * Only successful logins are scored: the model describes how a user normally gets in; failed attempts
 * are counted into the velocity features of the next success instead.
 * Never throws: a listener must not disturb the login at all.
 */
public class VigilEventListenerProvider implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(VigilEventListenerProvider.class);

    private final KeycloakSession session;
    private final LoginRecorder recorder;
    private final ScoringService scoring;

    VigilEventListenerProvider(KeycloakSession session, LoginRecorder recorder, ScoringService scoring) {
        this.session = session;
        this.recorder = recorder;
        this.scoring = scoring;
    }

    @Override
    public void onEvent(Event event) {
        if (!RecordedEventTypes.isRecorded(event.getType())) {
            return;
        }
        boolean toScore = event.getType() == EventType.LOGIN && event.getUserId() != null;
        LoginRecord record;
        try {
            record = LoginCapture.of(event, LoginCapture.userAgent(session.getContext().getHttpRequest()),
                    deviceId(event, toScore), authenticationSession(event));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Vigil could not read %s event %s", event.getType(), event.getId());
            return;
        }
        record = record.withGeo(locate(record.ipAddress()));
        if (recorder.record(session, record, toScore) && toScore) {
            scoring.noteBaseUri(record.realmId(), frontendBaseUri());
            try {
                session.getTransactionManager().enlistAfterCompletion(scoring.afterCommit(record.realmId(), record.id()));
            } catch (RuntimeException e) {
                LOG.debugf(e, "Vigil could not schedule scoring of %s; the recovery task will", record.id());
            }
        }
    }

    /** The server's public base URI as this request sees it (for the links of the new-device e-mail), or null. */
    private java.net.URI frontendBaseUri() {
        try {
            return session.getContext().getUri(org.keycloak.urls.UrlType.FRONTEND).getBaseUri();
        } catch (RuntimeException e) {
            return null; // no HTTP request (an event raised by a background job)
        }
    }

    /**
     * The event's authentication session: the request's, else the one its {@code code_id} names (a failure reported
     * by one of Keycloak's own forms, such as a wrong OTP code in a stepped-up login, where the assessment made
     * earlier in the login is kept), or null.
     */
    private AuthenticationSessionModel authenticationSession(Event event) {
        AuthenticationSessionModel current = session.getContext().getAuthenticationSession();
        if (current != null || event.getDetails() == null || event.getDetails().get(Details.CODE_ID) == null) {
            return current;
        }
        try {
            RealmModel realm = session.realms().getRealm(event.getRealmId());
            RootAuthenticationSessionModel root = realm == null ? null
                    : session.authenticationSessions().getRootAuthenticationSession(realm, event.getDetails().get(Details.CODE_ID));
            if (root == null) {
                return null;
            }
            return root.getAuthenticationSessions().values().stream()
                    .filter(a -> a.getClient() != null && a.getClient().getClientId().equals(event.getClientId()))
                    .findFirst().orElse(null);
        } catch (RuntimeException e) {
            LOG.debugf(e, "Vigil could not find the authentication session of event %s", event.getId());
            return null;
        }
    }

    /** The login's location by the node's GeoIP databases, or null; never breaks recording. */
    private dev.vigil.keycloak.riskengine.geo.GeoLocation locate(String ip) {
        try {
            dev.vigil.keycloak.riskengine.geo.GeoIpProvider geoIp =
                    session.getProvider(dev.vigil.keycloak.riskengine.geo.GeoIpProvider.class);
            return geoIp == null ? null : geoIp.locate(ip).orElse(null);
        } catch (RuntimeException | LinkageError e) {
            LOG.debugf(e, "Vigil GeoIP lookup failed for %s", ip);
            return null;
        }
    }

    /**
     * The verified device-cookie id; a successful browser login without one gets a new cookie, one whose cookie
     * is old or signed with a passive key gets it issued again.
     */
    private String deviceId(Event event, boolean successfulLogin) {
        try {
            RealmModel realm = session.realms().getRealm(event.getRealmId());
            if (realm == null) {
                return null;
            }
            var known = DeviceCookie.read(session, realm);
            if (known.isPresent()) {
                if (known.get().refresh() && successfulLogin && LoginCapture.isBrowserLogin(event)) {
                    DeviceCookie.reissue(session, realm, known.get().id());
                }
                return known.get().id();
            }
            if (successfulLogin && LoginCapture.isBrowserLogin(event)) {
                return DeviceCookie.issue(session, realm).orElse(null);
            }
        } catch (RuntimeException e) {
            LOG.debugf(e, "Vigil device cookie unavailable for event %s", event.getId());
        }
        return null;
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        // admin events are Keycloak's own audit trail; Vigil does not copy them
    }

    @Override
    public void close() {
    }
}
