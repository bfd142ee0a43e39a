package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.keycloak.it.support.ForwardedAddresses;
import dev.vigil.keycloak.it.support.TypingRhythmPages;
import dev.vigil.keycloak.it.support.TypingRhythmUsers;
import dev.vigil.keycloak.it.support.VigilApi;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.apache.http.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectHttpClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;

/**
 * Trusted devices as a user and an admin meet them, on the demo flow: after her OTP a user is offered to trust the
 * browser; trusted, the browser lowers the risk of her next login (no OTP where an untrusted one is asked); the
 * admin lists and revokes the trust and the prompt comes back; a password reset and a "compromised" verdict end
 * every trust; deleting the user deletes the rows. The realm here steps up every new network (new_network weight
 * 2.5, as an operator who wants that may set it), so that a known but untrusted browser on a new network is MEDIUM.
 */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
public class TrustedDeviceIT {

    static final String REALM = "vigil-demo";
    static final String PASSWORD = "Tess-trust-1";
    static final String OTP_SECRET = "vigil-trust-tess-totp";

    @InjectRealm(fromJson = "/vigil-demo-realm.json")
    ManagedRealm demo;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectWebDriver
    ManagedWebDriver driver;

    @InjectAdminClient
    Keycloak admin;

    @InjectHttpClient
    HttpClient http;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    TypingRhythmPages pages;
    TypingRhythmUsers users;
    VigilApi api;
    int network;
    String password = PASSWORD;

    @BeforeEach
    void setUp() {
        pages = new TypingRhythmPages(oauth, driver);
        users = new TypingRhythmUsers(demo);
        api = new VigilApi(http, urls);
        users.reusableOtpCodes();
        ForwardedAddresses.allow(demo);
        var rep = demo.admin().toRepresentation();
        rep.getAttributes().put("vigil.risk.weight.new_network", "2.5");
        demo.admin().update(rep);
    }

    @AfterEach
    void tearDown() {
        pages.stopAtTrustOffer(false);
        ((HtmlUnitDriver) driver.driver()).getWebClient().removeRequestHeader("X-Forwarded-For");
    }

    @Test
    void aTrustedBrowserIsNotAskedForOtpOnANewNetworkUntilTheTrustIsRevoked() {
        String id = users.createUserWithOtp("tess", PASSWORD, OTP_SECRET);
        fromNewNetwork();
        pages.newBrowser();
        // her first login: no history, no step-up (cold start)
        assertThat(pages.loginWithoutField("tess", PASSWORD)).isEqualTo(TypingRhythmPages.LOGGED_IN);
        api.awaitScoredLogin(REALM, token(), "tess", 20_000);

        // the same browser on a new network: MEDIUM, her OTP, then the offer to trust this browser
        fromNewNetwork();
        assertThat(pages.loginWithoutField("tess", PASSWORD)).isEqualTo(TypingRhythmPages.OTP_PAGE);
        pages.stopAtTrustOffer(true);
        assertThat(pages.submitOtp(TypingRhythmUsers.totpNow(OTP_SECRET))).isEqualTo(TypingRhythmPages.TRUST_PAGE);
        assertThat(body()).contains("Trust this browser for 30 days");
        assertThat(pages.answerTrustOffer(true)).isEqualTo(TypingRhythmPages.LOGGED_IN);
        assertThat(users.lastEvent(id, "LOGIN").getDetails()).containsKey("vigil_device_trusted_until");
        api.awaitScoredLogin(REALM, token(), "tess", 20_000);

        // the admin sees it: a label and a term, never the device id
        List<JsonNode> trusted = trustedDevices(id);
        assertThat(trusted).hasSize(1);
        JsonNode device = trusted.get(0);
        assertThat(device.path("label").asText()).contains(" on ");
        long days = (device.path("expiresAt").asLong() - device.path("createdAt").asLong()) / 86_400_000L;
        assertThat(days).isEqualTo(30);
        assertThat(device.toString()).doesNotContain("hash").doesNotContain("deviceId");

        // the trusted browser on yet another new network: password only, and the reason says why
        fromNewNetwork();
        assertThat(pages.loginWithoutField("tess", PASSWORD)).isEqualTo(TypingRhythmPages.LOGGED_IN);
        JsonNode row = api.awaitScoredLogin(REALM, token(), "tess", 20_000);
        assertThat(row.path("riskLevel").asText()).isEqualTo("LOW");
        assertThat(row.path("riskReasons").asText()).contains("trusted_device").contains("new_network")
                .doesNotContain("new_device");

        // the admin revokes the trust: the OTP is asked again on the next new network
        assertThat(api.delete(REALM, token(), "users/" + id + "/trusted-devices/" + device.path("id").asText())
                .status()).isEqualTo(200);
        assertThat(trustedDevices(id)).isEmpty();
        assertThat(api.delete(REALM, token(), "users/" + id + "/trusted-devices/" + device.path("id").asText())
                .status()).as("revoking it twice").isEqualTo(404);
        fromNewNetwork();
        assertThat(pages.loginWithoutField("tess", PASSWORD)).isEqualTo(TypingRhythmPages.OTP_PAGE);
        assertThat(pages.submitOtp(TypingRhythmUsers.totpNow(OTP_SECRET))).isEqualTo(TypingRhythmPages.TRUST_PAGE);
        assertThat(pages.answerTrustOffer(false)).as("not now").isEqualTo(TypingRhythmPages.LOGGED_IN);
        assertThat(trustedDevices(id)).isEmpty();

        // trusted again; then an admin resets her password: every trust given before it is void
        trustAgain();
        CredentialRepresentation reset = new CredentialRepresentation();
        reset.setType(CredentialRepresentation.PASSWORD);
        reset.setValue(PASSWORD + "x");
        reset.setTemporary(false);
        demo.admin().users().get(id).resetPassword(reset);
        this.password = PASSWORD + "x";
        assertThat(trustedDevices(id)).as("after a password reset").isEmpty();
        fromNewNetwork();
        assertThat(pages.loginWithoutField("tess", PASSWORD + "x")).isEqualTo(TypingRhythmPages.OTP_PAGE);
        assertThat(pages.submitOtp(TypingRhythmUsers.totpNow(OTP_SECRET))).isEqualTo(TypingRhythmPages.TRUST_PAGE);
        assertThat(pages.answerTrustOffer(true)).isEqualTo(TypingRhythmPages.LOGGED_IN);
        JsonNode last = api.awaitScoredLogin(REALM, token(), "tess", 20_000);

        // a "compromised" verdict on one of her logins revokes every trust
        assertThat(trustedDevices(id)).hasSize(1);
        assertThat(api.post(REALM, token(), "login-events/" + last.path("id").asText() + "/feedback",
                "{\"feedback\":\"compromised\"}").status()).isEqualTo(200);
        assertThat(trustedDevices(id)).as("after a compromised verdict").isEmpty();

        // deleting the user deletes her trusted-device rows
        trustAgain();
        assertThat(api.faultText(token(), "trusted-devices?realm=" + demo.getId() + "&user=" + id).trim())
                .isNotEqualTo("0");
        demo.admin().users().get(id).remove();
        assertThat(api.faultText(token(), "trusted-devices?realm=" + demo.getId() + "&user=" + id).trim())
                .isEqualTo("0");
    }

    @Test
    void badRequestsGetAClearAnswer() {
        String id = users.createUser("tom", PASSWORD, List.of());
        assertThat(api.get(REALM, token(), "users/no-such-user/trusted-devices").status()).isEqualTo(404);
        assertThat(api.get(REALM, token(), "users/" + "x".repeat(400) + "/trusted-devices").status()).isEqualTo(404);
        assertThat(api.delete(REALM, token(), "users/" + id + "/trusted-devices/" + "y".repeat(300)).status())
                .isEqualTo(404);
        assertThat(api.delete(REALM, token(), "users/" + id + "/trusted-devices").json().path("revoked").asInt())
                .isZero();
        assertThat(api.put(REALM, token(), "settings", "{\"risk.trustedDeviceDays\":\"400\"}").status())
                .isEqualTo(400);
    }

    /** A login from a new network in the same browser, its OTP, and "Trust this browser". */
    private void trustAgain() {
        pages.stopAtTrustOffer(true);
        fromNewNetwork();
        assertThat(pages.loginWithoutField("tess", password)).isEqualTo(TypingRhythmPages.OTP_PAGE);
        assertThat(pages.submitOtp(TypingRhythmUsers.totpNow(OTP_SECRET))).isEqualTo(TypingRhythmPages.TRUST_PAGE);
        assertThat(pages.answerTrustOffer(true)).isEqualTo(TypingRhythmPages.LOGGED_IN);
        api.awaitScoredLogin(REALM, token(), "tess", 20_000);
    }


    private List<JsonNode> trustedDevices(String userId) {
        VigilApi.Answer a = api.get(REALM, token(), "users/" + userId + "/trusted-devices");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        List<JsonNode> list = new java.util.ArrayList<>();
        a.json().forEach(list::add);
        return list;
    }

    /** The browser's next requests come from a network the user never used (a new /24). */
    private void fromNewNetwork() {
        network++;
        var client = ((HtmlUnitDriver) driver.driver()).getWebClient();
        client.removeRequestHeader("X-Forwarded-For");
        client.addRequestHeader("X-Forwarded-For", "198.18." + network + ".20");
    }

    private String body() {
        return driver.driver().findElement(By.tagName("body")).getText();
    }

    private String token() {
        return admin.tokenManager().getAccessTokenString();
    }
}
