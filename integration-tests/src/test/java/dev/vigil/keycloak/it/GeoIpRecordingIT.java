package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.keycloak.it.support.DemoUsers;
import dev.vigil.keycloak.it.support.VigilApi;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.apache.http.client.HttpClient;
import org.junit.jupiter.api.Assumptions;
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
import org.keycloak.testframework.realm.UserBuilder;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;

/**
 * The login row carries where GeoIP placed the IP (MaxMind's test databases, VigilServerConfig): country, ASN,
 * coordinates and accuracy for a London address; nothing, and a working login, for an address no database knows,
 * documentation IPv6, private and loopback addresses and a garbled X-Forwarded-For.
 */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
class GeoIpRecordingIT {

    static final String REALM = "vigil-geoip-rows";
    /** London in MaxMind's GeoIP2-City-Test (also in GeoIpIT). */
    static final String LONDON = "81.2.69.142";
    static final List<String> GEO = List.of("country", "asn", "asOrganization", "latitude", "longitude",
            "geoAccuracyKm");

    @InjectRealm(config = GeoRealm.class)
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
    void setUp() {
        Assumptions.assumeTrue(VigilServerConfig.GEOIP != null, "GeoIP test databases not found (shared/data/geoip)");
        api = new VigilApi(http, urls);
        // another class (GeoIpIT) may just have put the files back: wait until the server reads them again
        long deadline = System.currentTimeMillis() + 20_000;
        String status;
        do {
            status = api.get(REALM, admin.tokenManager().getAccessTokenString(), "settings").json().path("geoip")
                    .asText();
            if (status.contains("off") && System.currentTimeMillis() < deadline) {
                sleep();
            }
        } while (status.contains("off") && System.currentTimeMillis() < deadline);
        assertThat(status).as("GeoIP status").doesNotContain("off");
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aLondonLoginsRowShowsItsCountryAndPlace() {
        JsonNode row = login("gina", LONDON);
        assertThat(row.get("ipAddress").asText()).isEqualTo(LONDON);
        assertThat(row.path("country").asText()).as("row %s", row).isEqualTo("GB");
        assertThat(row.path("latitude").isNumber()).as("row %s", row).isTrue();
        assertThat(row.path("longitude").isNumber()).isTrue();
        assertThat(row.path("geoAccuracyKm").asInt()).isPositive();
        System.out.printf("GeoIpRecordingIT: %s -> %s%n", LONDON, GEO.stream().map(f -> f + "=" + row.path(f))
                .toList());
    }

    @Test
    void unknownPrivateAndGarbledAddressesLeaveTheLocationEmptyAndTheLoginWorks() {
        String[][] cases = {{"ivan", "198.51.100.9"}, {"jana", "2001:db8::7"}, {"karl", "10.1.2.3"},
                {"lena", "127.0.0.1"}, {"mila", "not-an-ip, <script>alert(1)</script>"}, {"nora", "999.1.1.1"}};
        for (String[] c : cases) {
            JsonNode row = login(c[0], c[1]);
            for (String field : GEO) {
                assertThat(row.hasNonNull(field)).as("%s from %s: %s", field, c[1], row).isFalse();
            }
        }
    }

    /** A password login from {@code forwardedFor}; it must succeed; answers its row. */
    private JsonNode login(String user, String forwardedFor) {
        AccessTokenResponse r = oauth.passwordGrantRequest(user, DemoUsers.PASSWORD)
                .header("X-Forwarded-For", forwardedFor).send();
        assertThat(r.getStatusCode()).as("%s from %s: %s", user, forwardedFor, r.getErrorDescription())
                .isEqualTo(200);
        List<JsonNode> rows = api.loginEvents(REALM, admin.tokenManager().getAccessTokenString(), "user=" + user);
        assertThat(rows).as("rows of %s", user).hasSize(1);
        return rows.get(0);
    }

    static class GeoRealm implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder r) {
            return r.name(REALM).sslRequired("none").eventsListeners("vigil")
                    .users(List.of("gina", "ivan", "jana", "karl", "lena", "mila", "nora").stream()
                            .map(DemoUsers::user).toArray(UserBuilder[]::new));
        }
    }
}
