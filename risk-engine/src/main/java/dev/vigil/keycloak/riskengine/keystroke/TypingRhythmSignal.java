package dev.vigil.keycloak.riskengine.keystroke;

import java.util.Map;
import java.util.Optional;

import dev.vigil.keycloak.riskengine.keystroke.KeystrokeDetector.Outcome;
import org.keycloak.events.EventBuilder;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Where the typing-rhythm outcome of a login is left, and how to read it back: the one place the
 * typing-rhythm form writes it and everything else (the typing-rhythm condition, the {@code vigil} event
 * listener that puts it on the Vigil login row, the risk engine) reads it.
 * <ul>
 *   <li>auth-session note {@value #AUTH_NOTE}, for conditions later in the same flow;</li>
 *   <li>LOGIN event detail {@value #EVENT_DETAIL}, for event listeners and Keycloak's event store — only
 *       when the login finishes in the form's request: after a step-up, the LOGIN event comes from a later
 *       request and lacks it, so readers fall back to the auth-session note.</li>
 * </ul>
 * The value is an {@link Outcome} name. Reading never throws: anything else is empty.
 */
public final class TypingRhythmSignal {

    public static final String AUTH_NOTE = "vigil.keystroke";
    public static final String EVENT_DETAIL = "vigil_keystroke";

    private TypingRhythmSignal() {
    }

    /** Leaves the outcome in the auth session and on the event being built. */
    public static void record(AuthenticationSessionModel authSession, EventBuilder event, Outcome outcome) {
        authSession.setAuthNote(AUTH_NOTE, outcome.name());
        event.detail(EVENT_DETAIL, outcome.name());
    }

    /** The outcome of this login so far, if the typing-rhythm form ran. */
    public static Optional<Outcome> of(AuthenticationSessionModel authSession) {
        return parse(authSession == null ? null : authSession.getAuthNote(AUTH_NOTE));
    }

    /** The outcome carried by a LOGIN event's details, if any. */
    public static Optional<Outcome> of(Map<String, String> eventDetails) {
        return parse(eventDetails == null ? null : eventDetails.get(EVENT_DETAIL));
    }

    static Optional<Outcome> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Outcome o : Outcome.values()) {
            if (o.name().equals(value)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
