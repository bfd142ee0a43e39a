package dev.vigil.keycloak.eventlistener.recording;

import java.util.Map;

import dev.vigil.keycloak.riskengine.features.Networks;
import dev.vigil.keycloak.riskengine.features.UserAgents;
import dev.vigil.keycloak.riskengine.history.LoginRecord;
import dev.vigil.keycloak.riskengine.keystroke.TypingRhythmSignal;
import dev.vigil.keycloak.riskengine.risk.RiskNotes;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.http.HttpRequest;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Turns a Keycloak {@link Event} plus request facts into a {@link LoginRecord}. Must run synchronously in
 * {@code onEvent}: the user agent and cookies are not part of the event and the request is gone once
 * the listener returns.
 */
public final class LoginCapture {

    private LoginCapture() {
    }

    /**
     * @param cookieDeviceId the verified device-cookie id, or null (then the user-agent family stands in)
     * @param authSession    the login's authentication session, or null: where the typing-rhythm outcome is
     *                       read when the event has no such detail
     */
    public static LoginRecord of(Event event, String userAgent, String cookieDeviceId,
            AuthenticationSessionModel authSession) {
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        RiskNotes.Noted risk = RiskNotes.of(details).or(() -> RiskNotes.of(authSession)).orElse(null);
        return new LoginRecord(
                event.getId(),
                event.getRealmId(),
                event.getType().name(),
                event.getError(),
                event.getTime(),
                event.getUserId(),
                details.get(Details.USERNAME),
                event.getClientId(),
                event.getSessionId(),
                event.getIpAddress(),
                userAgent,
                deviceId(cookieDeviceId, userAgent),
                Networks.prefixOf(event.getIpAddress()),
                details.get(Details.AUTH_METHOD),
                details.get(Details.GRANT_TYPE),
                TypingRhythmSignal.of(details).or(() -> TypingRhythmSignal.of(authSession)).map(Enum::name)
                        .orElse(null),
                risk == null ? null : risk.level().name(),
                risk == null ? null : risk.score(),
                risk == null ? null : risk.reasons());
    }

    public static String deviceId(String cookieDeviceId, String userAgent) {
        return cookieDeviceId != null ? "d:" + cookieDeviceId : "ua:" + UserAgents.family(userAgent);
    }

    /** A login in the browser (authorization endpoint) rather than at the token endpoint. */
    public static boolean isBrowserLogin(Event event) {
        return event.getDetails() == null || event.getDetails().get(Details.GRANT_TYPE) == null;
    }

    /** The {@code User-Agent} header of the current request, or null outside an HTTP request. */
    public static String userAgent(HttpRequest request) {
        HttpHeaders headers = request == null ? null : request.getHttpHeaders();
        if (headers == null) {
            return null;
        }
        String ua = headers.getHeaderString(HttpHeaders.USER_AGENT);
        return ua == null || ua.isBlank() ? null : ua;
    }
}
