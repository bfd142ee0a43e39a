package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.vigil.keycloak.it.support.TypingData;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;

/**
 * The demo realm's browser flow (realm-config/): Vigil's typing-rhythm form learns a user's rhythm from
 * real typings of the MEU data set, lets the same person in, and steps another person's typing — or a
 * replayed one — up to OTP. Typings are put into the form's hidden field as the capture script would.
 */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class TypingRhythmIT {

    static final String ALICE_PASSWORD = "alice-vigil-demo";
    /** the OTP step: entering a code, or setting one up for a user who has none (alice) */
    static final List<String> STEP_UP = List.of("login-login-otp", "login-login-config-totp");
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
    @Order(1)
    void withoutASampleItIsAPlainPasswordLogin() {
        assertThat(login("bob", "bob-vigil-demo", null)).isEqualTo("logged-in");
        assertThat(lastOutcome("bob")).isEqualTo("NO_SAMPLE");
        assertThat(keystrokeCredentials("bob")).isEmpty();
    }

    @Test
    @Order(2)
    void tenTypingsEnrolThenTheSamePersonIsRecognised() {
        List<String> mine = typings.get("1");
        for (int i = 0; i < 10; i++) {
            assertThat(login("alice", ALICE_PASSWORD, mine.get(i))).isEqualTo("logged-in");
            assertThat(lastOutcome("alice")).isEqualTo("ENROLLING");
        }
        List<CredentialRepresentation> credentials = keystrokeCredentials("alice");
        assertThat(credentials).hasSize(1);
        assertThat(credentials.get(0).getCredentialData()).contains("\"samples\":10");

        assertThat(login("alice", ALICE_PASSWORD, mine.get(20))).isEqualTo("logged-in");
        assertThat(lastOutcome("alice")).isEqualTo("MATCH");
    }

    @Test
    @Order(3)
    void otherPeoplesTypingStepsUpToOtp() {
        // four people each learn their own template passively; then ten other people type each one's
        // password. bench/keystroke: a passively learnt template at the default sensitivity accepts about
        // a third of impostor typings (per person from 0 to 0.8) and rejects about 1 % of genuine ones.
        int impostorTypings = 0;
        int steppedUp = 0;
        int genuineAccepted = 0;
        List<String> owners = List.of("2", "3", "4", "5");
        for (String owner : owners) {
            String username = "typist-" + owner;
            createUser(username, ALICE_PASSWORD);
            List<String> mine = typings.get(owner);
            for (int i = 0; i < 10; i++) {
                assertThat(login(username, ALICE_PASSWORD, mine.get(i))).isEqualTo("logged-in");
            }
            if (login(username, ALICE_PASSWORD, mine.get(20)).equals("logged-in")) {
                genuineAccepted++;
            }
            for (int other = 11; other <= 20; other++) {
                String page = login(username, ALICE_PASSWORD, typings.get(String.valueOf(other)).get(0));
                assertThat(page).isIn(List.of("logged-in", STEP_UP.get(0), STEP_UP.get(1)));
                impostorTypings++;
                if (STEP_UP.contains(page)) {
                    steppedUp++;
                }
            }
        }
        System.out.printf("typing rhythm: %d of %d genuine typings let in, %d of %d impostor typings stepped up%n",
                genuineAccepted, owners.size(), steppedUp, impostorTypings);
        assertThat(genuineAccepted).as("genuine typings let in without OTP").isGreaterThanOrEqualTo(3);
        assertThat(steppedUp).as("impostor typings sent to OTP, of " + impostorTypings)
                .isGreaterThanOrEqualTo(impostorTypings / 2);
    }

    @Test
    @Order(4)
    void theSameTypingSentTwiceIsAReplay() {
        String genuine = typings.get("1").get(25);
        assertThat(login("alice", ALICE_PASSWORD, genuine)).isEqualTo("logged-in");
        assertThat(login("alice", ALICE_PASSWORD, genuine)).as("replayed typing steps up")
                .isIn(STEP_UP);
    }

    @Test
    @Order(5)
    void aNewPasswordStartsANewTemplate() {
        String userId = userId("alice");
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue("alice-new-password-1");
        password.setTemporary(false);
        demo.admin().users().get(userId).resetPassword(password);

        assertThat(login("alice", "alice-new-password-1", typings.get("1").get(30))).isEqualTo("logged-in");
        assertThat(lastOutcome("alice")).isEqualTo("ENROLLING");
        assertThat(keystrokeCredentials("alice").get(0).getCredentialData()).contains("\"samples\":1");

        demo.admin().users().get(userId).removeCredential(keystrokeCredentials("alice").get(0).getId());
        assertThat(keystrokeCredentials("alice")).as("admins can delete the template").isEmpty();
    }

    /** A browser login whose hidden field carries {@code sample}; "logged-in" or the page Keycloak shows. */
    private String login(String username, String password, String sample) {
        // a new browser session each time: no SSO cookie from the previous login (on any domain)
        ((HtmlUnitDriver) driver.driver()).getWebClient().getCookieManager().clearCookies();
        oauth.openLoginForm();
        ((JavascriptExecutor) driver.driver()).executeScript(
                "document.getElementById('username').value = arguments[0];"
                        + "document.getElementById('password').value = arguments[1];"
                        + "document.getElementById('vigil-ks').value = arguments[2] || '';"
                        + "document.getElementById('kc-form-login').submit();", // no submit event: the script keeps out
                username, password, sample == null ? "" : sample);
        if (driver.getCurrentUrl().contains("code=")) {
            return "logged-in";
        }
        return driver.page().getCurrentPageId();
    }

    private void createUser(String username, String password) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(username + "@example.org");
        user.setEmailVerified(true);
        user.setFirstName("Typist");
        user.setLastName(username);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        try (var response = demo.admin().users().create(user)) {
            assertThat(response.getStatus()).isEqualTo(201);
        }
    }

    private String lastOutcome(String username) {
        List<EventRepresentation> events = demo.admin().getEvents(List.of("LOGIN"), null, userId(username), null,
                null, null, 0, 1);
        assertThat(events).isNotEmpty();
        return events.get(0).getDetails().get("vigil_keystroke");
    }

    private List<CredentialRepresentation> keystrokeCredentials(String username) {
        return demo.admin().users().get(userId(username)).credentials().stream()
                .filter(c -> "vigil-keystroke".equals(c.getType())).toList();
    }

    private String userId(String username) {
        return demo.admin().users().search(username, true).get(0).getId();
    }
}
