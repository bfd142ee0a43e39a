package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.keycloak.it.support.DemoUsers;
import dev.vigil.keycloak.it.support.RealmTokens;
import dev.vigil.keycloak.it.support.VigilApi;
import dev.vigil.keycloak.it.support.VigilApi.Answer;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.apache.http.client.HttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.testframework.admin.AdminClientFactory;
import org.keycloak.testframework.annotations.InjectAdminClientFactory;
import org.keycloak.testframework.annotations.InjectHttpClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.annotations.TestSetup;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.server.KeycloakUrls;

/** {@code GET /admin/realms/{realm}/vigil/login-events}: paging, filters, permissions, bad input. */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
public class LoginEventsRestIT {

    static final String REALM_A = "vigil-rest-a";
    static final String REALM_B = "vigil-rest-b";

    @InjectRealm(config = RealmA.class)
    ManagedRealm realmA;

    @InjectRealm(ref = "b", config = RealmB.class)
    ManagedRealm realmB;

    @InjectOAuthClient
    OAuthClient oauthA;

    @InjectOAuthClient(ref = "b", realmRef = "b")
    OAuthClient oauthB;

    @InjectAdminClientFactory
    AdminClientFactory adminClients;

    @InjectHttpClient
    HttpClient http;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    VigilApi api;
    /** set once by {@link #recordLogins()}; test instances are per method */
    static long afterFirstThree;

    @BeforeEach
    void api() {
        api = new VigilApi(http, urls);
    }

    /** Realm A: 3 logins of erin, then 2 wrong passwords of frank and 1 unknown user; realm B: 1 login of gina. */
    @TestSetup
    public void recordLogins() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            assertThat(oauthA.doPasswordGrantRequest("erin", DemoUsers.PASSWORD).isSuccess()).isTrue();
        }
        Thread.sleep(20);
        afterFirstThree = System.currentTimeMillis();
        Thread.sleep(20);
        assertThat(oauthA.doPasswordGrantRequest("frank", "nope-1").isSuccess()).isFalse();
        assertThat(oauthA.doPasswordGrantRequest("frank", "nope-2").isSuccess()).isFalse();
        assertThat(oauthA.doPasswordGrantRequest("nobody-at-all", "x").isSuccess()).isFalse();
        assertThat(oauthB.doPasswordGrantRequest("gina", DemoUsers.PASSWORD).isSuccess()).isTrue();
    }

    String viewerA() {
        return RealmTokens.of(adminClients, REALM_A, "viewer");
    }

    @Test
    void listsNewestFirstWithPages() {
        List<JsonNode> all = api.loginEvents(REALM_A, viewerA(), null);
        // 3 erin + 2 frank + 1 unknown, plus the admin-cli logins of the users who call the API
        List<JsonNode> subjectRows = all.stream()
                .filter(r -> !List.of("viewer", "noroles").contains(r.path("username").asText())).toList();
        assertThat(subjectRows).hasSize(6);
        assertThat(all).isSortedAccordingTo((x, y) -> Long.compare(y.get("time").asLong(), x.get("time").asLong()));

        List<JsonNode> page1 = api.loginEvents(REALM_A, viewerA(), "user=erin&max=2");
        List<JsonNode> page2 = api.loginEvents(REALM_A, viewerA(), "user=erin&max=2&first=2");
        assertThat(page1).hasSize(2);
        assertThat(page2).hasSize(1);
        assertThat(page1).extracting(r -> r.get("id").asText())
                .doesNotContainAnyElementsOf(page2.stream().map(r -> r.get("id").asText()).toList());
        assertThat(page1.get(1).get("time").asLong()).isGreaterThanOrEqualTo(page2.get(0).get("time").asLong());
    }

    @Test
    void filtersByUserTypeAndTime() {
        assertThat(api.loginEvents(REALM_A, viewerA(), "user=frank"))
                .hasSize(2).allSatisfy(r -> assertThat(r.get("type").asText()).isEqualTo("LOGIN_ERROR"));
        String erinId = realmA.admin().users().search("erin", true).get(0).getId();
        assertThat(api.loginEvents(REALM_A, viewerA(), "user=" + erinId)).hasSize(3);

        List<JsonNode> errors = api.loginEvents(REALM_A, viewerA(), "type=login_error");
        assertThat(errors).hasSize(3).allSatisfy(r -> assertThat(r.get("type").asText()).isEqualTo("LOGIN_ERROR"));

        List<JsonNode> later = api.loginEvents(REALM_A, viewerA(),
                "type=LOGIN_ERROR&from=" + Instant.ofEpochMilli(afterFirstThree));
        assertThat(later).hasSize(3);
        assertThat(api.loginEvents(REALM_A, viewerA(), "user=erin&to=" + afterFirstThree)).hasSize(3);
        assertThat(api.loginEvents(REALM_A, viewerA(), "user=erin&from=" + afterFirstThree)).isEmpty();
        assertThat(api.loginEvents(REALM_A, viewerA(), "user=erin&from=2000-01-01&to=2999-12-31")).hasSize(3);
    }

    @Test
    void withoutTokenIs401() {
        assertThat(api.getLoginEvents(REALM_A, null, null).status()).isEqualTo(401);
    }

    @Test
    void withoutViewEventsIs403() {
        String token = RealmTokens.of(adminClients, REALM_A, "noroles");
        assertThat(api.getLoginEvents(REALM_A, token, null).status()).isEqualTo(403);
    }

    @Test
    void withViewEventsIs200() {
        assertThat(api.getLoginEvents(REALM_A, viewerA(), null).status()).isEqualTo(200);
    }

    @Test
    void adminOfRealmBCannotReadRealmA() {
        String tokenB = RealmTokens.of(adminClients, REALM_B, "viewer");
        assertThat(api.getLoginEvents(REALM_A, tokenB, null).status()).isEqualTo(403);
        assertThat(api.getLoginEvents(REALM_B, viewerA(), null).status()).isEqualTo(403);
        List<JsonNode> own = api.loginEvents(REALM_B, tokenB, "user=gina");
        assertThat(own).hasSize(1);
    }

    @Test
    void aUsersPagesInterleaveEveryTypeNewestFirst() throws InterruptedException {
        // hana's page is read one event type at a time and merged (JpaLoginEventStore.list)
        for (String password : List.of("wrong-1", DemoUsers.PASSWORD, "wrong-2", DemoUsers.PASSWORD, "wrong-3")) {
            oauthB.doPasswordGrantRequest("hana", password);
            Thread.sleep(5);
        }
        String tokenB = RealmTokens.of(adminClients, REALM_B, "viewer");
        String hanaId = realmB.admin().users().search("hana", true).get(0).getId();
        List<String> realmWide = api.loginEvents(REALM_B, tokenB, "max=500").stream()
                .filter(r -> hanaId.equals(r.path("userId").asText())).map(r -> r.get("id").asText()).toList();
        List<JsonNode> hers = api.loginEvents(REALM_B, tokenB, "user=" + hanaId);
        assertThat(hers).extracting(r -> r.get("type").asText())
                .containsExactly("LOGIN_ERROR", "LOGIN", "LOGIN_ERROR", "LOGIN", "LOGIN_ERROR");
        assertThat(hers).extracting(r -> r.get("id").asText()).containsExactlyElementsOf(realmWide);
        List<String> paged = new ArrayList<>();
        for (int first = 0; first < 6; first += 2) {
            api.loginEvents(REALM_B, tokenB, "user=" + hanaId + "&max=2&first=" + first)
                    .forEach(r -> paged.add(r.get("id").asText()));
        }
        assertThat(paged).containsExactlyElementsOf(realmWide);
    }

    @ParameterizedTest(name = "{0} -> 400 mentioning ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "first=-1              | first must be between 0 and 100000",
            "first=100001          | first must be between 0 and 100000",
            "from=%2B300000000-01-01T00:00:00Z | from must be epoch milliseconds",
            "to=999999999999999    | to must lie between 1970-01-01 and 9999-12-31",
            "first=abc             | first must be a whole number",
            "max=0                 | max must be between 1 and 500",
            "max=501               | max must be between 1 and 500",
            "max=99999999999999999 | max must be a whole number",
            "from=yesterday        | from must be epoch milliseconds",
            "to=2026-13-45         | to must be epoch milliseconds",
            "from=2026-02-01&to=2026-01-01 | from must not be after to",
            "type=PASSWORD_SPRAY   | type must be one of"})
    void badParametersGive400WithAMessage(String query, String message) {
        Answer answer = api.getLoginEvents(REALM_A, viewerA(), query);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("errorMessage").asText()).contains(message);
    }

    @ParameterizedTest(name = "{0} -> 400")
    @CsvSource(delimiter = '|', value = {
            "flagged-logins?from=%2B300000000-01-01T00:00:00Z | from must be epoch milliseconds",
            "flagged-logins?first=2147483647                   | first must be between 0 and 100000",
            "stats?from=%2B300000000-01-01T00:00:00Z           | from must be epoch milliseconds",
            "stats?to=-300000000-01-01T00:00:00Z               | to must be epoch milliseconds",
            "stats?from=10000-01-01                            | from must be epoch milliseconds",
            "stats?to=999999999999999                          | to must lie between"})
    void outOfRangeDatesAndOffsetsGive400OnEveryListing(String pathAndQuery, String message) {
        Answer answer = api.get(REALM_A, viewerA(), pathAndQuery);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("errorMessage").asText()).contains(message);
    }

    static class RealmA implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder r) {
            return r.name(REALM_A).sslRequired("none").eventsListeners("vigil")
                    .users(DemoUsers.eventViewer("viewer"), DemoUsers.user("noroles"),
                            DemoUsers.user("erin"), DemoUsers.user("frank"));
        }
    }

    static class RealmB implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder r) {
            return r.name(REALM_B).sslRequired("none").eventsListeners("vigil")
                    .users(DemoUsers.eventViewer("viewer"), DemoUsers.user("gina"), DemoUsers.user("hana"));
        }
    }
}
