package dev.vigil.keycloak.it.support;

import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;

/**
 * The demo realm's typing-rhythm login, driven through HtmlUnit: forms are filled by script, with the
 * typing sample put where the capture script would put it (no key events, so the script itself sends
 * nothing). The admin side is {@link TypingRhythmUsers}.
 */
public final class TypingRhythmPages {

    public static final String LOGGED_IN = "logged-in";

    private final OAuthClient oauth;
    private final ManagedWebDriver driver;

    public TypingRhythmPages(OAuthClient oauth, ManagedWebDriver driver) {
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

    /** A browser login in a new session whose form has no {@code vigil_ks} field at all (as an attacker posts it). */
    public String loginWithoutField(String username, String password) {
        newBrowserSession();
        oauth.openLoginForm();
        ((JavascriptExecutor) driver.driver()).executeScript("document.getElementById('vigil-ks').remove();");
        ((JavascriptExecutor) driver.driver()).executeScript(
                "document.getElementById('username').value = arguments[0];"
                        + "document.getElementById('password').value = arguments[1];"
                        + "document.getElementById('kc-form-login').submit();", username, password);
        return loggedIn(driver.getCurrentUrl()) ? LOGGED_IN : driver.page().getCurrentPageId();
    }

    /** Enters {@code code} on Keycloak's OTP page; {@value #LOGGED_IN} or the id of the page Keycloak shows next. */
    public String submitOtp(String code) {
        ((JavascriptExecutor) driver.driver()).executeScript(
                "document.getElementById('otp').value = arguments[0];"
                        + "document.getElementById('kc-otp-login-form').submit();", code);
        return loggedIn(driver.getCurrentUrl()) ? LOGGED_IN : driver.page().getCurrentPageId();
    }

    /** Submits the login form on the current page; {@value #LOGGED_IN} or the id of the page Keycloak shows. */
    public String submitLogin(String username, String password, String sample) {
        ((JavascriptExecutor) driver.driver()).executeScript(
                "document.getElementById('username').value = arguments[0];"
                        + "document.getElementById('password').value = arguments[1];"
                        + "document.getElementById('vigil-ks').value = arguments[2] || '';"
                        + "document.getElementById('kc-form-login').submit();", // no submit event: the script keeps out
                username, password, sample == null ? "" : sample);
        return loggedIn(driver.getCurrentUrl()) ? LOGGED_IN : driver.page().getCurrentPageId();
    }

    /** Back at the application with a code (Keycloak's own login-actions URLs may carry {@code session_code=}). */
    public static boolean loggedIn(String url) {
        return url.contains("code=") && !url.contains("/login-actions/");
    }
}
