package dev.vigil.keycloak.it.support;

import java.nio.file.Path;
import java.util.Map;

import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A headless Debian Chromium (see {@link Chromium}) managed by the test framework, injected with
 * {@link InjectChromium}. It is a {@link ManagedWebDriver}, so the framework's page helpers work on it
 * ({@code page().getCurrentPageId()}), plus a direct DevTools socket for timed key events.
 */
public class ChromiumBrowser extends ManagedWebDriver {

    private final Path profile;
    private CdpSocket cdp;
    private String cdpTarget;

    public ChromiumBrowser(ChromeDriver driver, Path profile) {
        super(driver);
        this.profile = profile;
    }

    public ChromeDriver chrome() {
        return (ChromeDriver) driver();
    }

    /** The DevTools socket of the current tab (reconnected if the tab changed). */
    public CdpSocket cdp() {
        String handle = driver().getWindowHandle();
        if (cdp == null || !handle.equals(cdpTarget)) {
            if (cdp != null) {
                cdp.close();
            }
            cdp = CdpSocket.connect(chrome());
            cdpTarget = handle;
        }
        return cdp;
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver()).executeScript(script, args);
    }

    /** A new browser session for the next login: every cookie of every site goes (SSO, auth session). */
    public void clearCookies() {
        cdp().call("Network.clearBrowserCookies", Map.of());
    }

    void quit() {
        try {
            if (cdp != null) {
                cdp.close();
            }
            driver().quit();
        } finally {
            Chromium.deleteQuietly(profile);
        }
    }
}
