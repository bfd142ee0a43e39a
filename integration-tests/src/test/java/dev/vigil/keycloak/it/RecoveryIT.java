package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.keycloak.it.support.DemoUsers;
import dev.vigil.keycloak.it.support.VigilApi;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.apache.http.client.HttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
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

/**
 * The recovery task (every 3 s here, for logins older than 2 s: {@link VigilServerConfig}) serves every realm,
 * however large another realm's backlog. (A login that always fails ending {@code FAILED}: {@link ScoringFailureIT}.)
 */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
class RecoveryIT {

    static final String REALM = "vigil-recovery";
    static final String BACKLOG = "vigil-recovery-backlog";
    /** more than one recovery run takes (500): the whole cluster's batch of the old recovery */
    static final int BACKLOG_ROWS = 1_000;

    @InjectRealm(ref = "main", config = MainRealm.class)
    ManagedRealm realm;

    @InjectRealm(ref = "backlog", config = BacklogRealm.class)
    ManagedRealm backlog;

    @InjectOAuthClient(realmRef = "main", ref = "main")
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
    @DisplayName("given another realm with a backlog larger than a recovery run, when a login of this realm waits"
            + " for the recovery task, then it is scored while that backlog is still there")
    void aLargeBacklogInOneRealmDoesNotKeepAnotherRealmsLoginsFromBeingRecovered() throws InterruptedException {
        // the backlog: older than anything of this realm, and its scoring always fails, so it stays until given up
        assertThat(api.fault(token(), "scoring-of-user/break?username=flood").status()).isEqualTo(204);
        assertThat(api.fault(token(), "scoring-of-user/break?username=lena").status()).isEqualTo(204);
        try {
            assertThat(api.fault(token(), "unscored-rows?realm=" + backlog.getId() + "&username=flood&count="
                    + BACKLOG_ROWS + "&ageSeconds=3600").status()).isEqualTo(204);
            assertThat(login("lena")).isTrue();
            // its scoring failed, and so did the recovery task's first re-queue: from now on only the recovery
            // task can score it
            awaitAttempt(REALM, "lena", 30_000);
            assertThat(api.fault(token(), "scoring-of-user/restore?username=lena").status()).isEqualTo(204);
            long start = System.currentTimeMillis();

            JsonNode row = api.awaitScoredLogin(REALM, token(), "lena", 30_000);
            long millis = System.currentTimeMillis() - start;
            List<JsonNode> stillWaiting = api.loginEvents(BACKLOG, token(), "status=new&max=500");
            System.out.printf("recovery: the other realm's login scored %d ms after its scoring could work, after %d"
                    + " attempts, with %s older backlog logins still waiting%n", millis,
                    row.get("scoringAttempts").asInt(), stillWaiting.size() == 500 ? ">= 500" : stillWaiting.size());
            assertThat(row.get("status").asText()).isIn("SCORED", "FLAGGED");
            assertThat(stillWaiting).as("the backlog, all older than the login, was still more than a run's 500")
                    .hasSize(500);
        } finally {
            assertThat(api.fault(token(), "scoring-of-user/restore?username=flood").status()).isEqualTo(204);
            api.fault(token(), "scoring-of-user/restore?username=lena"); // already restored unless the test failed early
        }
    }

    private boolean login(String username) {
        return oauth.passwordGrantRequest(username, DemoUsers.PASSWORD).header("X-Forwarded-For", "198.51.100.40")
                .header("User-Agent", "VigilIT/1.0").send().isSuccess();
    }

    private void awaitAttempt(String realmName, String user, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            List<JsonNode> rows = api.loginEvents(realmName, token(), "type=LOGIN&max=1&user=" + user);
            if (!rows.isEmpty() && rows.get(0).get("scoringAttempts").asInt() >= 1) {
                assertThat(rows.get(0).get("status").asText()).isEqualTo("NEW");
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(user + "'s login had no failed scoring attempt within " + timeoutMillis + " ms");
    }

    private String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    static class MainRealm implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder r) {
            return r.name(REALM).sslRequired("none").eventsListeners("vigil")
                    .users(DemoUsers.user("lena"));
        }
    }

    static class BacklogRealm implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder r) {
            return r.name(BACKLOG).sslRequired("none").eventsListeners("vigil");
        }
    }
}
