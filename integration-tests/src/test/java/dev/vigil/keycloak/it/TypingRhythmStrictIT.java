package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.vigil.keycloak.it.support.TypingData;
import dev.vigil.keycloak.it.support.TypingRhythmPages;
import dev.vigil.keycloak.it.support.TypingRhythmUsers;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/**
 * Strict mode (the form fails the login on a mismatching rhythm): to an outsider, a right password typed with
 * the wrong rhythm must look exactly like a wrong password — same page, same message, same pre-filled form, the
 * same count towards brute-force protection, comparable time.
 */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
public class TypingRhythmStrictIT {

    static final String PASSWORD = "alice-vigil-demo";

    @InjectRealm(fromJson = "/vigil-demo-realm.json")
    ManagedRealm demo;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectWebDriver
    ManagedWebDriver driver;

    @Test
    void aWrongRhythmLooksLikeAWrongPassword() {
        Map<String, List<String>> typings = TypingData.bySubjectOrSkip();
        TypingRhythmPages pages = new TypingRhythmPages(oauth, driver);
        TypingRhythmUsers users = new TypingRhythmUsers(demo);
        String aliceId = users.userId("alice");
        users.reusableOtpCodes();
        if (users.keystrokeCredentials(aliceId).isEmpty()) {
            pages.enrol("alice", PASSWORD, typings.get("1").subList(0, 10),
                    () -> TypingRhythmUsers.totpNow("vigil-demo-alice-totp"));
        }
        strict(true);
        setBruteForce(false); // timing first: a lockout would change the work done

        List<String> mismatching = new ArrayList<>();
        for (int other = 11; other <= 40 && mismatching.size() < 8; other++) {
            String typing = typings.get(String.valueOf(other)).get(0);
            String page = pages.login("alice", PASSWORD, typing);
            // after the first refusal, a typing that matches is held back to alice's OTP (one try at the rhythm):
            // only the refused ones are compared with a wrong password
            if (!TypingRhythmPages.LOGGED_IN.equals(page) && !TypingRhythmPages.OTP_PAGE.equals(page)) {
                mismatching.add(typing);
            }
        }
        assertThat(mismatching).as("impostor typings refused in strict mode").hasSizeGreaterThanOrEqualTo(5);

        long[] wrongPassword = new long[mismatching.size()];
        long[] wrongRhythm = new long[mismatching.size()];
        String[] wrongPasswordView = null;
        String[] wrongRhythmView = null;
        for (int i = 0; i < mismatching.size(); i++) { // interleaved: both see the same machine load
            long t0 = System.nanoTime();
            wrongPasswordView = attempt(pages, "not-" + PASSWORD, mismatching.get(i));
            wrongPassword[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            wrongRhythmView = attempt(pages, PASSWORD, mismatching.get(i));
            wrongRhythm[i] = System.nanoTime() - t0;
        }
        assertThat(wrongRhythmView).as("page, message, username field, password field").containsExactly(wrongPasswordView);
        assertThat(users.lastEvent(aliceId, "LOGIN_ERROR").getError()).as("admins see why")
                .isIn("vigil_typing_rhythm_mismatch", "vigil_typing_rhythm_replay"); // each typing was tried before

        double a = median(wrongPassword) / 1e6;
        double b = median(wrongRhythm) / 1e6;
        double spread = (iqr(wrongPassword) + iqr(wrongRhythm)) / 1e6;
        System.out.printf("strict mode: wrong password median %.1f ms, wrong rhythm median %.1f ms (IQRs sum %.1f ms, n=%d)%n",
                a, b, spread, wrongPassword.length);
        assertThat(Math.abs(b - a)).as("time difference, ms, against the runs' own spread")
                .isLessThanOrEqualTo(Math.max(0.25 * a, 2 * spread));

        setBruteForce(true);
        demo.admin().attackDetection().clearBruteForceForUser(aliceId);
        for (int i = 0; i < 2; i++) {
            attempt(pages, PASSWORD, mismatching.get(i));
        }
        assertThat(demo.admin().attackDetection().bruteForceUserStatus(aliceId).get("numFailures"))
                .as("each wrong rhythm counts as a failed login").isEqualTo(2);
    }

    @Test
    void onReAuthenticationAWrongRhythmLooksLikeAWrongPasswordToo() {
        // an application asks alice, who is signed in, to sign in again (prompt=login): Keycloak shows the form
        // without the username field and keeps her in the login after a wrong password; strict mode must too
        Map<String, List<String>> typings = TypingData.bySubjectOrSkip();
        TypingRhythmPages pages = new TypingRhythmPages(oauth, driver);
        TypingRhythmUsers users = new TypingRhythmUsers(demo);
        users.reusableOtpCodes();
        if (users.keystrokeCredentials(users.userId("alice")).isEmpty()) {
            pages.enrol("alice", PASSWORD, typings.get("1").subList(0, 10),
                    () -> TypingRhythmUsers.totpNow("vigil-demo-alice-totp"));
        }
        strict(true);
        setBruteForce(false);
        boolean signedIn = false;
        for (int i = 40; i < 50 && !signedIn; i++) { // a genuine typing of hers (about 1 in 50 is refused)
            // held back to her OTP if typings were refused since she last passed it (the test before may have left some)
            signedIn = TypingRhythmPages.LOGGED_IN.equals(pages.login("alice", PASSWORD, typings.get("1").get(i),
                    () -> TypingRhythmUsers.totpNow("vigil-demo-alice-totp")));
        }
        assertThat(signedIn).as("alice signed in with her own typing").isTrue();
        String foreign = null;
        String[] wrongRhythm = null;
        for (int other = 21; other <= 40 && wrongRhythm == null; other++) {
            foreign = typings.get(String.valueOf(other)).get(2);
            String[] view = reAuthenticate(pages, PASSWORD, foreign);
            if (!TypingRhythmPages.LOGGED_IN.equals(view[0]) && !TypingRhythmPages.OTP_PAGE.equals(view[0])) {
                wrongRhythm = view;
            }
        }
        assertThat(wrongRhythm).as("a foreign typing refused on re-authentication").isNotNull();
        String[] wrongPassword = reAuthenticate(pages, "not-" + PASSWORD, foreign);
        assertThat(wrongRhythm).as("page, message, username field, password field, username shown")
                .containsExactly(wrongPassword);
        assertThat(wrongPassword[2]).as("no username field on re-authentication").isEqualTo("no username field");
        assertThat(wrongPassword[1]).as("Keycloak's message for a wrong password").isNotEmpty();
        System.out.printf("strict mode, re-authentication: wrong password %s, wrong rhythm %s%n",
                java.util.Arrays.toString(wrongPassword), java.util.Arrays.toString(wrongRhythm));
        setBruteForce(true);
        demo.admin().attackDetection().clearBruteForceForUser(users.userId("alice"));
    }

    /** A re-authentication (prompt=login) in alice's session; what she sees after it. */
    private String[] reAuthenticate(TypingRhythmPages pages, String password, String typing) {
        oauth.loginForm().prompt("login").open();
        assertThat(driver.driver().findElements(By.id("username"))).as("re-authentication form").isEmpty();
        ((org.openqa.selenium.JavascriptExecutor) driver.driver()).executeScript(
                "document.getElementById('password').value = arguments[0];"
                        + "document.getElementById('vigil-ks').value = arguments[1];"
                        + "document.getElementById('kc-form-login').submit();", password, typing);
        String page = pages.landed();
        if (TypingRhythmPages.LOGGED_IN.equals(page) || TypingRhythmPages.OTP_PAGE.equals(page)) {
            return new String[] {page};
        }
        String message = java.util.stream.Stream.concat(
                java.util.stream.Stream.concat(driver.driver().findElements(By.id("input-error")).stream(),
                        driver.driver().findElements(By.id("input-error-password")).stream()),
                driver.driver().findElements(By.className("pf-v5-c-alert__title")).stream())
                .map(e -> e.getText().trim()).filter(t -> !t.isEmpty()).findFirst().orElse("");
        String username = driver.driver().findElements(By.id("username")).isEmpty() ? "no username field"
                : driver.driver().findElement(By.id("username")).getAttribute("value");
        String passwordField = driver.driver().findElement(By.id("password")).getAttribute("value");
        String shown = driver.driver().findElements(By.id("kc-attempted-username")).stream()
                .map(e -> e.getText().trim()).findFirst().orElse("");
        return new String[] {page, message, username, passwordField, shown};
    }

    /** What an outsider sees after a failed login: page id, message, and the form's two fields. */
    private String[] attempt(TypingRhythmPages pages, String password, String typing) {
        String page = pages.login("alice", password, typing);
        String message = driver.driver().findElements(By.id("input-error")).stream().map(e -> e.getText().trim())
                .findFirst().orElse("");
        String username = driver.driver().findElement(By.id("username")).getAttribute("value");
        String passwordField = driver.driver().findElement(By.id("password")).getAttribute("value");
        return new String[] {page, message, username, passwordField};
    }

    private void strict(boolean on) {
        String configId = demo.admin().flows().getExecutions("vigil forms").stream()
                .filter(e -> "vigil-typing-rhythm-form".equals(e.getProviderId())).findFirst().orElseThrow()
                .getAuthenticationConfig();
        AuthenticatorConfigRepresentation config = demo.admin().flows().getAuthenticatorConfig(configId);
        config.getConfig().put("strict", Boolean.toString(on));
        demo.admin().flows().updateAuthenticatorConfig(config.getId(), config);
    }

    private void setBruteForce(boolean on) {
        RealmRepresentation rep = demo.admin().toRepresentation();
        rep.setBruteForceProtected(on);
        demo.admin().update(rep);
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    private static double iqr(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[(3 * (s.length - 1)) / 4] - s[(s.length - 1) / 4];
    }
}
