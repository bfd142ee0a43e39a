package dev.vigil.keycloak.eventlistener.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.vigil.keycloak.riskengine.history.LoginRecord;
import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

class LoginCaptureTest {

    @Test
    void copiesTheFactsOfALoginEvent() {
        Event e = new Event();
        e.setId("ev-1");
        e.setRealmId("realm-1");
        e.setType(EventType.LOGIN);
        e.setTime(1234L);
        e.setUserId("user-1");
        e.setClientId("app");
        e.setSessionId("sess-1");
        e.setIpAddress("203.0.113.9");
        e.setDetails(Map.of("username", "alice", "auth_method", "openid-connect", "grant_type", "password"));

        LoginRecord r = LoginCapture.of(e, "curl/8.1", null, null);

        assertThat(r).isEqualTo(new LoginRecord("ev-1", "realm-1", "LOGIN", null, 1234L, "user-1", "alice", "app",
                "sess-1", "203.0.113.9", "curl/8.1", "ua:curl", "203.0.113.0/24", "openid-connect", "password", null));
    }

    @Test
    void keepsTheTypingRhythmOutcomeAndNothingElseFromThatDetail() {
        Event e = new Event();
        e.setId("ev-3");
        e.setRealmId("realm-1");
        e.setType(EventType.LOGIN);
        e.setDetails(Map.of("username", "alice", "vigil_keystroke", "MISMATCH"));
        assertThat(LoginCapture.of(e, null, null, null).keystroke()).isEqualTo("MISMATCH");

        e.setDetails(Map.of("username", "alice", "vigil_keystroke", "x".repeat(5000)));
        assertThat(LoginCapture.of(e, null, null, null).keystroke()).isNull();
    }

    @Test
    void toleratesAnErrorEventWithoutDetails() {
        Event e = new Event();
        e.setId("ev-2");
        e.setRealmId("realm-1");
        e.setType(EventType.LOGIN_ERROR);
        e.setError("user_not_found");

        LoginRecord r = LoginCapture.of(e, null, "abc", null);

        assertThat(r.type()).isEqualTo("LOGIN_ERROR");
        assertThat(r.error()).isEqualTo("user_not_found");
        assertThat(r.userId()).isNull();
        assertThat(r.username()).isNull();
        assertThat(r.deviceId()).as("a verified device cookie wins over the user agent").isEqualTo("d:abc");
        assertThat(r.network()).isNull();
    }
}
