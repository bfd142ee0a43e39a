package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.page.LoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;
import org.keycloak.testsuite.util.oauth.AuthorizationEndpointResponse;
import org.htmlunit.CookieManager;
import org.htmlunit.util.Cookie;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;

/** Every login attempt in an opted-in realm becomes exactly one row with the facts the risk features need. */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
class LoginRecordingIT {

    static final String REALM = "vigil-recording";
    static final String PLAIN_REALM = "vigil-not-opted-in";
    static final String DEVICE_COOKIE = "VIGIL_DEVICE";

    @InjectRealm(config = RecordingRealm.class)
    ManagedRealm realm;

    @InjectRealm(ref = "plain", config = PlainRealm.class)
    ManagedRealm plainRealm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectOAuthClient(ref = "plain", realmRef = "plain")
    OAuthClient plainOauth;

    @InjectAdminClient
    Keycloak admin;

    @InjectHttpClient
    HttpClient http;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectWebDriver
    ManagedWebDriver driver;

    @InjectPage
    LoginPage loginPage;

    VigilApi api;
    long testStart;

    @BeforeEach
    void setUp() {
        api = new VigilApi(http, urls);
        testStart = System.currentTimeMillis() - 1;
    }

    @Test
    void passwordGrantLoginIsRecordedOnce() {
        AccessTokenResponse tokens = oauth.passwordGrantRequest("alice", DemoUsers.PASSWORD)
                .header("User-Agent", "VigilIT-cli/1.0 (password grant)")
                .header("X-Forwarded-For", "203.0.113.7")
                .send();
        assertThat(tokens.isSuccess()).as(tokens.getErrorDescription()).isTrue();
        String sessionId = oauth.verifyToken(tokens.getAccessToken()).getSessionId();

        List<JsonNode> rows = rows("user=alice");
        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        assertThat(row.get("type").asText()).isEqualTo("LOGIN");
        assertThat(row.get("userId").asText()).isEqualTo(userId("alice"));
        assertThat(row.get("username").asText()).isEqualTo("alice");
        assertThat(row.get("clientId").asText()).isEqualTo("test-app");
        assertThat(row.get("sessionId").asText()).isEqualTo(sessionId);
        assertThat(row.get("ipAddress").asText()).isEqualTo("203.0.113.7");
        assertThat(row.get("userAgent").asText()).isEqualTo("VigilIT-cli/1.0 (password grant)");
        assertThat(row.get("grantType").asText()).isEqualTo("password");
        assertThat(row.get("authMethod").asText()).isEqualTo("openid-connect");
        assertThat(row.get("time").asLong()).isBetween(testStart, System.currentTimeMillis());
    }

    @Test
    void browserLoginIsRecordedOnce() {
        HtmlUnitDriver browser = (HtmlUnitDriver) driver.driver();
        browser.getWebClient().addRequestHeader("User-Agent", "VigilIT-browser/2.0 (HtmlUnit)");
        browser.getWebClient().addRequestHeader("X-Forwarded-For", "198.51.100.23");
        try {
            oauth.openLoginForm();
            loginPage.fillLogin("bob", DemoUsers.PASSWORD);
            loginPage.submit();
            AuthorizationEndpointResponse response = oauth.parseLoginResponse();
            assertThat(response.getCode()).as("authorization code").isNotNull();
            AccessTokenResponse tokens = oauth.doAccessTokenRequest(response.getCode());
            String sessionId = oauth.verifyToken(tokens.getAccessToken()).getSessionId();

            List<JsonNode> rows = rows("user=bob");
            assertThat(rows).hasSize(1);
            JsonNode row = rows.get(0);
            assertThat(row.get("type").asText()).isEqualTo("LOGIN");
            assertThat(row.get("userId").asText()).isEqualTo(userId("bob"));
            assertThat(row.get("clientId").asText()).isEqualTo("test-app");
            assertThat(row.get("sessionId").asText()).isEqualTo(sessionId);
            assertThat(row.get("ipAddress").asText()).isEqualTo("198.51.100.23");
            assertThat(row.get("userAgent").asText()).isEqualTo("VigilIT-browser/2.0 (HtmlUnit)");
            assertThat(row.get("authMethod").asText()).isEqualTo("openid-connect");
            assertThat(row.hasNonNull("grantType")).as("no grant type on a browser login").isFalse();
        } finally {
            browser.getWebClient().removeRequestHeader("User-Agent");
            browser.getWebClient().removeRequestHeader("X-Forwarded-For");
            driver.cookies().deleteAll();
        }
    }

    @Test
    void browserLoginsCarryASignedDeviceCookieAndForgedOnesAreIgnored() {
        HtmlUnitDriver browser = (HtmlUnitDriver) driver.driver();
        CookieManager cookies = browser.getWebClient().getCookieManager();
        cookies.clearCookies(); // the browser is shared with other test classes (and their realms' cookies)
        try {
            String first = browserLoginDevice();
            assertThat(first).startsWith("d:");
            Cookie cookie = cookies.getCookies().stream()
                    .filter(c -> DEVICE_COOKIE.equals(c.getName()) && ("/realms/" + REALM + "/").equals(c.getPath()))
                    .findFirst().orElse(null);
            assertThat(cookie).as("Vigil set its device cookie").isNotNull();
            assertThat(cookie.isHttpOnly()).isTrue();
            assertThat(cookie.getPath()).isEqualTo("/realms/" + REALM + "/");
            assertThat(cookie.getExpires()).as("long-lived").isAfter(new java.util.Date(System.currentTimeMillis() + 300L * 86_400_000));

            assertThat(browserLoginDevice()).as("the same browser is the same device").isEqualTo(first);

            cookies.removeCookie(cookie);
            cookies.addCookie(new Cookie("localhost", DEVICE_COOKIE, first.substring(2) + ".Zm9yZ2Vk",
                    "/realms/" + REALM + "/", null, false, true));
            String afterForgery = browserLoginDevice();
            assertThat(afterForgery).as("a cookie with a bad signature is not trusted").startsWith("d:").isNotEqualTo(first);
        } finally {
            driver.cookies().deleteAll();
        }
    }

    /** A full browser login in a new browser session that kept only Vigil's device cookie; its device id. */
    private String browserLoginDevice() {
        CookieManager cookies = ((HtmlUnitDriver) driver.driver()).getWebClient().getCookieManager();
        cookies.getCookies().stream().filter(c -> !DEVICE_COOKIE.equals(c.getName())).toList()
                .forEach(cookies::removeCookie);
        oauth.openLoginForm();
        loginPage.fillLogin("dora", DemoUsers.PASSWORD);
        loginPage.submit();
        assertThat(oauth.parseLoginResponse().getCode()).isNotNull();
        return rows("user=dora&type=LOGIN&max=1").get(0).get("deviceId").asText();
    }

    @Test
    void wrongPasswordIsRecordedAsLoginErrorWithTheUser() {
        AccessTokenResponse tokens = oauth.passwordGrantRequest("carol", "not-her-password")
                .header("X-Forwarded-For", "192.0.2.55").send();
        assertThat(tokens.isSuccess()).isFalse();

        List<JsonNode> rows = rows("user=carol");
        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        assertThat(row.get("type").asText()).isEqualTo("LOGIN_ERROR");
        assertThat(row.get("error").asText()).isEqualTo("invalid_user_credentials");
        assertThat(row.get("userId").asText()).isEqualTo(userId("carol"));
        assertThat(row.get("ipAddress").asText()).isEqualTo("192.0.2.55");
        assertThat(row.hasNonNull("sessionId")).isFalse();
    }

    @Test
    void unknownUsernameIsRecordedWithTheAttemptedNameAndNoUser() {
        AccessTokenResponse tokens = oauth.passwordGrantRequest("mallory-guess", "whatever")
                .header("X-Forwarded-For", "192.0.2.66").send();
        assertThat(tokens.isSuccess()).isFalse();

        List<JsonNode> rows = rows("user=mallory-guess");
        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        assertThat(row.get("type").asText()).isEqualTo("LOGIN_ERROR");
        assertThat(row.get("error").asText()).isEqualTo("user_not_found");
        assertThat(row.get("username").asText()).isEqualTo("mallory-guess");
        assertThat(row.hasNonNull("userId")).as("no user id for an unknown username").isFalse();
        assertThat(row.get("ipAddress").asText()).isEqualTo("192.0.2.66");
    }

    @Test
    void realmThatDidNotOptInRecordsNothing() {
        AccessTokenResponse ok = plainOauth.doPasswordGrantRequest("dave", DemoUsers.PASSWORD);
        assertThat(ok.isSuccess()).as(ok.getErrorDescription()).isTrue();
        AccessTokenResponse bad = plainOauth.doPasswordGrantRequest("dave", "wrong");
        assertThat(bad.isSuccess()).isFalse();

        assertThat(api.loginEvents(PLAIN_REALM, adminToken(), null)).isEmpty();
    }

    private List<JsonNode> rows(String filter) {
        return api.loginEvents(REALM, adminToken(), filter + "&from=" + testStart);
    }

    private String adminToken() {
        return admin.tokenManager().getAccessTokenString();
    }

    private String userId(String username) {
        return realm.admin().users().search(username, true).get(0).getId();
    }

    static class RecordingRealm implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder r) {
            return r.name(REALM).sslRequired("none")
                    .eventsListeners("vigil")
                    .users(DemoUsers.user("alice"), DemoUsers.user("bob"), DemoUsers.user("carol"),
                            DemoUsers.user("dora"));
        }
    }

    static class PlainRealm implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder r) {
            return r.name(PLAIN_REALM).sslRequired("none").users(DemoUsers.user("dave"));
        }
    }
}
