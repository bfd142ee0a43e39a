package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.keycloak.it.support.ChromiumBrowser;
import dev.vigil.keycloak.it.support.DemoUsers;
import dev.vigil.keycloak.it.support.InjectChromium;
import dev.vigil.keycloak.it.support.RequiresChromium;
import dev.vigil.keycloak.it.support.VigilApi;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.apache.http.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectHttpClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import jakarta.mail.internet.MimeMessage;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin theme "vigil" in a real browser (headless Debian Chromium) against the real server with the dist jar:
 * Keycloak's own console with the Login risk group. An admin finds a login the model flagged, with its reasons and
 * features, and confirms it compromised (the user's refresh token then fails); the stock pages keep working; an
 * admin changes the settings in the form and sees the server's objections on the fields; an admin without
 * view-events sees neither the group nor the pages. Screenshots go to {@code docs/screenshots/}.
 */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
@RequiresChromium
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class AdminConsoleBrowserIT {

    static final String REALM = "vigil-console";
    static final String ATTACK_IP = "203.0.113.66";
    static final String LONDON = "81.2.69.142";
    static final Duration CONSOLE_LOAD = Duration.ofSeconds(90);
    static final Path SCREENSHOTS = Path.of(System.getProperty("vigil.screenshots", "../docs/screenshots"));

    static AccessTokenResponse ninaTokens;
    static String masterThemeBefore;

    @InjectRealm(config = ConsoleRealm.class)
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectAdminClient
    Keycloak admin;

    @InjectHttpClient
    HttpClient http;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectChromium
    ChromiumBrowser chromium;

    @InjectMailServer
    MailServer mail;

    VigilApi api;

    @BeforeEach
    void vigilThemeForMaster() {
        api = new VigilApi(http, urls);
        RealmRepresentation master = admin.realm("master").toRepresentation();
        masterThemeBefore = master.getAdminTheme();
        master.setAdminTheme("vigil");
        admin.realm("master").update(master);
    }

    @AfterEach
    void masterThemeAsItWas() {
        RealmRepresentation master = admin.realm("master").toRepresentation();
        master.setAdminTheme(masterThemeBefore);
        admin.realm("master").update(master);
    }

    @Test
    @Order(1)
    void anAdminFindsTheFlaggedLoginWithItsReasonsAndConfirmsItCompromised() throws Exception {
        ninaTokens = oauth.passwordGrantRequest("nina", DemoUsers.PASSWORD).header("X-Forwarded-For", ATTACK_IP)
                .header("User-Agent", "python-requests/2.31.0").send();
        assertThat(ninaTokens.isSuccess()).as(ninaTokens.getErrorDescription()).isTrue();
        JsonNode row = api.awaitScoredLogin(REALM, token(), "nina", 60_000);
        assertThat(row.get("status").asText()).as("the realm flags every login (threshold 0.01)").isEqualTo("FLAGGED");
        // a second user, from London (in MaxMind's test database): the dashboard's countries
        assertThat(oauth.passwordGrantRequest("omar", DemoUsers.PASSWORD).header("X-Forwarded-For", LONDON).send()
                .isSuccess()).isTrue();
        api.awaitScoredLogin(REALM, token(), "omar", 60_000);

        chromium.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1600, 1000)); // the screenshots
        signIn("master", "admin", "admin", "/" + REALM + "/vigil/flagged-logins");
        WebElement table = await(By.cssSelector("[data-testid=vigil-flagged-table]"));
        waitForText(table, "nina");
        assertThat(table.getText()).contains("nina", ATTACK_IP, "Open");
        WebElement group = chromium.findElement(By.cssSelector("[data-testid=vigil-nav-group]"));
        assertThat(group.getText()).contains("Login risk", "Flagged logins");
        screenshot("console-flagged-logins.png");

        table.findElements(By.cssSelector("tbody tr")).stream().filter(tr -> tr.getText().contains("nina")).findFirst()
                .orElseThrow().click();
        WebElement details = await(By.cssSelector("[data-testid=vigil-login-details]"));
        WebElement features = await(By.cssSelector("[data-testid=vigil-login-features]"));
        assertThat(details.getText()).contains("Login details", ATTACK_IP, "python-requests");
        assertThat(features.getText()).contains("hour_sin", "ip_changed");
        screenshot("console-login-details.png");

        chromium.findElement(By.cssSelector("[data-testid=vigil-action-compromised]")).click();
        await(By.cssSelector("[data-testid=vigil-confirm]")).click();
        waitForText(chromium.findElement(By.tagName("body")), "Login confirmed compromised");
        waitForText(table, "Confirmed compromised");

        // the user's risk view, from the flagged row: the login, where from, and no session left after the verdict
        table.findElements(By.linkText("nina")).get(0).click();
        WebElement userView = await(By.cssSelector("[data-testid=vigil-user-risk]"));
        waitForText(await(By.cssSelector("[data-testid=vigil-user-places]")), "203.0.113.0/24");
        assertThat(chromium.findElement(By.cssSelector("[data-testid=vigil-user-last-login]")).getText())
                .contains(ATTACK_IP, "python-requests");
        assertThat(chromium.findElement(By.cssSelector("[data-testid=vigil-user-logins]")).getText())
                .contains(ATTACK_IP, "Signed in", "Flagged");
        waitForText(chromium.findElement(By.cssSelector("[data-testid=vigil-user-sessions]")), "No active session");
        assertThat(chromium.findElement(By.cssSelector("[data-testid=vigil-user-typing]")).getText())
                .contains("Not enrolled");
        assertThat(userView.getText()).contains("Recent logins", "Trusted browsers");
        assertThat(chromium.findElement(By.cssSelector("#kc-main-content-page-container")).getText())
                .contains("Login risk of nina", "Open the user's page");
        screenshot("console-user-risk.png");
        String ninaId = realm.admin().users().search("nina", true).get(0).getId();
        assertThat(api.get(REALM, token(), "users/" + ninaId + "/places?days=abc").status()).isEqualTo(400);
        assertThat(api.get(REALM, token(), "users/no-such-user/places").status()).isEqualTo(404);

        chromium.findElement(By.cssSelector("[data-testid=nav-item-vigil-dashboard]")).click();
        WebElement flagged = await(By.cssSelector("[data-testid=vigil-kpi-vigilKpiFlagged]"));
        JsonNode stats = api.get(REALM, token(), "stats").json();
        assertThat(stats.get("flagged").asLong()).isEqualTo(2);
        assertThat(flagged.getText()).contains("Flagged", "2");
        assertThat(chromium.findElement(By.cssSelector("[data-testid=vigil-kpi-vigilKpiLogins]")).getText())
                .contains(stats.get("logins").asText());
        assertThat(chromium.driver().findElements(By.cssSelector("[data-testid=vigil-weekday-hour] svg")))
                .as("the weekday x hour punch card").isNotEmpty();
        if (dev.vigil.keycloak.it.support.VigilServerConfig.GEOIP != null) {
            assertThat(chromium.findElement(By.cssSelector("[data-testid=vigil-top-countries]")).getText())
                    .contains("GB");
        }
        WebElement model = await(By.cssSelector("[data-testid=vigil-model-card]"));
        assertThat(model.getText()).contains("Bootstrap", "Flag threshold (realm setting)", "0.010",
                "Compromised");
        assertThat(chromium.driver().findElements(By.cssSelector("[data-testid=vigil-dashboard] svg")))
                .as("the charts").hasSizeGreaterThanOrEqualTo(3);
        screenshot("console-dashboard.png");

        AccessTokenResponse refreshed = oauth.doRefreshTokenRequest(ninaTokens.getRefreshToken());
        assertThat(refreshed.isSuccess()).as("the verdict ended nina's sessions").isFalse();
        JsonNode stored = api.get(REALM, token(), "login-events/" + row.get("id").asText()).json();
        assertThat(stored.at("/login/feedback").asText()).isEqualTo("COMPROMISED");
        assertThat(stored.at("/login/feedbackBy").asText()).isEqualTo("admin");
    }

    @Test
    @Order(2)
    void theStockPagesStillWork() throws Exception {
        signIn("master", "admin", "admin", "/" + REALM + "/users");
        waitForText(await(By.cssSelector("main, #kc-main-content-page-container")), "nina");
        for (String[] page : List.of(new String[] {"sessions", "Sessions"}, new String[] {"events", "User events"},
                new String[] {"realm-settings", "Realm settings"})) {
            chromium.open(console("master") + "#/" + REALM + "/" + page[0]);
            waitForText(await(By.cssSelector("#kc-main-content-page-container")), page[1]);
        }
        assertThat(chromium.findElement(By.cssSelector("[data-testid=vigil-nav-group]")).getText())
                .contains("Flagged logins");

        // another realm's Login risk pages (the console's realm switch is a route change), and a reload
        chromium.open(console("master") + "#/master/vigil/dashboard");
        waitForText(await(By.cssSelector("[data-testid=vigil-kpi-vigilKpiLogins]")), "Logins");
        chromium.driver().navigate().refresh();
        waitForText(await(By.cssSelector("[data-testid=vigil-kpi-vigilKpiLogins]")), "Logins");
        assertThat(chromium.findElement(By.cssSelector("[data-testid=vigil-nav-group]")).getText())
                .contains("Dashboard", "Flagged logins", "Settings");

        // dark mode: the console follows the browser's colour scheme, and so do the Login risk pages
        chromium.driver().executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
                List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
        chromium.open(console("master") + "#/" + REALM + "/vigil/dashboard");
        chromium.driver().navigate().refresh();
        waitForText(await(By.cssSelector("[data-testid=vigil-kpi-vigilKpiFlagged]")), "Flagged");
        assertThat(chromium.driver().executeScript(
                "return document.documentElement.classList.contains('pf-v5-theme-dark')")).isEqualTo(true);
        screenshot("console-dashboard-dark.png");
        chromium.driver().executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
                List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "light"))));

        // the stock user page links to the user's risk view
        String ninaId = realm.admin().users().search("nina", true).get(0).getId();
        chromium.open(console("master") + "#/" + REALM + "/users/" + ninaId + "/settings");
        await(By.cssSelector("[data-testid=vigil-user-risk-link]")).click();
        waitForText(await(By.cssSelector("#kc-main-content-page-container")), "Login risk of nina");
        assertThat(chromium.driver().getCurrentUrl()).endsWith("/vigil/users/" + ninaId);
    }

    @Test
    @Order(3)
    void anAdminChangesTheSettingsInTheFormAndSeesTheServersObjectionsOnTheFields() throws Exception {
        signIn("master", "admin", "admin", "/" + REALM + "/vigil/settings");
        await(By.cssSelector("[data-testid=vigil-section-model]"));
        assertThat(chromium.findElement(By.cssSelector("[data-testid=vigil-geoip-status]")).getText())
                .contains("GeoIP databases on this node", api.get(REALM, token(), "settings").json().get("geoip").asText());
        assertThat(chromium.findElement(By.cssSelector("#kc-main-content-page-container")).getText())
                .contains("Model and flagging", "Response to a flagged login", "Password-spray guard",
                        "Risk-based step-up", "Signal weights", "Weight of new_device", "Default: 0.01.");
        WebElement save = chromium.findElement(By.cssSelector("[data-testid=vigil-settings-save]"));
        assertThat(save.isEnabled()).as("nothing changed yet").isFalse();

        // what the form can tell by itself: out of the declared bounds
        type("vigil-setting-contamination", "0.9");
        waitForText(await(By.cssSelector("[data-testid=vigil-setting-contamination-error]")),
                "Must be between 0.0001 and 0.25");
        assertThat(save.isEnabled()).as("an invalid field blocks saving").isFalse();

        // what only the server can tell: a time zone that does not exist, shown on its field
        type("vigil-setting-contamination", "0.02");
        type("vigil-setting-timeZone", "Mars/Olympus");
        type("vigil-setting-sprayAccounts", "25");
        save.click();
        waitForText(await(By.cssSelector("[data-testid=vigil-setting-timeZone-error]")), "not a time zone id");
        waitForText(chromium.findElement(By.tagName("body")), "Settings not saved");
        assertThat(api.get(REALM, token(), "settings").json().get("sprayAccounts").asText())
                .as("a rejected save changes nothing").isEqualTo("0");

        type("vigil-setting-timeZone", "Europe/Paris");
        save.click();
        waitForText(chromium.findElement(By.tagName("body")), "Settings saved");
        JsonNode settings = api.get(REALM, token(), "settings").json();
        assertThat(settings.get("timeZone").asText()).isEqualTo("Europe/Paris");
        assertThat(settings.get("contamination").asText()).isEqualTo("0.02");
        assertThat(settings.get("sprayAccounts").asText()).isEqualTo("25");
        assertThat(realm.admin().getAdminEvents()).as("the save is an admin event")
                .anyMatch(e -> "VIGIL_SETTINGS".equals(e.getResourceType()) && "UPDATE".equals(e.getOperationType()));
        chromium.driver().executeScript("document.querySelector('[data-testid=vigil-settings-title]').scrollIntoView()");
        screenshot("console-settings.png");

        VigilApi.Answer bad = api.put(REALM, token(), "settings", "{\"contamination\":\"abc\",\"colour\":\"red\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("colour");
        assertThat(bad.json().get("errors").toString()).contains("\"contamination\"", "must be a number");
        assertThat(api.put(REALM, token(), "settings", "{\"timeZone\":\"UTC\",\"sprayAccounts\":\"0\"}").status())
                .isEqualTo(200);
    }

    @Test
    @Order(4)
    void theUserReportsANewDeviceLoginAsNotTheirsThroughTheEmailedLink() throws Exception {
        // petra's first login starts her history; the next, from another client and network, is a new device
        assertThat(oauth.passwordGrantRequest("petra", DemoUsers.PASSWORD).header("X-Forwarded-For", "198.51.100.7")
                .header("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0")
                .send().isSuccess()).isTrue();
        api.awaitScoredLogin(REALM, token(), "petra", 60_000);
        AccessTokenResponse stolen = oauth.passwordGrantRequest("petra", DemoUsers.PASSWORD)
                .header("X-Forwarded-For", "203.0.113.200").header("User-Agent", "curl/8.5.0").send();
        assertThat(stolen.isSuccess()).isTrue();
        String loginId = api.awaitScoredLogin(REALM, token(), "petra", 60_000).get("id").asText();

        MimeMessage newDevice = awaitMail("petra@example.org", "New sign-in to " + REALM);
        String text = plainText(newDevice);
        assertThat(text).contains("203.0.113.200", "If this was NOT you", "The links work once, for 72 hours");
        List<String> links = java.util.regex.Pattern.compile("https?://\\S+/login-actions/action-token\\?key=\\S+")
                .matcher(text).results().map(java.util.regex.MatchResult::group).toList();
        assertThat(links).as("This wasn't me, then Yes, it was me").hasSize(2);

        // a visit without the browser that confirms (a mail scanner fetching links) changes nothing
        chromium.clearCookies();
        chromium.open(links.get(0));
        waitForText(await(By.tagName("body")), "This sign-in was not you?");
        assertThat(oauth.doRefreshTokenRequest(stolen.getRefreshToken()).isSuccess()).as("not yet").isTrue();
        assertThat(api.get(REALM, token(), "login-events/" + loginId).json().at("/login/feedback").isMissingNode())
                .isTrue();

        // the user confirms: sessions end, a new password is required, the admins hear of it
        chromium.findElement(By.cssSelector("a[href*='login-actions/action-token']")).click();
        waitForText(await(By.tagName("body")), "Reported, and your account is secured");
        screenshot("email-this-was-not-me.png");
        AccessTokenResponse refused = oauth.doRefreshTokenRequest(stolen.getRefreshToken());
        assertThat(refused.getError()).as("the stolen session's refresh token").isEqualTo("invalid_grant");
        JsonNode stored = api.get(REALM, token(), "login-events/" + loginId).json();
        assertThat(stored.at("/login/feedback").asText()).isEqualTo("COMPROMISED");
        assertThat(stored.at("/login/feedbackBy").asText()).isEqualTo("user:petra");
        assertThat(realm.admin().users().search("petra", true).get(0).getRequiredActions()).contains("UPDATE_PASSWORD");
        assertThat(plainText(awaitMail("soc@vigil.example", "Login of petra in " + REALM + " reported by the user as not theirs")))
                .contains("203.0.113.200", "every session ended");

        // each link works once, and "Yes, it was me" does not clear what the user reported
        chromium.clearCookies();
        chromium.open(links.get(0));
        waitForText(await(By.tagName("body")), "This link was used already");
        chromium.clearCookies();
        chromium.open(links.get(1));
        waitForText(await(By.tagName("body")), "This sign-in was you?");
        chromium.findElement(By.cssSelector("a[href*='login-actions/action-token']")).click();
        waitForText(await(By.tagName("body")), "it stays that way");
        assertThat(api.get(REALM, token(), "login-events/" + loginId).json().at("/login/feedback").asText())
                .isEqualTo("COMPROMISED");

        // and the admin sees the user's verdict in the console
        chromium.clearCookies();
        signIn("master", "admin", "admin", "/" + REALM + "/vigil/flagged-logins");
        WebElement table = await(By.cssSelector("[data-testid=vigil-flagged-table]"));
        waitForText(table, "petra");
        table.findElements(By.cssSelector("tbody tr")).stream().filter(tr -> tr.getText().contains("203.0.113.200"))
                .findFirst().orElseThrow().click();
        waitForText(await(By.cssSelector("[data-testid=vigil-login-details]")), "petra, the user (e-mail link");
    }

    private MimeMessage awaitMail(String to, String subject) throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < end) {
            for (MimeMessage m : mail.getReceivedMessages()) {
                if (subject.equals(m.getSubject()) && java.util.Arrays.stream(m.getAllRecipients())
                        .anyMatch(a -> a.toString().contains(to))) {
                    return m;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no mail '" + subject + "' to " + to);
    }

    /** The text/plain part of a mail, decoded. */
    private static String plainText(MimeMessage m) throws Exception {
        Object content = m.getContent();
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                if (multipart.getBodyPart(i).isMimeType("text/plain")) {
                    return String.valueOf(multipart.getBodyPart(i).getContent());
                }
            }
        }
        return String.valueOf(content);
    }

    @Test
    @Order(5)
    void anAdminWithoutViewEventsSeesNeitherTheGroupNorThePage() {
        chromium.clearCookies();
        signIn(REALM, "helpdesk", DemoUsers.PASSWORD, "/" + REALM + "/vigil/flagged-logins");
        WebElement main = await(By.cssSelector("#kc-main-content-page-container"));
        waitForText(main, "view-events");
        assertThat(chromium.driver().findElements(By.cssSelector("[data-testid=vigil-flagged-table]"))).isEmpty();
        assertThat(chromium.driver().findElements(By.cssSelector("[data-testid=vigil-nav-group]"))).isEmpty();
        chromium.open(console(REALM) + "#/" + REALM + "/vigil/settings");
        waitForText(await(By.cssSelector("#kc-main-content-page-container")), "view-events");
        assertThat(chromium.driver().findElements(By.cssSelector("[data-testid=vigil-section-model]"))).isEmpty();

        chromium.open(console(REALM) + "#/" + REALM + "/users");
        waitForText(await(By.cssSelector("#kc-main-content-page-container")), "nina");
        assertThat(chromium.driver().findElements(By.cssSelector("[data-testid=vigil-nav-group]"))).isEmpty();
        chromium.clearCookies();
    }

    private String console(String realmName) {
        return urls.getBase() + "/admin/" + realmName + "/console/";
    }

    /** Opens the console of {@code realmName} at {@code route} and signs in there if the login page shows. */
    private void signIn(String realmName, String username, String password, String route) {
        chromium.open(console(realmName) + "#" + route);
        WebDriverWait wait = new WebDriverWait(chromium.driver(), CONSOLE_LOAD);
        wait.until(d -> !d.findElements(By.id("username")).isEmpty()
                || !d.findElements(By.cssSelector("#kc-main-content-page-container")).isEmpty());
        if (!chromium.driver().findElements(By.id("username")).isEmpty()) {
            chromium.findElement(By.id("username")).sendKeys(username);
            chromium.findElement(By.id("password")).sendKeys(password);
            chromium.findElement(By.id("kc-login")).click();
        }
    }

    /** Replaces the text of a form field the way a person does (select all, type), so React sees each change. */
    private void type(String testId, String text) {
        WebElement input = await(By.cssSelector("[data-testid=" + testId + "]"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    private WebElement await(By by) {
        return new WebDriverWait(chromium.driver(), CONSOLE_LOAD).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void waitForText(WebElement element, String text) {
        new WebDriverWait(chromium.driver(), CONSOLE_LOAD).withMessage(() -> "waiting for '" + text + "' in: "
                + element.getText()).until(d -> element.getText().contains(text));
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), chromium.driver().getScreenshotAs(OutputType.BYTES));
    }

    private String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    static class ConsoleRealm implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder r) {
            return r.name(REALM).sslRequired("none").eventsListeners("vigil").adminEventsEnabled(true)
                    .update(rep -> rep.setAdminTheme("vigil"))
                    .attribute("vigil.timeZone", "UTC")
                    // every login is flagged, by the bootstrap model, and nothing is done about it but the record
                    .attribute("vigil.flagThreshold", "0.01")
                    .attribute("vigil.action", "NONE")
                    .attribute("vigil.adminEmails", "soc@vigil.example")
                    .users(DemoUsers.user("nina"), DemoUsers.user("omar"), DemoUsers.user("petra"),
                            DemoUsers.user("helpdesk").clientRoles("realm-management", "view-users"));
        }
    }
}
