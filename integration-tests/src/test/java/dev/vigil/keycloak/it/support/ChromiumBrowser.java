package dev.vigil.keycloak.it.support;

import java.nio.file.Path;
import java.util.Map;

import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A headless Debian Chromium (see {@link Chromium}) managed by the test framework, injected with
 * {@link InjectChromium}, with a direct DevTools socket for timed key events. Not a subclass of the
 * framework's {@code ManagedWebDriver}: the framework matches injected values by assignable type, so a
 * subclass would be taken for the HtmlUnit driver other suppliers (e.g. the OAuth client) depend on. The
 * framework's page helpers are still there through {@link #managed()}.
 */
public class ChromiumBrowser {

    private final ChromeDriver driver;
    private final ManagedWebDriver managed;
    private final Path profile;
    private CdpSocket cdp;
    private String cdpTarget;

    public ChromiumBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.managed = new ManagedWebDriver(driver);
        this.profile = profile;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** The framework's helpers (page id, waits, cookies) on this browser. */
    public ManagedWebDriver managed() {
        return managed;
    }

    public void open(String url) {
        driver.navigate().to(url);
    }

    public String getCurrentUrl() {
        return driver.getCurrentUrl();
    }

    public WebElement findElement(By by) {
        return driver.findElement(by);
    }

    /** The {@code data-page-id} of the page Keycloak shows, e.g. {@code login-login-otp}. */
    public String pageId() {
        return managed.page().getCurrentPageId();
    }

    /** The DevTools socket of the current tab (reconnected if the tab changed). */
    public CdpSocket cdp() {
        String handle = driver.getWindowHandle();
        if (cdp == null || !handle.equals(cdpTarget)) {
            if (cdp != null) {
                cdp.close();
            }
            cdp = CdpSocket.connect(driver);
            cdpTarget = handle;
        }
        return cdp;
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Another browser for the next login: every cookie of every site goes (SSO, auth session, Vigil's device cookie). */
    public void clearCookies() {
        cdp().call("Network.clearBrowserCookies", Map.of());
    }

    /**
     * A new browser session in the same browser: every cookie goes but Vigil's device cookie, which a real browser
     * keeps between sessions (it has a Max-Age).
     */
    public void newSession() {
        try {
            com.fasterxml.jackson.databind.JsonNode cookies = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(cdp().call("Network.getAllCookies", Map.of())).path("result").path("cookies");
            for (com.fasterxml.jackson.databind.JsonNode c : cookies) {
                if (!"VIGIL_DEVICE".equals(c.path("name").asText())) {
                    cdp().call("Network.deleteCookies", Map.of("name", c.path("name").asText(),
                            "domain", c.path("domain").asText(), "path", c.path("path").asText()));
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void quit() {
        try {
            if (cdp != null) {
                cdp.close();
            }
            driver.quit();
        } finally {
            Chromium.deleteQuietly(profile);
        }
    }
}
