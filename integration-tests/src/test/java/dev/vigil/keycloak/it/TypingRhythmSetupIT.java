package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.vigil.keycloak.it.support.TypingData;
import dev.vigil.keycloak.it.support.TypingRhythmPages;
import dev.vigil.keycloak.it.support.TypingRhythmUsers;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

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

    TypingRhythmPages pages;
    TypingRhythmUsers users;

    @BeforeEach
    void data() {
        pages = new TypingRhythmPages(oauth, driver);
        users = new TypingRhythmUsers(demo);
        typings = TypingData.bySubjectOrSkip();
    }

    @Test
    void tenTypingsOnTheSetupPageMakeATemplateUsedFromTheNextLogin() {
        String userId = users.createUser("setup-ok", PASSWORD, List.of(ACTION));
        assertThat(pages.login("setup-ok", PASSWORD, null)).isEqualTo("login-vigil-typing-rhythm-setup");
        assertThat(driver.driver().findElement(By.id("vigil-instruction")).getText()).contains("10 times");
        assertThat(users.keystrokeCredentials(userId)).isEmpty();

        List<String> mine = typings.get("7");
        assertThat(pages.submitSetup(PASSWORD, mine.subList(0, 10))).isEqualTo("logged-in");
        List<CredentialRepresentation> credentials = users.keystrokeCredentials(userId);
        assertThat(credentials).hasSize(1);
        assertThat(credentials.get(0).getCredentialData()).contains("\"samples\":10");
        assertThat(credentials.get(0).getUserLabel()).isEqualTo("Typing rhythm");
        EventRepresentation update = users.lastEvent(userId, "UPDATE_CREDENTIAL");
        assertThat(update.getDetails()).containsEntry("credential_type", "vigil-keystroke")
                .containsEntry("vigil_typings", "10");

        // no passive enrolment needed: the next login is judged at once
        assertThat(pages.login("setup-ok", PASSWORD, mine.get(20))).isEqualTo("logged-in");
        assertThat(users.lastEvent(userId, "LOGIN").getDetails()).containsEntry("vigil_keystroke", "MATCH");
    }

    @Test
    void aWrongPasswordOrReplayedTypingsShowAMessageAndStoreNothing() {
        String userId = users.createUser("setup-bad", PASSWORD, List.of(ACTION));
        assertThat(pages.login("setup-bad", PASSWORD, null)).isEqualTo("login-vigil-typing-rhythm-setup");
        List<String> mine = typings.get("8");

        // one answer for all of them: the page does not tell a wrong password from bad typings
        assertThat(pages.submitSetup("not-the-password", mine.subList(0, 10))).isEqualTo("setup");
        String wrongPassword = errorText();
        assertThat(wrongPassword).contains("could not be used");

        assertThat(pages.submitSetup(PASSWORD, Collections.nCopies(10, mine.get(0)))).isEqualTo("setup");
        assertThat(errorText()).as("replayed typings, right password").isEqualTo(wrongPassword);

        assertThat(pages.submitSetup(PASSWORD, mine.subList(0, 6))).isEqualTo("setup");
        assertThat(errorText()).as("too few typings, right password").isEqualTo(wrongPassword);

        assertThat(pages.submitSetup(PASSWORD, List.of("x".repeat(100_000)))).isEqualTo("setup");
        assertThat(users.keystrokeCredentials(userId)).isEmpty();

        // the page still works after all that
        assertThat(pages.submitSetup(PASSWORD, mine.subList(0, 10))).isEqualTo("logged-in");
        assertThat(users.keystrokeCredentials(userId)).hasSize(1);
    }

    @Test
    void guessingPasswordsOnTheSetUpPageLocksTheUserLikeLoginFailures() {
        String userId = users.createUser("setup-guess", PASSWORD, List.of(ACTION));
        assertThat(pages.login("setup-guess", PASSWORD, null)).isEqualTo("login-vigil-typing-rhythm-setup");
        List<String> mine = typings.get("9");
        demo.admin().attackDetection().clearBruteForceForUser(userId);
        int failureFactor = demo.admin().toRepresentation().getFailureFactor();
        for (int i = 0; i < failureFactor; i++) {
            assertThat(pages.submitSetup("guess-" + i, mine.subList(0, 10))).isEqualTo("setup");
        }
        // counted like login failures: the demo realm's quick-login check locks a user after two quick ones,
        // and the failure factor after five slow ones; either way the user ends up locked
        Map<String, Object> status = demo.admin().attackDetection().bruteForceUserStatus(userId);
        assertThat(((Number) status.get("numFailures")).intValue()).as("counted by brute-force protection")
                .isGreaterThanOrEqualTo(2);
        assertThat(status.get("disabled")).as(status.toString()).isEqualTo(true);
        String guessed = errorText();
        assertThat(pages.submitSetup(PASSWORD, mine.subList(0, 10))).as("the right password while locked").isEqualTo("setup");
        assertThat(errorText()).as("locked: the same answer, nothing learnt").isEqualTo(guessed);
        assertThat(users.keystrokeCredentials(userId)).isEmpty();
        demo.admin().attackDetection().clearBruteForceForUser(userId);
    }

    @Test
    void aUserWithASecondFactorSetsItUpOnlyInALoginThatPassedIt() {
        // the attack of issue 11: whoever has only the password must not replace the user's template
        users.reusableOtpCodes();
        String userId = users.createUserWithOtp("setup-otp", PASSWORD, "otp-setup-otp");
        List<String> mine = typings.get("10");
        assertThat(pages.setUp("setup-otp", PASSWORD, mine.subList(0, 10))).as("the password alone").isEqualTo("setup");
        assertThat(errorText()).contains("must have used your second factor");
        assertThat(users.keystrokeCredentials(userId)).as("nothing stored").isEmpty();

        pages.newBrowserSession();
        oauth.loginForm().kcAction(ACTION).open();
        assertThat(pages.submitLogin("setup-otp", PASSWORD, mine.get(10))).isEqualTo(TypingRhythmPages.OTP_PAGE);
        assertThat(pages.submitOtp(TypingRhythmUsers.totpNow("otp-setup-otp"))).isEqualTo(TypingRhythmPages.SETUP_PAGE);
        assertThat(pages.submitSetup(PASSWORD, mine.subList(0, 10))).as("after her OTP").isEqualTo("logged-in");
        assertThat(users.keystrokeCredentials(userId).get(0).getCredentialData()).contains("\"samples\":10");
    }

    @Test
    void anApplicationCanAskForItAndTheUserCanCancel() {
        String userId = users.createUser("setup-aia", PASSWORD, List.of());
        pages.newBrowserSession();
        oauth.loginForm().kcAction(ACTION).open();
        assertThat(pages.submitLogin("setup-aia", PASSWORD, null)).isEqualTo("login-vigil-typing-rhythm-setup");
        assertThat(driver.driver().findElement(By.id("vigil-instruction")).getText()).contains("10 times");
        driver.driver().findElement(By.id("vigil-cancel")).click();
        assertThat(driver.getCurrentUrl()).contains("kc_action_status=cancelled");
        assertThat(users.keystrokeCredentials(userId)).isEmpty();
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private String errorText() {
        return driver.driver().findElement(By.className("pf-v5-c-alert__title")).getText();
    }
}
