package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.keycloak.it.support.DemoUsers;
import dev.vigil.keycloak.it.support.VigilApi;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.apache.http.client.HttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectHttpClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;

/** When scoring cannot work, logins still succeed, and the rows are scored once things recover. */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
class ScoringFailureIT {

    static final String REALM = "vigil-score-faults";

    @InjectRealm(config = FaultRealm.class)
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectAdminClient
    Keycloak admin;

    @InjectHttpClient
    HttpClient http;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    VigilApi api;

    @BeforeEach
    void api() {
        api = new VigilApi(http, urls);
    }

    @Test
    void anUnreadableNewModelIsIgnoredAndThePreviousOneKeepsScoring() throws InterruptedException {
        for (int i = 0; i < 12; i++) {
            assertThat(login().isSuccess()).isTrue();
            api.awaitScoredLogin(REALM, token(), "otto", 20_000);
        }
        // flagged logins train the model only once an admin confirmed them safe: review them, as an admin would
        for (JsonNode flagged : api.get(REALM, token(), "flagged-logins?max=500").json()) {
            assertThat(api.post(REALM, token(), "login-events/" + flagged.get("id").asText() + "/feedback",
                    "{\"feedback\":\"safe\"}").status()).isEqualTo(200);
        }
        assertThat(api.post(REALM, token(), "model/retrain", null).json().get("trained").asBoolean()).isTrue();
        assertThat(api.fault(token(), "model/publish-unreadable?realm=" + realm.getId()).status()).isEqualTo(204);
        Thread.sleep(1_500); // every node re-reads the stored model version after model-recheck-seconds

        assertThat(login().isSuccess()).as("the login does not depend on the model").isTrue();
        JsonNode row = api.awaitScoredLogin(REALM, token(), "otto", 20_000);
        assertThat(row.get("modelKind").asText()).as("scored by the previous model").isEqualTo("REALM");
        assertThat(row.get("modelVersion").asLong()).isEqualTo(1);
        assertThat(api.get(REALM, token(), "model").json().get("version").asLong()).isEqualTo(1);

        // flagged logins train the model only once an admin confirmed them safe: review them, as an admin would
        for (JsonNode flagged : api.get(REALM, token(), "flagged-logins?max=500").json()) {
            assertThat(api.post(REALM, token(), "login-events/" + flagged.get("id").asText() + "/feedback",
                    "{\"feedback\":\"safe\"}").status()).isEqualTo(200);
        }
        assertThat(api.post(REALM, token(), "model/retrain", null).json().get("trained").asBoolean()).isTrue();
        Thread.sleep(1_500);
        assertThat(login().isSuccess()).isTrue();
        JsonNode recovered = api.awaitScoredLogin(REALM, token(), "otto", 20_000);
        assertThat(recovered.get("modelKind").asText()).isEqualTo("REALM");
        assertThat(recovered.get("modelVersion").asLong()).as("the next good version is used").isEqualTo(3);
    }

    @Test
    void loginsWhoseScoreCannotBeStoredAreScoredByTheRecoveryTaskLater() throws InterruptedException {
        long start = System.currentTimeMillis();
        assertThat(api.fault(token(), "score-column/break").status()).isEqualTo(204);
        AccessTokenResponse tokens;
        try {
            tokens = login();
            assertThat(tokens.isSuccess()).as("the login succeeds while scoring fails").isTrue();
            Thread.sleep(2_000);
        } finally {
            assertThat(api.fault(token(), "score-column/restore").status()).isEqualTo(204);
        }
        JsonNode row = api.awaitScoredLogin(REALM, token(), "otto", 30_000);
        assertThat(row.get("time").asLong()).isGreaterThanOrEqualTo(start);
        assertThat(row.get("status").asText()).isIn("SCORED", "FLAGGED");
        assertThat(row.get("scoringAttempts").asInt()).as("re-queued by the recovery task").isBetween(1, 4);
        assertThat(row.get("sessionId").asText()).isEqualTo(oauth.verifyToken(tokens.getAccessToken()).getSessionId());
    }

    @Test
    void aLoginThatCanNeverBeScoredEndsFailedAfterFiveAttemptsAndIsNotRetriedForever() throws InterruptedException {
        long start = System.currentTimeMillis();
        assertThat(api.fault(token(), "score-column/break").status()).isEqualTo(204);
        try {
            assertThat(login().isSuccess()).as("the login succeeds while scoring fails").isTrue();
            // recovery every 3 s after a 2 s grace (VigilServerConfig): 5 attempts, then given up
            Thread.sleep(35_000);
        } finally {
            assertThat(api.fault(token(), "score-column/restore").status()).isEqualTo(204);
        }
        Thread.sleep(8_000); // recovery runs again with scoring repaired: a given-up row stays given up
        JsonNode row = api.loginEvents(REALM, token(), "type=LOGIN&max=1&user=otto").get(0);
        assertThat(row.get("time").asLong()).isGreaterThanOrEqualTo(start);
        assertThat(row.get("status").asText()).as("what the admin sees: " + row).isEqualTo("FAILED");
        assertThat(row.get("scoringAttempts").asInt()).isEqualTo(5);
        assertThat(row.hasNonNull("score")).isFalse();
        assertThat(api.loginEvents(REALM, token(), "status=failed")).as("the admin lists the logins given up")
                .extracting(r -> r.get("id").asText()).contains(row.get("id").asText());
        assertThat(api.loginEvents(REALM, token(), "status=scored,flagged"))
                .extracting(r -> r.get("id").asText()).doesNotContain(row.get("id").asText());
        assertThat(api.getLoginEvents(REALM, token(), "status=gone").status()).isEqualTo(400);
    }

    private AccessTokenResponse login() {
        return oauth.passwordGrantRequest("otto", DemoUsers.PASSWORD).header("X-Forwarded-For", "198.51.100.30")
                .header("User-Agent", "VigilIT/1.0").send();
    }

    private String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    static class FaultRealm implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder r) {
            return r.name(REALM).sslRequired("none").eventsListeners("vigil")
                    .attribute("vigil.minRealLogins", "10")
                    .users(DemoUsers.user("otto"));
        }
    }
}
