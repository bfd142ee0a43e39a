package dev.vigil.keycloak.eventlistener.recording;

import java.util.Map;

import dev.vigil.keycloak.riskengine.history.LoginRecord;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.events.Details;
import org.keycloak.http.HttpRequest;
import org.keycloak.events.Event;

/**
 * Turns a Keycloak {@link Event} plus the request's {@code User-Agent} into a {@link LoginRecord}.
 * Must run synchronously in {@code onEvent}: the user agent is not part of the event and the request
 * is gone once the listener returns.
 */
public final class LoginCapture {

    private LoginCapture() {
    }

    public static LoginRecord of(Event event, String userAgent) {
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
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
                details.get(Details.AUTH_METHOD),
                details.get(Details.GRANT_TYPE));
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
