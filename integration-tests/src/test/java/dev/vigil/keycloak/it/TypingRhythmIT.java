package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.keycloak.it.support.TypingData;
import dev.vigil.keycloak.it.support.TypingRhythmPages;
import dev.vigil.keycloak.it.support.TypingRhythmUsers;
import dev.vigil.keycloak.it.support.VigilApi;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.apache.http.client.HttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.representations.idm.CredentialRepresentation;
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

/**
 * The demo realm's browser flow (realm-config/): Vigil's typing-rhythm form learns a user's rhythm from
 * real typings of the MEU data set, lets the same person in, and steps another person's typing — or a
 * replayed one — up to OTP. Typings are put into the form's hidden field as the capture script would.
 */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class TypingRhythmIT {

    static final String ALICE_PASSWORD = "alice-vigil-demo";
    /** the step-up: the user's own OTP (every user here has one; nobody is ever offered to set one up) */
    static final List<String> STEP_UP = List.of("login-login-otp");
    /** alice's demo authenticator secret (realm-config) */
    static final String ALICE_OTP = "vigil-demo-alice-totp";
    static Map<String, List<String>> typings;

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

    @BeforeEach
    void data() {
        pages = new TypingRhythmPages(oauth, driver);
        users = new TypingRhythmUsers(demo);
        typings = TypingData.bySubjectOrSkip();
        users.reusableOtpCodes(); // enrolment logins ask for the OTP, faster than its 30 s period
    }

    @Test
    @Order(1)
    void withoutATemplateALoginWithoutASampleIsAPlainPasswordLogin() {
        assertThat(pages.login("bob", "bob-vigil-demo", null)).isEqualTo("logged-in");
        assertThat(users.lastOutcome(users.userId("bob"))).isEqualTo("NO_SAMPLE");
        assertThat(users.keystrokeCredentials(users.userId("bob"))).isEmpty();
    }

    @Test
    @Order(2)
    void typingsAfterThePasswordAloneAreNeverLearnt() {
        // bob has no second factor: his typings are not learnt passively (only his own set-up would)
        assertThat(pages.login("bob", "bob-vigil-demo", typings.get("6").get(0))).isEqualTo("logged-in");
        assertThat(users.lastOutcome(users.userId("bob"))).isEqualTo("ENROLLING");
        assertThat(users.lastEvent(users.userId("bob"), "LOGIN").getDetails())
                .containsEntry("vigil_enrolment", "no_second_factor");
        assertThat(users.keystrokeCredentials(users.userId("bob"))).as("bob: nothing learnt").isEmpty();

        // the attack of issue 11: someone with alice's password types it before she has a template, and stops
        // at her OTP, which they do not have; a wrong code does not help either
        for (int i = 0; i < 12; i++) {
            assertThat(pages.login("alice", ALICE_PASSWORD, typings.get("9").get(i))).isEqualTo(STEP_UP.get(0));
        }
        assertThat(pages.submitOtp("000000")).isEqualTo(STEP_UP.get(0));
        assertThat(users.keystrokeCredentials(users.userId("alice"))).as("the attacker's typings: nothing learnt")
                .isEmpty();
    }

    @Test
    @Order(3)
    void tenTypingsEnrolThenTheSamePersonIsRecognised() {
        List<String> mine = typings.get("1");
        for (int i = 0; i < 10; i++) {
            assertThat(pages.login("alice", ALICE_PASSWORD, mine.get(i))).as("her own factor first").isEqualTo("login-login-otp");
            assertThat(pages.submitOtp(TypingRhythmUsers.totpNow(ALICE_OTP))).isEqualTo("logged-in");
            assertThat(users.lastEvent(users.userId("alice"), "LOGIN").getDetails())
                    .containsEntry("vigil_keystroke", "ENROLLING").containsEntry("vigil_enrolment", "learnt");
        }
        List<CredentialRepresentation> credentials = users.keystrokeCredentials(users.userId("alice"));
        assertThat(credentials).hasSize(1);
        assertThat(credentials.get(0).getCredentialData()).contains("\"samples\":10");

        assertThat(pages.login("alice", ALICE_PASSWORD, mine.get(20))).isEqualTo("logged-in");
        assertThat(users.lastOutcome(users.userId("alice"))).isEqualTo("MATCH");
        List<JsonNode> rows = new VigilApi(http, urls).loginEvents(demo.getName(),
                admin.tokenManager().getAccessTokenString(), "user=alice&type=LOGIN&max=1");
        assertThat(rows.get(0).path("keystroke").asText()).as("the outcome on Vigil's login row").isEqualTo("MATCH");
    }

    @Test
    @Order(4)
    void otherPeoplesTypingStepsUpToOtp() {
        // four people each learn their own template passively; then ten other people type each one's
        // password. bench/keystroke: a passively learnt template at the default sensitivity accepts about
        // 29 % of impostor typings (per person from 0 to 0.8) and rejects about 3 % of genuine ones.
        int impostorTypings = 0;
        int steppedUp = 0;
        int genuineAccepted = 0;
        List<String> owners = List.of("2", "3", "4", "5");
        for (String owner : owners) {
            String username = "typist-" + owner;
            users.createUserWithOtp(username, ALICE_PASSWORD, "otp-" + username);
            List<String> mine = typings.get(owner);
            pages.enrol(username, ALICE_PASSWORD, mine.subList(0, 10), () -> TypingRhythmUsers.totpNow("otp-" + username));
            if (pages.login(username, ALICE_PASSWORD, mine.get(20)).equals("logged-in")) {
                genuineAccepted++;
            }
            for (int other = 11; other <= 20; other++) {
                String page = pages.login(username, ALICE_PASSWORD, typings.get(String.valueOf(other)).get(0));
                assertThat(page).isIn(List.of("logged-in", STEP_UP.get(0)));
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
    @Order(5)
    void theSameTypingSentTwiceIsAReplay() {
        String genuine = typings.get("1").get(25);
        assertThat(pages.login("alice", ALICE_PASSWORD, genuine)).isEqualTo("logged-in");
        assertThat(pages.login("alice", ALICE_PASSWORD, genuine)).as("replayed typing steps up")
                .isIn(STEP_UP);
    }

    @Test
    @Order(6)
    void afterARejectedTypingNoTypingVouchesForALoginUntilTheUserPassesTheirSecondFactor() {
        // the replay just before (theSameTypingSentTwiceIsAReplay) stopped at alice's OTP: someone with her password
        // may be trying typings until one passes. Her own typing now is held back: her OTP, not the typing, lets her in
        String own = typings.get("1").get(26);
        assertThat(pages.login("alice", ALICE_PASSWORD, own)).as("a matching typing after a rejected one")
                .isEqualTo(STEP_UP.get(0));
        assertThat(driver.driver().findElements(org.openqa.selenium.By.id("vigil-retype")))
                .as("not asked to type again: a usable typing").isEmpty();
        assertThat(pages.submitOtp(TypingRhythmUsers.totpNow(ALICE_OTP))).isEqualTo("logged-in");
        assertThat(users.lastEvent(users.userId("alice"), "LOGIN").getDetails())
                .containsEntry("vigil_keystroke", "UNVERIFIED")
                .containsEntry("vigil_keystroke_reason", "after_rejected_typing");
        // her OTP cleared it: her typing vouches for her again
        assertThat(pages.login("alice", ALICE_PASSWORD, typings.get("1").get(24))).isEqualTo("logged-in");
        assertThat(users.lastOutcome(users.userId("alice"))).isEqualTo("MATCH");
    }

    @Test
    @Order(7)
    void anEnrolledUsersLoginWithoutAUsableTypingIsSteppedUpNotLetThrough() throws Exception {
        // the attack: alice has a template; whoever has her password leaves the typing out, or sends junk
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode shorter =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(typings.get("1").get(27));
        for (String kind : List.of("h", "dd", "ud")) {
            com.fasterxml.jackson.databind.node.ArrayNode values = (com.fasterxml.jackson.databind.node.ArrayNode) shorter.get(kind);
            values.remove(values.size() - 1);
        }
        String template = users.keystrokeCredentials(users.userId("alice")).get(0).getCredentialData();
        // from her own browser and network she is asked once to type it again; left out again, it steps up
        assertThat(pages.loginWithoutField("alice", ALICE_PASSWORD)).as("field left out")
                .isEqualTo(TypingRhythmPages.RETYPE_PAGE);
        assertThat(pages.submitRetypeWithoutField(ALICE_PASSWORD)).as("left out again").isIn(STEP_UP);
        assertThat(pages.submitOtp(TypingRhythmUsers.totpNow(ALICE_OTP))).as("alice's own OTP").isEqualTo("logged-in");
        List<JsonNode> rows = new VigilApi(http, urls).loginEvents(demo.getName(),
                admin.tokenManager().getAccessTokenString(), "user=alice&type=LOGIN&max=1");
        assertThat(rows.get(0).path("keystroke").asText()).as("the outcome on Vigil's row").isEqualTo("UNVERIFIED");
        Map<String, String> unusable = new java.util.LinkedHashMap<>();
        unusable.put("empty", "");
        unusable.put("malformed", "{\"v\":1,\"h\":[12,");
        unusable.put("oversized", "9".repeat(100_000));
        unusable.put("another key count", json.writeValueAsString(shorter));
        for (Map.Entry<String, String> field : unusable.entrySet()) {
            assertThat(pages.login("alice", ALICE_PASSWORD, field.getValue())).as(field.getKey())
                    .isEqualTo(TypingRhythmPages.RETYPE_PAGE);
            assertThat(pages.submitRetype(ALICE_PASSWORD, field.getValue())).as(field.getKey() + ", again").isIn(STEP_UP);
        }
        assertThat(users.keystrokeCredentials(users.userId("alice")).get(0).getCredentialData())
                .as("nothing learnt from them").isEqualTo(template);
    }

    @Test
    @Order(8)
    void anEnrolledUserWhoseTypingCouldNotBeCheckedTypesThePasswordAgainInsteadOfASecondFactor() {
        // alice's password manager filled it in (no typing); from her own browser and network nothing else is risky:
        // she is asked to type it once more, without the username (the password was right), and that typing is judged
        assertThat(pages.loginWithoutField("alice", ALICE_PASSWORD)).isEqualTo(TypingRhythmPages.RETYPE_PAGE);
        assertThat(driver.driver().findElement(org.openqa.selenium.By.id("vigil-retype")).getText())
                .contains("Please type your password once more");
        assertThat(driver.driver().findElements(org.openqa.selenium.By.id("username"))).as("no username field").isEmpty();
        assertThat(pages.submitRetype(ALICE_PASSWORD, typings.get("1").get(21))).as("her own typing, no OTP")
                .isEqualTo("logged-in");
        assertThat(users.lastEvent(users.userId("alice"), "LOGIN").getDetails())
                .containsEntry("vigil_keystroke", "MATCH").containsEntry("vigil_keystroke_retyped", "true");

        // a wrong password on the retype page is a wrong password: Keycloak's own error, no login
        assertThat(pages.loginWithoutField("alice", ALICE_PASSWORD)).isEqualTo(TypingRhythmPages.RETYPE_PAGE);
        assertThat(pages.submitRetype("not-" + ALICE_PASSWORD, typings.get("1").get(22))).isNotEqualTo("logged-in")
                .isNotEqualTo(TypingRhythmPages.RETYPE_PAGE);
        assertThat(driver.driver().getPageSource()).contains("Invalid username or password.");
        assertThat(driver.driver().findElements(org.openqa.selenium.By.id("username"))).as("still her login").isEmpty();
        assertThat(pages.submitRetype(ALICE_PASSWORD, typings.get("1").get(22))).as("asked once per login, then judged")
                .isIn(List.of("logged-in", STEP_UP.get(0)));
    }

    @Test
    @Order(9)
    void aNewPasswordStartsANewTemplate() {
        String userId = users.userId("alice");
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue("alice-new-password-1");
        password.setTemporary(false);
        demo.admin().users().get(userId).resetPassword(password);

        assertThat(pages.login("alice", "alice-new-password-1", typings.get("1").get(30),
                () -> TypingRhythmUsers.totpNow(ALICE_OTP))).isEqualTo("logged-in");
        assertThat(users.lastOutcome(users.userId("alice"))).isEqualTo("ENROLLING");
        assertThat(users.keystrokeCredentials(users.userId("alice")).get(0).getCredentialData()).contains("\"samples\":1");

        demo.admin().users().get(userId).removeCredential(users.keystrokeCredentials(users.userId("alice")).get(0).getId());
        assertThat(users.keystrokeCredentials(users.userId("alice"))).as("admins can delete the template").isEmpty();

        // removal sticks: clean typings after it do not enrol alice again behind her back, not even after her
        // profile was edited; only the explicit set-up (her choice) would
        assertThat(pages.login("alice", "alice-new-password-1", typings.get("1").get(31))).isEqualTo("logged-in");
        org.keycloak.representations.idm.UserRepresentation alice = demo.admin().users().get(userId).toRepresentation();
        alice.setFirstName("Alicia");
        demo.admin().users().get(userId).update(alice);
        assertThat(pages.login("alice", "alice-new-password-1", typings.get("1").get(32))).isEqualTo("logged-in");
        assertThat(users.lastOutcome(userId)).isEqualTo("NO_SAMPLE");
        assertThat(users.keystrokeCredentials(userId)).as("not learnt again").isEmpty();
    }

    @Test
    @Order(10)
    void theLoginPageSaysTheRhythmMayBeLearnt() {
        pages.newBrowserSession();
        oauth.openLoginForm();
        assertThat(driver.driver().findElement(org.openqa.selenium.By.id("vigil-typing-notice")).getText())
                .contains("learn how you type your password").contains("never the keys").contains("remove it");
    }
}
