package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.keycloak.it.support.ForwardedAddresses;
import dev.vigil.keycloak.it.support.TypingRhythmUsers;
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
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;

/**
 * A simulation realm (the demo) gets weeks of history through {@code POST …/vigil/history}: the replayed logins are
 * assessed, recorded and scored as live ones would have been, so the next real login is judged against them.
 */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
public class HistoryImportIT {

    static final String REALM = "vigil-demo";
    static final String PASSWORD = "Hana-history-1";
    static final String UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15";

    @InjectRealm(fromJson = "/vigil-demo-realm.json")
    ManagedRealm demo;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectAdminClient
    Keycloak admin;

    @InjectHttpClient
    HttpClient http;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @Test
    void weeksOfReplayedHistoryMakeTheNextRealLoginJudgedAgainstThem() {
        VigilApi api = new VigilApi(http, urls);
        ForwardedAddresses.allow(demo); // the live login below comes from a public address
        new TypingRhythmUsers(demo).createUser("hana", PASSWORD, List.of());
        String token = admin.tokenManager().getAccessTokenString();

        // 30 days of logins from her home network and laptop, always twelve hours away from the time of this test
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        int usualHour = (now.getHour() + 12) % 24;
        List<String> logins = new ArrayList<>();
        for (int day = 30; day >= 1; day--) {
            long t = now.minusDays(day).withHour(usualHour).withMinute(10).toInstant().toEpochMilli();
            logins.add("{\"time\":%d,\"username\":\"hana\",\"success\":true,\"ip\":\"198.51.100.%d\",\"userAgent\":\"%s\",\"device\":\"hana-laptop\",\"typing\":null}"
                    .formatted(t, 60 + day % 3, UA));
        }
        // a failed attempt from London (in MaxMind's test database): replayed rows are located like live ones
        logins.add("{\"time\":%d,\"username\":\"nobody-here\",\"success\":false,\"ip\":\"81.2.69.142\",\"userAgent\":\"curl/8\"}"
                .formatted(now.minusDays(2).toInstant().toEpochMilli()));
        // her password played by a bot (a replayed typing) on a browser and network she never used, at an hour she
        // never logs in: HIGH, replayed as the demo flow ends it — denied, not scored, nothing learnt from it
        logins.add("{\"time\":%d,\"username\":\"hana\",\"success\":true,\"ip\":\"192.0.2.200\",\"userAgent\":\"%s\",\"device\":\"not-hers\",\"typing\":\"REPLAY\"}"
                .formatted(now.minusDays(3).withHour((usualHour + 12) % 24).toInstant().toEpochMilli(), UA));
        VigilApi.Answer answer = api.post(REALM, token, "history", "{\"logins\":[" + String.join(",", logins) + "]}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("imported").asInt()).isEqualTo(32);
        assertThat(answer.json().get("scored").asInt()).isEqualTo(30);
        assertThat(answer.json().get("high").asInt()).isEqualTo(1);
        assertThat(answer.json().get("unknownUsers").asInt()).isEqualTo(1);
        assertThat(api.loginEvents(REALM, token, "user=hana&type=LOGIN_ERROR&max=5")).singleElement().satisfies(r -> {
            assertThat(r.path("error").asText()).isEqualTo("vigil_high_risk");
            assertThat(r.path("riskLevel").asText()).isEqualTo("HIGH");
            assertThat(r.path("riskReasons").asText()).contains("new_device", "typing_rhythm");
        });
        List<JsonNode> rows = api.loginEvents(REALM, token, "user=hana&type=LOGIN&max=100");
        assertThat(rows).hasSize(30).allSatisfy(r -> assertThat(r.path("status").asText()).isIn("SCORED", "FLAGGED"));
        assertThat(rows.get(0).path("riskLevel").asText()).isEqualTo("LOW");
        if (dev.vigil.keycloak.it.support.VigilServerConfig.GEOIP != null) {
            assertThat(api.loginEvents(REALM, token, "user=nobody-here&type=LOGIN_ERROR&max=5"))
                    .singleElement().satisfies(r -> assertThat(r.path("country").asText()).isEqualTo("GB"));
        }

        // a real login now, by password grant (no device cookie) from another network, at an hour she never logs in at
        AccessTokenResponse live = oauth.passwordGrantRequest("hana", PASSWORD)
                .header("X-Forwarded-For", "203.0.113.77").header("User-Agent", UA).send();
        assertThat(live.isSuccess()).as("MEDIUM is not denied at the token endpoint").isTrue();
        JsonNode row = api.awaitScoredLogin(REALM, token, "hana", 20_000);
        assertThat(row.path("riskLevel").asText()).isEqualTo("MEDIUM");
        assertThat(row.path("riskReasons").asText()).contains("new_device", "new_network", "unusual_hour");

        // bad input: named, nothing imported; a realm that is not a simulation realm refuses
        VigilApi.Answer bad = api.post(REALM, token, "history",
                "{\"logins\":[{\"time\":1,\"username\":\"hana\",\"success\":true,\"ip\":\"1.2.3.4\"}]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("logins[0]: time must be within the realm's history window");
        assertThat(api.post(REALM, token, "history", "{\"logins\":[{\"time\":" + System.currentTimeMillis()
                + ",\"username\":\"hana\",\"success\":true,\"ip\":\"not an ip\"}]}").body()).contains("ip must be");
        var rep = demo.admin().toRepresentation();
        rep.getAttributes().put("vigil.simulation", "false");
        demo.admin().update(rep);
        assertThat(api.post(REALM, token, "history", "{\"logins\":[]}").status()).isEqualTo(403);
    }
}
