package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.htmlunit.util.Cookie;
import dev.vigil.keycloak.it.support.ForwardedAddresses;
import dev.vigil.keycloak.it.support.TypingRhythmPages;
import dev.vigil.keycloak.it.support.VigilApi;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.apache.http.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
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
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;
import org.openqa.selenium.By;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;

/**
 * The password-spray guard on the demo realm (sprayAccounts 20, window 60 minutes): one network fails against
 * 20 different accounts; then every sign-in from it is refused before the password is checked (the same answer for
 * a right and a wrong password), in token requests and in the browser, while the accounts' owners sign in from
 * their own networks, and an owner whose browser signed in before gets in even from the sprayer's network.
 */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class PasswordSprayIT {

    static final String SPRAYER = "203.0.113.7";
    static final String SPRAYER_NEIGHBOUR = "203.0.113.99";
    static final String BOB_HOME = "198.51.100.20";
    static final String BOB_PASSWORD = "bob-vigil-demo";

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

    @org.junit.jupiter.api.BeforeEach
    void clientsFromTheInternet() {
        ForwardedAddresses.allow(demo);
        var rep = demo.admin().toRepresentation();
        if (!"1.0".equals(rep.getAttributes().get("vigil.risk.mediumScore"))) {
            // this class is about the spray guard: the demo's risk step-up would ask bob (no second factor, no
            // SMTP here) for a factor in his first browser login after token requests only (a new device)
            rep.getAttributes().put("vigil.risk.mediumScore", "1.0");
            demo.admin().update(rep);
        }
    }

    @AfterEach
    void noForwardedFor() {
        browserFrom(null);
    }

    @Test
    @Order(1)
    void beforeTheSprayANetworkIsNotRefused() {
        for (int i = 0; i < 19; i++) {
            AccessTokenResponse r = grant("sprayed-" + i, "Winter2026!", SPRAYER);
            assertThat(r.getError()).as("a plain failed sign-in").isEqualTo("invalid_grant");
        }
        assertThat(grant("bob", BOB_PASSWORD, SPRAYER_NEIGHBOUR).isSuccess())
                .as("19 accounts are under the realm's 20: the network still signs in").isTrue();
    }

    @Test
    @Order(2)
    void afterTwentyAccountsTheNetworkIsRefusedWhateverThePassword() {
        assertThat(grant("sprayed-19", "Winter2026!", SPRAYER).getError()).isEqualTo("invalid_grant");

        AccessTokenResponse right = grant("bob", BOB_PASSWORD, SPRAYER_NEIGHBOUR);
        AccessTokenResponse wrong = grant("bob", "Winter2026!", SPRAYER_NEIGHBOUR);
        assertThat(right.getStatusCode()).as("refused, the same /24").isEqualTo(429);
        assertThat(wrong.getStatusCode()).isEqualTo(429);
        assertThat(right.getError()).isEqualTo("access_denied").isEqualTo(wrong.getError());
        assertThat(right.getErrorDescription()).as("no password oracle").isEqualTo(wrong.getErrorDescription())
                .contains("Too many failed sign-ins from your network");
        var event = demo.admin().getEvents(List.of("LOGIN_ERROR"), null, null, null, null, null, 0, 1).get(0);
        assertThat(event.getError()).as("what admins see").isEqualTo("vigil_password_spray");
        assertThat(event.getDetails()).containsEntry("username", "bob").containsEntry("vigil_network", "203.0.113.0/24");
        // the dashboard counts the refusals (recording is asynchronous to the login: wait for the rows)
        VigilApi api = new VigilApi(http, urls);
        long deadline = System.currentTimeMillis() + 30_000;
        long blocked = 0;
        while (blocked < 2 && System.currentTimeMillis() < deadline) {
            blocked = api.get(demo.getName(), admin.tokenManager().getAccessTokenString(), "stats").json()
                    .get("sprayBlocked").asLong();
        }
        assertThat(blocked).as("GET stats sprayBlocked").isGreaterThanOrEqualTo(2);

        // the browser: the same page for a right and a wrong password, before the password is checked
        TypingRhythmPages pages = new TypingRhythmPages(oauth, driver);
        browserFrom(SPRAYER_NEIGHBOUR);
        pages.login("bob", BOB_PASSWORD, null);
        String rightPage = body();
        pages.login("bob", "Winter2026!", null);
        String wrongPage = body();
        assertThat(rightPage).contains("Too many failed sign-ins from your network").isEqualTo(wrongPage);
    }

    @Test
    @Order(3)
    void theOwnersSignInFromTheirOwnNetworksAndAKnownBrowserEvenFromTheSprayersNetwork() {
        assertThat(grant("bob", BOB_PASSWORD, BOB_HOME).isSuccess()).as("bob at home, token request").isTrue();

        TypingRhythmPages pages = new TypingRhythmPages(oauth, driver);
        browserFrom(BOB_HOME);
        assertThat(pages.login("bob", BOB_PASSWORD, null)).as("bob at home, browser").isEqualTo(TypingRhythmPages.LOGGED_IN);
        new VigilApi(http, urls).awaitScoredLogin(demo.getName(), admin.tokenManager().getAccessTokenString(), "bob",
                20_000); // his profile now has this browser's device

        // the browser is closed (session cookies gone, the device cookie kept) and bob is at the sprayer's office
        var cookies = ((HtmlUnitDriver) driver.driver()).getWebClient().getCookieManager();
        // (the browser is shared with other test classes: their realms' device cookies are there too)
        List<Cookie> device = cookies.getCookies().stream().filter(c -> c.getName().equals("VIGIL_DEVICE")
                && c.getPath() != null && c.getPath().startsWith("/realms/" + demo.getName() + "/")).toList();
        assertThat(device).as("the device cookie of bob's browser").hasSize(1);
        cookies.clearCookies();
        device.forEach(cookies::addCookie);
        browserFrom(SPRAYER_NEIGHBOUR);
        oauth.openLoginForm();
        assertThat(pages.submitLogin("bob", BOB_PASSWORD, null)).as("a browser bob signed in with before")
                .isEqualTo(TypingRhythmPages.LOGGED_IN);

        // the same cookie does not open the network for another account
        cookies.clearCookies();
        device.forEach(cookies::addCookie);
        oauth.openLoginForm();
        pages.submitLogin("alice", "alice-vigil-demo", null);
        assertThat(body()).contains("Too many failed sign-ins from your network");
    }

    private AccessTokenResponse grant(String username, String password, String ip) {
        return oauth.passwordGrantRequest(username, password).header("X-Forwarded-For", ip).send();
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
}
