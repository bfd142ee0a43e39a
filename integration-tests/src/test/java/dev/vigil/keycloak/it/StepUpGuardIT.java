package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vigil.keycloak.it.support.TypingData;
import dev.vigil.keycloak.it.support.TypingRhythmPages;
import dev.vigil.keycloak.it.support.TypingRhythmUsers;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The attack of issue 11: someone with the password and a foreign rhythm (here: no typing at all, UNVERIFIED) is
 * stepped up. On the demo flow they must never be offered to set up their own second factor: a user with OTP is
 * asked for it, a user without one gets a code to the e-mail on file, or is denied when the realm cannot send it.
 */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class StepUpGuardIT {

    /** no longer than the data set's typings (14 keys), for the set-up page */
    static final String PASSWORD = "Vigil-stepup-1";
    static final String ALICE_PASSWORD = "alice-vigil-demo";
    static final List<String> SET_UP_PAGES = List.of("login-login-config-totp", "login-webauthn-register",
            "login-login-update-password", "login-vigil-typing-rhythm-setup");

    @InjectRealm(fromJson = "/vigil-demo-realm.json")
    ManagedRealm demo;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectWebDriver
    ManagedWebDriver driver;

    @InjectMailServer
    MailServer mail;

    TypingRhythmPages pages;
    TypingRhythmUsers users;
    Map<String, List<String>> typings;

    @BeforeEach
    void setUp() {
        pages = new TypingRhythmPages(oauth, driver);
        users = new TypingRhythmUsers(demo);
        typings = TypingData.bySubjectOrSkip();
    }

    @Test
    @Order(1)
    void aUserWithOtpIsAskedForItAndGetsInWithIt() {
        users.reusableOtpCodes();
        pages.enrol("alice", ALICE_PASSWORD, typings.get("1").subList(0, 10),
                () -> TypingRhythmUsers.totpNow("vigil-demo-alice-totp"));
        assertThat(users.keystrokeCredentials(users.userId("alice"))).hasSize(1);
        assertThat(pages.loginWithoutFieldEvenWhenAskedAgain("alice", ALICE_PASSWORD)).isEqualTo("login-login-otp");
        assertThat(pages.submitOtp("000000")).as("a wrong code").isEqualTo("login-login-otp");
        assertThat(pages.submitOtp(TypingRhythmUsers.totpNow("vigil-demo-alice-totp"))).isEqualTo("logged-in");
    }

    @Test
    @Order(2)
    void withoutASecondFactorAndWithoutMailTheLoginIsDeniedNeverOfferedASetUp() {
        String id = users.createUser("dora", PASSWORD, List.of());
        // dora has no second factor: she is not enrolled passively, she sets typing rhythm up herself
        assertThat(pages.setUp("dora", PASSWORD, typings.get("2").subList(0, 10))).isEqualTo("logged-in");
        assertThat(users.keystrokeCredentials(id)).hasSize(1);
        smtp(false);
        String page = pages.loginWithoutFieldEvenWhenAskedAgain("dora", PASSWORD);
        assertThat(page).isNotIn(SET_UP_PAGES).isNotEqualTo("logged-in");
        assertThat(body()).contains("This sign-in needs a second factor, and none is set up for your account");
        assertThat(users.lastEvent(id, "LOGIN_ERROR").getError()).isEqualTo("vigil_no_second_factor");

        // required actions an admin left on the user do not run before a factor was passed either
        requiredActions(id, List.of("CONFIGURE_TOTP", "UPDATE_PASSWORD", "vigil-typing-rhythm-setup"));
        page = pages.loginWithoutFieldEvenWhenAskedAgain("dora", PASSWORD);
        assertThat(page).isNotIn(SET_UP_PAGES).isNotEqualTo("logged-in");
        assertThat(body()).contains("none is set up for your account");
        requiredActions(id, List.of());
    }

    @Test
    @Order(3)
    void withoutASecondFactorACodeGoesToTheVerifiedAddressOnFile() throws Exception {
        String id = users.userId("dora");
        smtp(true);
        requiredActions(id, List.of("CONFIGURE_TOTP"));
        int before = mail.getReceivedMessages().length;
        String page = pages.loginWithoutFieldEvenWhenAskedAgain("dora", PASSWORD);
        assertThat(page).isEqualTo("login-vigil-email-code");
        assertThat(body()).contains("d***@example.org");
        assertThat(mail.waitForIncomingEmail(15_000, before + 1)).isTrue();
        String code = code(mail.getReceivedMessages()[before]);

        for (int i = 0; i < 2; i++) {
            assertThat(submitCode("12345678")).as("a wrong code: the same page again").isEqualTo("login-vigil-email-code");
            assertThat(body()).contains("That code is not right");
        }
        assertThat(submitCode(code)).as("after the code, and only then, the admin's CONFIGURE_TOTP")
                .isEqualTo("login-login-config-totp");
        requiredActions(id, List.of());

        // five wrong codes end the attempt
        before = mail.getReceivedMessages().length;
        assertThat(pages.loginWithoutFieldEvenWhenAskedAgain("dora", PASSWORD)).isEqualTo("login-vigil-email-code");
        assertThat(mail.waitForIncomingEmail(15_000, before + 1)).isTrue();
        String last = null;
        for (int i = 0; i < 5; i++) {
            last = submitCode(String.format("%08d", i));
        }
        assertThat(last).isNotEqualTo("logged-in").isNotEqualTo("login-vigil-email-code");
        assertThat(body()).contains("Too many wrong codes");
    }

    private String submitCode(String code) {
        ((JavascriptExecutor) driver.driver()).executeScript(
                "document.getElementById('code').value = arguments[0];"
                        + "document.getElementById('vigil-email-code-form').submit();", code);
        return pages.landed();
    }

    private String body() {
        return driver.driver().findElement(By.tagName("body")).getText();
    }

    private static String code(MimeMessage message) throws Exception {
        String text = com.icegreen.greenmail.util.GreenMailUtil.getBody(message);
        Matcher m = Pattern.compile("\\b(\\d{8})\\b").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    private void smtp(boolean on) {
        RealmRepresentation rep = demo.admin().toRepresentation();
        rep.setSmtpServer(on ? Map.of("host", "localhost", "port", "3025", "from", "auto@keycloak.org") : Map.of());
        demo.admin().update(rep);
    }

    private void requiredActions(String userId, List<String> actions) {
        UserRepresentation user = demo.admin().users().get(userId).toRepresentation();
        user.setRequiredActions(actions);
        demo.admin().users().get(userId).update(user);
    }
}
