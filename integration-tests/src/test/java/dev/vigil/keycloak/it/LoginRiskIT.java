package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.keycloak.it.support.ForwardedAddresses;
import dev.vigil.keycloak.it.support.TypingRhythmPages;
import dev.vigil.keycloak.it.support.TypingRhythmUsers;
import dev.vigil.keycloak.it.support.VigilApi;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.apache.http.client.HttpClient;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.EventRepresentation;
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
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;
import org.openqa.selenium.By;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;

/**
 * The demo flow's risk step-up, as a user meets it: a known browser on a known network signs in with the password
 * alone; a new browser on a new network is asked for the user's OTP and gets in with it, and the reasons are on the
 * LOGIN event and on Vigil's row; a HIGH-risk login is refused with exactly the answer a wrong password gets; when
 * the assessment cannot be made, the realm's fallback level applies and the login still works; garbage in the
 * request never breaks a login.
 */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class LoginRiskIT {

    static final String REALM = "vigil-demo";
    static final String PASSWORD = "Carol-risk-1";
    static final String OTP_SECRET = "vigil-risk-carol-totp";
    static final String FRANK_OTP = "vigil-risk-frank-totp";
    static final String HOME = "198.51.100.41";
    static final String CAFE = "203.0.113.50";
    static final String DENIED = "192.0.2.66";

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

    @BeforeEach
    void setUp() {
        pages = new TypingRhythmPages(oauth, driver);
        users = new TypingRhythmUsers(demo);
        api = new VigilApi(http, urls);
        users.reusableOtpCodes();
        ForwardedAddresses.allow(demo);
    }

    @AfterEach
    void noForwardedFor() {
        browserFrom(null);
    }

    @Test
    @Order(1)
    void aKnownBrowserOnAKnownNetworkIsNotAskedAndANewOneOnANewNetworkIs() {
        String id = users.createUserWithOtp("carol", PASSWORD, OTP_SECRET);
        browserFrom(HOME);
        pages.newBrowser();
        // her first login: no history is not a new device (cold start), so no second factor is asked
        assertThat(pages.loginWithoutField("carol", PASSWORD)).isEqualTo(TypingRhythmPages.LOGGED_IN);
        JsonNode first = api.awaitScoredLogin(REALM, token(), "carol", 20_000);
        assertThat(first.path("riskLevel").asText()).isEqualTo("LOW");

        // the same browser (its Vigil device cookie kept, only the SSO session gone) from home: password only
        assertThat(sameBrowserLogin("carol", PASSWORD)).isEqualTo(TypingRhythmPages.LOGGED_IN);
        JsonNode again = api.awaitScoredLogin(REALM, token(), "carol", 20_000);
        assertThat(again.path("riskLevel").asText()).isEqualTo("LOW");
        assertThat(again.path("riskReasons").asText()).doesNotContain("new_device").doesNotContain("new_network");

        // a new browser in a café: her OTP is asked, and with it she is in
        browserFrom(CAFE);
        pages.newBrowser();
        assertThat(pages.loginWithoutField("carol", PASSWORD)).isEqualTo(TypingRhythmPages.OTP_PAGE);
        assertThat(pages.submitOtp(TypingRhythmUsers.totpNow(OTP_SECRET))).isEqualTo(TypingRhythmPages.LOGGED_IN);
        EventRepresentation login = users.lastEvent(id, "LOGIN");
        assertThat(login.getDetails()).containsEntry("vigil_risk_level", "MEDIUM");
        assertThat(login.getDetails().get("vigil_risk_reasons")).contains("new_device=no device cookie(+2.00)",
                "new_network=new(+0.75)");
        JsonNode row = api.awaitScoredLogin(REALM, token(), "carol", 20_000);
        assertThat(row.path("riskLevel").asText()).isEqualTo("MEDIUM");
        assertThat(row.path("riskReasons").asText()).contains("new_device", "new_network");
        assertThat(row.path("ipAddress").asText()).isEqualTo(CAFE);
        assertThat(api.loginEvents(REALM, token(), "level=medium&user=carol")).extracting(r -> r.path("id").asText())
                .contains(row.path("id").asText());
        assertThat(api.getLoginEvents(REALM, token(), "level=extreme").status()).isEqualTo(400);
    }

    @Test
    @Order(2)
    void aHighRiskLoginIsRefusedExactlyLikeAWrongPassword() {
        String id = users.userId("carol");
        setRisk(Map.of("denyCidrs", "192.0.2.0/24"));
        browserFrom(DENIED);
        String rightPage = pages.loginWithoutField("carol", PASSWORD);
        String rightText = body();
        assertThat(rightPage).isEqualTo("login-vigil-login");
        assertThat(rightText).contains("Invalid username or password.");
        EventRepresentation error = users.lastEvent(id, "LOGIN_ERROR");
        assertThat(error.getError()).isEqualTo("vigil_high_risk");
        assertThat(error.getDetails()).containsEntry("vigil_risk_level", "HIGH");

        String wrongPage = pages.loginWithoutField("carol", "not-her-password");
        assertThat(wrongPage).isEqualTo(rightPage);
        assertThat(body()).isEqualTo(rightText);
        // the refused page submitted again with the right password: refused again, the same way
        assertThat(submitAgain("carol", PASSWORD)).isEqualTo(rightPage);
        assertThat(body()).contains("Invalid username or password.");

        // at the token endpoint, the same status and body as a wrong password
        AccessTokenResponse right = oauth.passwordGrantRequest("carol", PASSWORD).header("X-Forwarded-For", DENIED).send();
        AccessTokenResponse wrong = oauth.passwordGrantRequest("carol", "nope").header("X-Forwarded-For", DENIED).send();
        assertThat(right.getStatusCode()).isEqualTo(wrong.getStatusCode()).isEqualTo(400);
        assertThat(right.getError()).isEqualTo(wrong.getError()).isEqualTo("invalid_grant");
        assertThat(right.getErrorDescription()).isEqualTo(wrong.getErrorDescription());
        setRisk(Map.of("denyCidrs", ""));
        // the refusals counted like wrong passwords (five here): Keycloak's brute-force protection is not told apart
        demo.admin().attackDetection().clearBruteForceForUser(id);
    }

    @Test
    @Order(3)
    void whenTheAssessmentFailsTheFallbackLevelAppliesAndTheLoginWorks() {
        String id = users.userId("carol");
        browserFrom(HOME);
        assertThat(api.breakLoginTable(token()).status()).isEqualTo(204);
        try {
            // fallback MEDIUM (the default): her OTP is asked, and the login works
            assertThat(pages.loginWithoutField("carol", PASSWORD)).isEqualTo(TypingRhythmPages.OTP_PAGE);
            assertThat(pages.submitOtp(TypingRhythmUsers.totpNow(OTP_SECRET))).isEqualTo(TypingRhythmPages.LOGGED_IN);
            EventRepresentation login = users.lastEvent(id, "LOGIN");
            assertThat(login.getDetails()).containsEntry("vigil_risk_level", "MEDIUM");
            assertThat(login.getDetails().get("vigil_risk_reasons")).startsWith("fallback=");
        } finally {
            assertThat(api.restoreLoginTable(token()).status()).isEqualTo(204);
        }
    }

    @Test
    @Order(4)
    void garbageInTheRequestNeverBreaksALogin() {
        for (String xff : new String[] {"2001:db8:85a3::8a2e:370:7334", "10.1.2.3", "127.0.0.1", "not-an-ip",
                "999.999.1.1", "1.2.3.4, 5.6.7.8", "::1", "fe80::1%eth0"}) {
            // bob (no second factor) with his password: whatever the address says, he gets his tokens
            AccessTokenResponse r = oauth.passwordGrantRequest("bob", "bob-vigil-demo").header("X-Forwarded-For", xff)
                    .send();
            assertThat(r.getStatusCode()).as("X-Forwarded-For " + xff).isEqualTo(200);
        }
        browserFrom(HOME);
        pages.newBrowser();
        var client = ((HtmlUnitDriver) driver.driver()).getWebClient();
        oauth.openLoginForm();
        client.getCookieManager().addCookie(new Cookie(java.net.URI.create(urls.getBase()).getHost(), "VIGIL_DEVICE", "garbled.!!.cookie"));
        String page = pages.submitLogin("carol", PASSWORD, null);
        assertThat(page).isIn(TypingRhythmPages.LOGGED_IN, TypingRhythmPages.OTP_PAGE);
        if (page.equals(TypingRhythmPages.OTP_PAGE)) {
            assertThat(pages.submitOtp(TypingRhythmUsers.totpNow(OTP_SECRET))).isEqualTo(TypingRhythmPages.LOGGED_IN);
        }
    }

    @Test
    @Order(5)
    void anApplicationAsksForASecondFactorWithAcrValuesAndTheTokenSaysWhichLevelWasReached() {
        String id = users.createUserWithOtp("frank", PASSWORD, FRANK_OTP);
        browserFrom(HOME);
        pages.newBrowser();
        // his browser at home, LOW risk: the password is level 1 ("password")
        assertThat(pages.loginWithoutField("frank", PASSWORD)).isEqualTo(TypingRhythmPages.LOGGED_IN);
        assertThat(acrOfTheLogin()).isEqualTo("password");
        api.awaitScoredLogin(REALM, token(), "frank", 20_000);

        // the same browser and network, but the application asks for "mfa": Keycloak's own step-up, his OTP
        pages.newBrowserSession();
        oauth.loginForm().param("acr_values", "mfa").open();
        assertThat(pages.submitLoginWithoutField("frank", PASSWORD)).isEqualTo(TypingRhythmPages.OTP_PAGE);
        assertThat(pages.submitOtp(TypingRhythmUsers.totpNow(FRANK_OTP))).isEqualTo(TypingRhythmPages.LOGGED_IN);
        assertThat(acrOfTheLogin()).isEqualTo("mfa");
        assertThat(users.lastEvent(id, "LOGIN").getDetails()).containsEntry("vigil_risk_level", "LOW");

        // a MEDIUM login that Vigil stepped up (a new browser on a new network) reached "mfa" too
        browserFrom(CAFE);
        pages.newBrowser();
        assertThat(pages.loginWithoutField("frank", PASSWORD)).isEqualTo(TypingRhythmPages.OTP_PAGE);
        assertThat(pages.submitOtp(TypingRhythmUsers.totpNow(FRANK_OTP))).isEqualTo(TypingRhythmPages.LOGGED_IN);
        assertThat(acrOfTheLogin()).isEqualTo("mfa");
        assertThat(users.lastEvent(id, "LOGIN").getDetails()).containsEntry("vigil_requested_loa", "2")
                .containsEntry("vigil_risk_level", "MEDIUM");
    }

    @Test
    @Order(6)
    void aMediumLoginOfAUserWithoutASecondFactorCannotEnrolOneBeforePassingAFactor() {
        String id = users.createUser("erin", PASSWORD, List.of());
        browserFrom(HOME);
        pages.newBrowser();
        assertThat(pages.loginWithoutField("erin", PASSWORD)).isEqualTo(TypingRhythmPages.LOGGED_IN);
        api.awaitScoredLogin(REALM, token(), "erin", 20_000);

        // an admin asks her to set up OTP; someone with her password signs in from a new browser on a new network
        var user = demo.admin().users().get(id).toRepresentation();
        user.setRequiredActions(List.of("CONFIGURE_TOTP"));
        demo.admin().users().get(id).update(user);
        browserFrom(CAFE);
        pages.newBrowser();
        String page = pages.loginWithoutField("erin", PASSWORD);
        // MEDIUM: a factor she already has first — she has none, and the demo realm sends no e-mail: refused,
        // never the OTP set-up page where the attacker would enrol their own authenticator
        assertThat(page).isNotIn("login-login-config-totp", "login-webauthn-register", TypingRhythmPages.LOGGED_IN);
        assertThat(body()).contains("none is set up for your account");
        assertThat(users.lastEvent(id, "LOGIN_ERROR").getDetails()).containsEntry("vigil_risk_level", "MEDIUM");
        user.setRequiredActions(List.of());
        demo.admin().users().get(id).update(user);
    }

    /** The acr of the access token the browser's login leads to (the code exchanged by the application). */
    @Test
    @Order(5)
    void aSessionStillOpenOnAnotherNetworkIsNamedAndAClosedOneIsNot() {
        String id = users.createUser("gwen", "Gwen-risk-1", List.of());
        // at home (a password grant opens a session that stays open), then from the café while it is still open
        assertThat(grantFrom(HOME, "gwen", "Gwen-risk-1")).isEqualTo(200);
        api.awaitScoredLogin(REALM, token(), "gwen", 20_000);
        assertThat(grantFrom(CAFE, "gwen", "Gwen-risk-1")).isEqualTo(200);
        JsonNode cafe = api.awaitScoredLogin(REALM, token(), "gwen", 20_000);
        assertThat(cafe.path("ipAddress").asText()).isEqualTo(CAFE);
        assertThat(cafe.path("riskReasons").asText()).contains("sessions_elsewhere");

        // her sessions ended (signed out everywhere): a closed session is nowhere
        demo.admin().users().get(id).logout();
        assertThat(grantFrom(CAFE, "gwen", "Gwen-risk-1")).isEqualTo(200);
        JsonNode after = api.awaitScoredLogin(REALM, token(), "gwen", 20_000);
        assertThat(after.path("id").asText()).isNotEqualTo(cafe.path("id").asText());
        assertThat(after.path("riskReasons").asText()).doesNotContain("sessions_elsewhere");
    }

    /**
     * The failure counts the assessment reads (one statement for the user's and the IP's): a wrong password of hers
     * and three unknown usernames, all from one address, then her right password from it. (One wrong password: a
     * second one within a second would have Keycloak's brute-force protection hold her account for a minute.)
     */
    @Test
    @Order(6)
    void herFailedAttemptsAndTheAddressesAreCountedInTheReasons() {
        users.createUser("hanna", "Hanna-risk-1", List.of());
        assertThat(grantFrom(HOME, "hanna", "Hanna-risk-1")).isEqualTo(200);
        api.awaitScoredLogin(REALM, token(), "hanna", 20_000);

        String elsewhere = "203.0.113.199";
        assertThat(grantFrom(elsewhere, "hanna", "not-hers")).isIn(400, 401);
        for (String nobody : List.of("nobody-a", "nobody-b", "nobody-c")) {
            assertThat(grantFrom(elsewhere, nobody, "whatever")).isIn(400, 401);
        }
        assertThat(grantFrom(elsewhere, "hanna", "Hanna-risk-1")).isEqualTo(200);
        JsonNode row = api.awaitScoredLogin(REALM, token(), "hanna", 20_000);
        assertThat(row.path("ipAddress").asText()).isEqualTo(elsewhere);
        // her failure, and the address's four (hers and the three unknown names; a new network for her)
        assertThat(row.path("riskReasons").asText()).contains("user_failures=1(+0.25)", "ip_failures=4(+0.40)");
    }

    private int grantFrom(String ip, String username, String password) {
        return oauth.passwordGrantRequest(username, password).header("X-Forwarded-For", ip).send().getStatusCode();
    }

    private String acrOfTheLogin() {
        String code = oauth.parseLoginResponse().getCode();
        AccessTokenResponse tokens = oauth.doAccessTokenRequest(code);
        assertThat(tokens.isSuccess()).as(tokens.getErrorDescription()).isTrue();
        return oauth.parseToken(tokens.getAccessToken(), org.keycloak.representations.AccessToken.class).getAcr();
    }

    private String sameBrowserLogin(String username, String password) {
        assertThat(((HtmlUnitDriver) driver.driver()).getWebClient().getCookieManager().getCookie("VIGIL_DEVICE"))
                .as("the device cookie of her first login").isNotNull();
        return pages.loginWithoutField(username, password); // a new session, the same browser
    }

    private String submitAgain(String username, String password) {
        ((org.openqa.selenium.JavascriptExecutor) driver.driver()).executeScript(
                "var f = document.getElementById('vigil-ks'); if (f) { f.remove(); }"
                        + "document.getElementById('username') && (document.getElementById('username').value = arguments[0]);"
                        + "document.getElementById('password').value = arguments[1];"
                        + "document.getElementById('kc-form-login').submit();", username, password);
        return driver.page().getCurrentPageId();
    }

    private void setRisk(Map<String, String> changes) {
        var rep = demo.admin().toRepresentation();
        changes.forEach((k, v) -> rep.getAttributes().put("vigil.risk." + k, v));
        demo.admin().update(rep);
    }

    private void browserFrom(String ip) {
        var client = ((HtmlUnitDriver) driver.driver()).getWebClient();
        if (ip == null) {
            client.removeRequestHeader("X-Forwarded-For");
        } else {
            client.addRequestHeader("X-Forwarded-For", ip);
        }
    }

    private String body() {
        return driver.driver().findElement(By.tagName("body")).getText();
    }

    private String token() {
        return admin.tokenManager().getAccessTokenString();
    }
}
