package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.keycloak.it.support.DemoUsers;
import dev.vigil.keycloak.it.support.VigilApi;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.apache.http.client.HttpClient;
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
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * Retention: rows older than the realm's retentionDays go (with profiles not updated for as long), and a failed
 * attempt's username that matches no user is erased after unknownUsernameDays — by the scheduled task, which the
 * test server runs every 5 s.
 */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
public class RetentionIT {

    static final String REALM = "vigil-retention";

    @InjectRealm(config = RetentionRealm.class)
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectAdminClient
    Keycloak admin;

    @InjectHttpClient
    HttpClient http;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @Test
    void oldRowsAndProfilesGoAndUnknownUsernamesAreErased() {
        VigilApi api = new VigilApi(http, urls);
        String realmId = realm.admin().toRepresentation().getId();
        for (int i = 0; i < 3; i++) {
            assertThat(oauth.passwordGrantRequest("rita", DemoUsers.PASSWORD).send().isSuccess()).isTrue();
        }
        assertThat(oauth.passwordGrantRequest("ghost-user", "guess").send().isSuccess()).isFalse();
        api.awaitScoredLogin(REALM, token(), "rita", 20_000);
        assertThat(rows(api)).hasSize(4);
        String ritaId = realm.admin().users().search("rita", true).get(0).getId();
        assertThat(api.profiles(token(), realmId, ritaId)).isEqualTo(1);

        // eight days later: the unknown username is erased, the rows stay (within the 180-day retention)
        assertThat(api.fault(token(), "backdate?realm=" + realmId + "&days=8").status()).isEqualTo(204);
        List<JsonNode> afterWeek = awaitRows(api, rs -> rs.stream().noneMatch(r -> "ghost-user".equals(r.path("username").asText())));
        assertThat(afterWeek).hasSize(4);
        assertThat(afterWeek).filteredOn(r -> "LOGIN_ERROR".equals(r.path("type").asText())).singleElement()
                .satisfies(r -> assertThat(r.path("username").asText()).as("erased").isEmpty());
        assertThat(afterWeek).filteredOn(r -> "LOGIN".equals(r.path("type").asText()))
                .allSatisfy(r -> assertThat(r.path("username").asText()).as("known users keep theirs").isEqualTo("rita"));

        // two hundred days later: everything older than 180 days goes; a fresh login stays
        assertThat(api.fault(token(), "backdate?realm=" + realmId + "&days=200").status()).isEqualTo(204);
        List<JsonNode> afterRetention = awaitRows(api, List::isEmpty);
        assertThat(afterRetention).isEmpty();
        assertThat(api.profiles(token(), realmId, ritaId)).as("the profile went with them").isZero();
        assertThat(oauth.passwordGrantRequest("rita", DemoUsers.PASSWORD).send().isSuccess()).isTrue();
        api.awaitScoredLogin(REALM, token(), "rita", 20_000);
        sleep(8_000); // more than a retention run
        assertThat(rows(api)).as("a fresh login is kept").hasSize(1);
    }

    private List<JsonNode> awaitRows(VigilApi api, Predicate<List<JsonNode>> done) {
        long end = System.currentTimeMillis() + 30_000;
        List<JsonNode> rows = rows(api);
        while (!done.test(rows) && System.currentTimeMillis() < end) {
            sleep(500);
            rows = rows(api);
        }
        return rows;
    }

    private List<JsonNode> rows(VigilApi api) {
        return api.loginEvents(REALM, token(), "max=500");
    }

    private String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static class RetentionRealm implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder r) {
            return r.name(REALM).sslRequired("none").eventsListeners("vigil").users(DemoUsers.user("rita"));
        }
    }
}
