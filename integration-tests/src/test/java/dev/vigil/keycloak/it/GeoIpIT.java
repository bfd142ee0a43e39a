package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.keycloak.it.support.ForwardedAddresses;
import dev.vigil.keycloak.it.support.TypingRhythmUsers;
import dev.vigil.keycloak.it.support.VigilApi;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.apache.http.client.HttpClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
 * GeoIP through the real reader on MaxMind's test databases (VigilServerConfig points the server at copies): a login
 * from London and, minutes later, the same password from China is impossible travel and refused exactly like a wrong
 * password; the database taken away under the running server turns the geo signals off and logins go on; put back,
 * it is read again.
 */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class GeoIpIT {

    static final String REALM = "vigil-demo";
    static final String PASSWORD = "Ivan-geo-1";
    static final String LONDON = "81.2.69.142";
    static final String CHANGCHUN = "175.16.199.5";

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

    VigilApi api;

    @BeforeEach
    void setUp() {
        Assumptions.assumeTrue(VigilServerConfig.GEOIP != null, "GeoIP test databases not found (shared/data/geoip)");
        api = new VigilApi(http, urls);
        ForwardedAddresses.allow(demo);
    }

    @Test
    @Order(1)
    void anImpossibleTripIsRefusedLikeAWrongPassword() {
        new TypingRhythmUsers(demo).createUser("ivan", PASSWORD, List.of());
        assertThat(api.get(REALM, token(), "settings").json().get("geoip").asText())
                .contains("city: ").contains("GeoIP2-City").contains("asn: ");

        assertThat(grant(PASSWORD, LONDON).isSuccess()).as("his first login, from London").isTrue();
        api.awaitScoredLogin(REALM, token(), "ivan", 20_000); // his profile now knows where he was

        AccessTokenResponse right = grant(PASSWORD, CHANGCHUN);
        AccessTokenResponse wrong = grant("not-his-password", CHANGCHUN);
        assertThat(right.isSuccess()).isFalse();
        assertThat(right.getStatusCode()).isEqualTo(wrong.getStatusCode()).isEqualTo(400);
        assertThat(right.getError()).isEqualTo(wrong.getError()).isEqualTo("invalid_grant");
        assertThat(right.getErrorDescription()).isEqualTo(wrong.getErrorDescription());

        JsonNode refused = api.loginEvents(REALM, token(), "user=ivan&type=LOGIN_ERROR&level=high").get(0);
        assertThat(refused.path("error").asText()).isIn("vigil_high_risk", "invalid_user_credentials");
        assertThat(refused.path("riskReasons").asText()).contains("impossible_travel=").contains("new_country=CN");
        assertThat(refused.path("ipAddress").asText()).isEqualTo(CHANGCHUN);
    }

    @Test
    @Order(2)
    void takenAwayTheDatabaseTurnsGeoOffLoginsGoOnAndPutBackItIsReadAgain() throws Exception {
        // the refusal and the wrong password above came within a second: Keycloak's quick-login check locked ivan
        demo.admin().attackDetection().clearBruteForceForUser(demo.admin().users().search("ivan", true).get(0).getId());
        Path city = VigilServerConfig.GEOIP.resolve("city.mmdb");
        Path asn = VigilServerConfig.GEOIP.resolve("asn.mmdb");
        Path cityAside = VigilServerConfig.GEOIP.resolve("city.aside");
        Path asnAside = VigilServerConfig.GEOIP.resolve("asn.aside");
        Files.move(city, cityAside, StandardCopyOption.REPLACE_EXISTING);
        Files.move(asn, asnAside, StandardCopyOption.REPLACE_EXISTING);
        try {
            Thread.sleep(6_000); // the files are looked at every 5 s
            assertThat(grant(PASSWORD, LONDON).isSuccess()).as("a login without GeoIP").isTrue();
            assertThat(api.get(REALM, token(), "settings").json().get("geoip").asText()).contains("off");
        } finally {
            Files.move(cityAside, city, StandardCopyOption.REPLACE_EXISTING);
            Files.move(asnAside, asn, StandardCopyOption.REPLACE_EXISTING);
        }
        Thread.sleep(6_000);
        assertThat(api.get(REALM, token(), "settings").json().get("geoip").asText()).doesNotContain("off")
                .contains("GeoIP2-City");
        // addresses no database knows, IPv6 and private ones: logins go on, no 500
        for (String ip : new String[] {"198.51.100.9", "2001:db8::7", "10.0.0.8", "2001:218::1"}) {
            assertThat(grant(PASSWORD, ip).getStatusCode()).as(ip).isIn(200, 400);
        }
    }

    private AccessTokenResponse grant(String password, String ip) {
        return oauth.passwordGrantRequest("ivan", password).header("X-Forwarded-For", ip).send();
    }

    private String token() {
        return admin.tokenManager().getAccessTokenString();
    }
}
