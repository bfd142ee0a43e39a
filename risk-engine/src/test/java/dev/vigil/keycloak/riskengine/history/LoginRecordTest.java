package dev.vigil.keycloak.riskengine.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginRecordTest {

    @Test
    void clippedFitsEveryColumn() {
        String huge = "x".repeat(5_000);
        LoginRecord r = new LoginRecord("id-1", "realm", "LOGIN", huge, 1L, huge, huge, huge, huge, huge, huge, huge,
                huge, huge, huge, huge).clipped();
        assertThat(r.error()).hasSize(LoginRecord.NAME_LENGTH);
        assertThat(r.userId()).hasSize(LoginRecord.NAME_LENGTH);
        assertThat(r.username()).hasSize(LoginRecord.NAME_LENGTH);
        assertThat(r.clientId()).hasSize(LoginRecord.NAME_LENGTH);
        assertThat(r.sessionId()).hasSize(LoginRecord.NAME_LENGTH);
        assertThat(r.ipAddress()).hasSize(LoginRecord.SHORT_LENGTH);
        assertThat(r.userAgent()).hasSize(LoginRecord.USER_AGENT_LENGTH);
        assertThat(r.deviceId()).hasSize(LoginRecord.SHORT_LENGTH);
        assertThat(r.network()).hasSize(LoginRecord.SHORT_LENGTH);
        assertThat(r.authMethod()).hasSize(LoginRecord.SHORT_LENGTH);
        assertThat(r.grantType()).hasSize(LoginRecord.SHORT_LENGTH);
        assertThat(r.keystroke()).hasSize(LoginRecord.KEYSTROKE_LENGTH);
    }

    @Test
    void clippedKeepsShortValuesAndNulls() {
        LoginRecord r = new LoginRecord("id-2", "realm", "LOGIN_ERROR", null, 7L, null, "alice", "app", null,
                "10.0.0.1", "curl/8", "ua:curl", "10.0.0.0/24", "openid-connect", "password", "MATCH");
        assertThat(r.clipped()).isEqualTo(r);
    }

    @Test
    void aNulIsWrittenAsAReplacementCharacter() {
        assertThat(LoginRecord.clip("ev\0e", 10)).isEqualTo("ev\uFFFDe");
        assertThat(LoginRecord.clip("plain", 10)).isSameAs("plain");
    }
}
