package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.vigil.keycloak.it.support.TypingData;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;

/**
 * Explicit enrolment: the required action "Set up typing rhythm" on the demo realm. The page's form is
 * filled as its script would after the user typed the password N times (real typings of the MEU data
 * set, one hidden field each); the Chromium test types on the real page.
 */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
public class TypingRhythmSetupIT {

    /** no longer than the data set's typings (14 keys): the server checks that every character was typed */
    static final String PASSWORD = "setup-demo-14";
    static final String ACTION = "vigil-typing-rhythm-setup";
    static Map<String, List<String>> typings;

    @InjectRealm(fromJson = "/vigil-demo-realm.json")
    ManagedRealm demo;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectWebDriver
    ManagedWebDriver driver;

    @BeforeEach
    void data() {
        Path file = TypingData.file();
        Assumptions.assumeTrue(file != null, "keystroke data set not found beside the checkout");
        if (typings == null) {
            typings = TypingData.bySubject(file);
        }
    }

    @Test
    void tenTypingsOnTheSetupPageMakeATemplateUsedFromTheNextLogin() {
        String userId = createUser("setup-ok", List.of(ACTION));
        openAndLogin("setup-ok");
        assertThat(driver.driver().findElement(By.id("vigil-instruction")).getText()).contains("10 times");
        assertThat(keystrokeCredentials(userId)).isEmpty();

        List<String> mine = typings.get("7");
        assertThat(submitSetup(PASSWORD, mine.subList(0, 10))).isEqualTo("logged-in");
        List<CredentialRepresentation> credentials = keystrokeCredentials(userId);
        assertThat(credentials).hasSize(1);
        assertThat(credentials.get(0).getCredentialData()).contains("\"samples\":10");
        assertThat(credentials.get(0).getUserLabel()).isEqualTo("Typing rhythm");
        EventRepresentation update = lastEvent(userId, "UPDATE_CREDENTIAL");
        assertThat(update.getDetails()).containsEntry("credential_type", "vigil-keystroke")
                .containsEntry("vigil_typings", "10");

        // no passive enrolment needed: the next login is judged at once
        assertThat(login("setup-ok", PASSWORD, mine.get(20))).isEqualTo("logged-in");
        assertThat(lastEvent(userId, "LOGIN").getDetails()).containsEntry("vigil_keystroke", "MATCH");
    }

    @Test
    void aWrongPasswordOrReplayedTypingsShowAMessageAndStoreNothing() {
        String userId = createUser("setup-bad", List.of(ACTION));
        openAndLogin("setup-bad");
        List<String> mine = typings.get("8");

        assertThat(submitSetup("not-the-password", mine.subList(0, 10))).isEqualTo("setup");
        assertThat(errorText()).contains("That is not your password");

        assertThat(submitSetup(PASSWORD, Collections.nCopies(10, mine.get(0)))).isEqualTo("setup");
        assertThat(errorText()).contains("replayed or machine-made");

        assertThat(submitSetup(PASSWORD, mine.subList(0, 6))).isEqualTo("setup");
        assertThat(errorText()).contains("Not enough usable typings");

        assertThat(submitSetup(PASSWORD, List.of("x".repeat(100_000)))).isEqualTo("setup");
        assertThat(keystrokeCredentials(userId)).isEmpty();

        // the page still works after all that
        assertThat(submitSetup(PASSWORD, mine.subList(0, 10))).isEqualTo("logged-in");
        assertThat(keystrokeCredentials(userId)).hasSize(1);
    }

    @Test
    void anApplicationCanAskForItAndTheUserCanCancel() {
        String userId = createUser("setup-aia", List.of());
        clearCookies();
        oauth.loginForm().kcAction(ACTION).open();
        submitLogin("setup-aia", PASSWORD);
        assertThat(driver.driver().findElement(By.id("vigil-instruction")).getText()).contains("10 times");
        driver.driver().findElement(By.id("vigil-cancel")).click();
        assertThat(driver.getCurrentUrl()).contains("kc_action_status=cancelled");
        assertThat(keystrokeCredentials(userId)).isEmpty();
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private void clearCookies() {
        ((HtmlUnitDriver) driver.driver()).getWebClient().getCookieManager().clearCookies();
    }

    private void openAndLogin(String username) {
        clearCookies();
        oauth.openLoginForm();
        submitLogin(username, PASSWORD);
    }

    /** Fills the login form without key events (no typing sample: no passive enrolment on the way). */
    private void submitLogin(String username, String password) {
        ((JavascriptExecutor) driver.driver()).executeScript(
                "document.getElementById('username').value = arguments[0];"
                        + "document.getElementById('password').value = arguments[1];"
                        + "document.getElementById('kc-form-login').submit();", username, password);
    }

    /** Fills the set-up form as its script does after the last typing; "logged-in" or "setup". */
    private String submitSetup(String password, List<String> samples) {
        ((JavascriptExecutor) driver.driver()).executeScript(
                "var form = document.getElementById('vigil-setup-form');"
                        + "arguments[1].forEach(function (s) { var f = document.createElement('input');"
                        + " f.type = 'hidden'; f.name = 'vigil_ks'; f.value = s; form.appendChild(f); });"
                        + "document.getElementById('vigil-password').value = arguments[0];"
                        + "form.submit();", password, samples);
        if (driver.getCurrentUrl().contains("code=")) {
            return "logged-in";
        }
        assertThat(driver.driver().findElements(By.id("vigil-setup-form"))).as("set-up page shown again").isNotEmpty();
        return "setup";
    }

    private String errorText() {
        return driver.driver().findElement(By.className("pf-v5-c-alert__title")).getText();
    }

    private String login(String username, String password, String sample) {
        clearCookies();
        oauth.openLoginForm();
        ((JavascriptExecutor) driver.driver()).executeScript(
                "document.getElementById('username').value = arguments[0];"
                        + "document.getElementById('password').value = arguments[1];"
                        + "document.getElementById('vigil-ks').value = arguments[2];"
                        + "document.getElementById('kc-form-login').submit();", username, password, sample);
        return driver.getCurrentUrl().contains("code=") ? "logged-in" : driver.page().getCurrentPageId();
    }

    private String createUser(String username, List<String> requiredActions) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(username + "@example.org");
        user.setEmailVerified(true);
        user.setFirstName("Setup");
        user.setLastName(username);
        user.setRequiredActions(requiredActions);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(PASSWORD);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        try (var response = demo.admin().users().create(user)) {
            assertThat(response.getStatus()).isEqualTo(201);
        }
        return demo.admin().users().search(username, true).get(0).getId();
    }

    private EventRepresentation lastEvent(String userId, String type) {
        List<EventRepresentation> events = demo.admin().getEvents(List.of(type), null, userId, null, null, null, 0, 1);
        assertThat(events).as(type + " event").isNotEmpty();
        return events.get(0);
    }

    private List<CredentialRepresentation> keystrokeCredentials(String userId) {
        return demo.admin().users().get(userId).credentials().stream()
                .filter(c -> "vigil-keystroke".equals(c.getType())).toList();
    }
}
