package dev.vigil.keycloak.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;

/**
 * The demo realm's typing-rhythm login, driven through HtmlUnit: forms are filled by script, with the
 * typing sample put where the capture script would put it (no key events, so the script itself sends
 * nothing). Also the admin-side reads the typing-rhythm tests check.
 */
public final class TypingRhythmPages {

    public static final String LOGGED_IN = "logged-in";

    private final ManagedRealm realm;
    private final OAuthClient oauth;
    private final ManagedWebDriver driver;

    public TypingRhythmPages(ManagedRealm realm, OAuthClient oauth, ManagedWebDriver driver) {
        this.realm = realm;
        this.oauth = oauth;
        this.driver = driver;
    }

    /** A new browser session: no SSO cookie from the previous login (on any domain). */
    public void newBrowserSession() {
        ((HtmlUnitDriver) driver.driver()).getWebClient().getCookieManager().clearCookies();
    }

    /** A browser login in a new session whose hidden field carries {@code sample} (or none). */
    public String login(String username, String password, String sample) {
        newBrowserSession();
        oauth.openLoginForm();
        return submitLogin(username, password, sample);
    }

    /** Submits the login form on the current page; {@value #LOGGED_IN} or the id of the page Keycloak shows. */
    public String submitLogin(String username, String password, String sample) {
        ((JavascriptExecutor) driver.driver()).executeScript(
                "document.getElementById('username').value = arguments[0];"
                        + "document.getElementById('password').value = arguments[1];"
                        + "document.getElementById('vigil-ks').value = arguments[2] || '';"
                        + "document.getElementById('kc-form-login').submit();", // no submit event: the script keeps out
                username, password, sample == null ? "" : sample);
        return driver.getCurrentUrl().contains("code=") ? LOGGED_IN : driver.page().getCurrentPageId();
    }

    /** Creates an enabled user with a password and the given required actions; returns the id. */
    public String createUser(String username, String password, List<String> requiredActions) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(username + "@example.org");
        user.setEmailVerified(true);
        user.setFirstName("Typist");
        user.setLastName(username);
        user.setRequiredActions(requiredActions);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        try (var response = realm.admin().users().create(user)) {
            assertThat(response.getStatus()).isEqualTo(201);
        }
        return userId(username);
    }

    public String userId(String username) {
        return realm.admin().users().search(username, true).get(0).getId();
    }

    /** The user's newest event of the type (Keycloak's event store). */
    public EventRepresentation lastEvent(String userId, String type) {
        List<EventRepresentation> events = realm.admin().getEvents(List.of(type), null, userId, null, null, null, 0, 1);
        assertThat(events).as(type + " event").isNotEmpty();
        return events.get(0);
    }

    /** The typing-rhythm outcome of the user's newest LOGIN. */
    public String lastOutcome(String userId) {
        return lastEvent(userId, "LOGIN").getDetails().get("vigil_keystroke");
    }

    public List<CredentialRepresentation> keystrokeCredentials(String userId) {
        return realm.admin().users().get(userId).credentials().stream()
                .filter(c -> "vigil-keystroke".equals(c.getType())).toList();
    }
}
