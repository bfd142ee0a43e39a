package dev.vigil.keycloak.it.support;

import java.util.List;
import java.util.function.Supplier;

import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;

/**
 * The demo realm's typing-rhythm login, driven through HtmlUnit: forms are filled by script, with the
 * typing sample put where the capture script would put it (no key events, so the script itself sends
 * nothing). The admin side is {@link TypingRhythmUsers}.
 */
public final class TypingRhythmPages {

    public static final String LOGGED_IN = "logged-in";
    /** Vigil's device cookie (risk-engine DeviceCookie.NAME) */
    public static final String DEVICE_COOKIE = "VIGIL_DEVICE";
    public static final String OTP_PAGE = "login-login-otp";
    public static final String SETUP_PAGE = "login-vigil-typing-rhythm-setup";
    public static final String SETUP_ACTION = "vigil-typing-rhythm-setup";
    /** "Vigil - offer to trust this device", shown after a second factor */
    public static final String TRUST_PAGE = "login-vigil-trust-device";
    /**
     * The typing-rhythm form asking an enrolled user to type the password once more (their typing could not be
     * checked, the login otherwise of low risk): the login page with the {@code vigil-retype} notice.
     */
    public static final String RETYPE_PAGE = "vigil-retype";

    private final OAuthClient oauth;
    private final ManagedWebDriver driver;
    /** whether the trust offer is answered "Not now" by itself (as most tests' users do) or shown to the test */
    private boolean stopAtTrustOffer;

    public TypingRhythmPages(OAuthClient oauth, ManagedWebDriver driver) {
        this.oauth = oauth;
        this.driver = driver;
    }

    /**
     * A new browser session in the same browser: no SSO cookie from the previous login (on any domain), but the
     * browser's Vigil device cookie kept, as a real browser keeps it between sessions.
     */
    public void newBrowserSession() {
        var cookies = ((HtmlUnitDriver) driver.driver()).getWebClient().getCookieManager();
        for (org.htmlunit.util.Cookie c : cookies.getCookies()) {
            if (!DEVICE_COOKIE.equals(c.getName())) {
                cookies.removeCookie(c);
            }
        }
    }

    /** Another browser: no cookie at all, Vigil's device cookie included. */
    public void newBrowser() {
        ((HtmlUnitDriver) driver.driver()).getWebClient().getCookieManager().clearCookies();
    }

    /** A browser login in a new session whose hidden field carries {@code sample} (or none). */
    public String login(String username, String password, String sample) {
        newBrowserSession();
        oauth.openLoginForm();
        return submitLogin(username, password, sample);
    }

    /**
     * A browser login in a new session that answers Keycloak's OTP page, if it comes, with a code of
     * {@code otp}: while a user's rhythm is learnt, the demo flow asks for the user's own second factor.
     */
    public String login(String username, String password, String sample, Supplier<String> otp) {
        String page = login(username, password, sample);
        return page.equals(OTP_PAGE) ? submitOtp(otp.get()) : page;
    }

    /** Passive enrolment on the demo flow: one login per typing, each confirmed with the user's OTP. */
    public void enrol(String username, String password, List<String> samples, Supplier<String> otp) {
        for (int i = 0; i < samples.size(); i++) {
            String page = login(username, password, samples.get(i));
            if (!page.equals(OTP_PAGE)) {
                throw new AssertionError("enrolment login " + (i + 1) + " of " + username
                        + ": expected the OTP page (the user's own factor before anything is learnt), got " + page);
            }
            page = submitOtp(otp.get());
            if (!page.equals(LOGGED_IN)) {
                throw new AssertionError("enrolment login " + (i + 1) + " of " + username + " after OTP: " + page);
            }
        }
    }

    /**
     * Explicit enrolment: a login that asks for the required action "Set up typing rhythm"
     * ({@code kc_action}), then the set-up page filled with {@code samples}; {@value #LOGGED_IN} or the page id.
     */
    public String setUp(String username, String password, List<String> samples) {
        newBrowserSession();
        oauth.loginForm().kcAction(SETUP_ACTION).open();
        String page = submitLogin(username, password, null);
        return page.equals(SETUP_PAGE) ? submitSetup(password, samples) : page;
    }

    /** Fills the set-up form as its script does after the last typing; {@value #LOGGED_IN} or "setup". */
    public String submitSetup(String password, List<String> samples) {
        ((JavascriptExecutor) driver.driver()).executeScript(
                "var form = document.getElementById('vigil-setup-form');"
                        + "arguments[1].forEach(function (s) { var f = document.createElement('input');"
                        + " f.type = 'hidden'; f.name = 'vigil_ks'; f.value = s; form.appendChild(f); });"
                        + "document.getElementById('vigil-password').value = arguments[0];"
                        + "form.submit();", password, samples);
        if (loggedIn(driver.getCurrentUrl())) {
            return LOGGED_IN;
        }
        if (driver.driver().findElements(By.id("vigil-setup-form")).isEmpty()) {
            throw new AssertionError("neither logged in nor the set-up page: " + driver.page().getCurrentPageId());
        }
        return "setup";
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
        return landed();
    }

    /** Submits the login form on the current page without its {@code vigil_ks} field (as an attacker posts it). */
    public String submitLoginWithoutField(String username, String password) {
        ((JavascriptExecutor) driver.driver()).executeScript("document.getElementById('vigil-ks').remove();");
        ((JavascriptExecutor) driver.driver()).executeScript(
                "document.getElementById('username').value = arguments[0];"
                        + "document.getElementById('password').value = arguments[1];"
                        + "document.getElementById('kc-form-login').submit();", username, password);
        return landed();
    }

    /** Enters {@code code} on Keycloak's OTP page; {@value #LOGGED_IN} or the id of the page Keycloak shows next. */
    public String submitOtp(String code) {
        ((JavascriptExecutor) driver.driver()).executeScript(
                "document.getElementById('otp').value = arguments[0];"
                        + "document.getElementById('kc-otp-login-form').submit();", code);
        return landed();
    }

    /** Submits the login form on the current page; {@value #LOGGED_IN} or the id of the page Keycloak shows. */
    public String submitLogin(String username, String password, String sample) {
        ((JavascriptExecutor) driver.driver()).executeScript(
                "document.getElementById('username').value = arguments[0];"
                        + "document.getElementById('password').value = arguments[1];"
                        + "document.getElementById('vigil-ks').value = arguments[2] || '';"
                        + "document.getElementById('kc-form-login').submit();", // no submit event: the script keeps out
                username, password, sample == null ? "" : sample);
        return landed();
    }

    /** Types the password again on the retype page, with {@code sample} in the hidden field (or none). */
    public String submitRetype(String password, String sample) {
        ((JavascriptExecutor) driver.driver()).executeScript(
                "document.getElementById('password').value = arguments[0];"
                        + "document.getElementById('vigil-ks').value = arguments[1] || '';"
                        + "document.getElementById('kc-form-login').submit();", password, sample == null ? "" : sample);
        return landed();
    }

    /** The retype page answered without a {@code vigil_ks} field again (as an attacker posts it). */
    public String submitRetypeWithoutField(String password) {
        ((JavascriptExecutor) driver.driver()).executeScript("document.getElementById('vigil-ks').remove();"
                + "document.getElementById('password').value = arguments[0];"
                + "document.getElementById('kc-form-login').submit();", password);
        return landed();
    }

    /**
     * A login in a new session that leaves the typing out, and leaves it out again when asked to type the password
     * once more (as an attacker who cannot type like the user would): the page after that.
     */
    public String loginWithoutFieldEvenWhenAskedAgain(String username, String password) {
        String page = loginWithoutField(username, password);
        return page.equals(RETYPE_PAGE) ? submitRetypeWithoutField(password) : page;
    }

    /** Shows the trust offer to the test ({@link #TRUST_PAGE}) instead of answering "Not now" by itself. */
    public void stopAtTrustOffer(boolean stop) {
        this.stopAtTrustOffer = stop;
    }

    /** Answers the trust offer on the current page; {@value #LOGGED_IN} or the id of the page Keycloak shows next. */
    public String answerTrustOffer(boolean trust) {
        driver.driver().findElement(By.id(trust ? "vigil-trust-yes" : "vigil-trust-no")).click();
        return landed();
    }

    /**
     * Where the browser is: {@value #LOGGED_IN} or the page id; the trust offer is answered "Not now" unless
     * {@link #stopAtTrustOffer} asked to see it.
     */
    public String landed() {
        if (loggedIn(driver.getCurrentUrl())) {
            return LOGGED_IN;
        }
        if (!driver.driver().findElements(By.id(RETYPE_PAGE)).isEmpty()) {
            return RETYPE_PAGE;
        }
        String page = driver.page().getCurrentPageId();
        return TRUST_PAGE.equals(page) && !stopAtTrustOffer ? answerTrustOffer(false) : page;
    }

    /** Back at the application with a code (Keycloak's own login-actions URLs may carry {@code session_code=}). */
    public static boolean loggedIn(String url) {
        return url.contains("code=") && !url.contains("/login-actions/");
    }
}
