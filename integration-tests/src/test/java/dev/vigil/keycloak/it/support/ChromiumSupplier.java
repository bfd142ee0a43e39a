package dev.vigil.keycloak.it.support;

import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.keycloak.testframework.injection.InstanceContext;
import org.keycloak.testframework.injection.RequestedInstance;
import org.keycloak.testframework.injection.Supplier;

/**
 * Test-framework supplier of {@link ChromiumBrowser} (value type alias {@code chromium}, so its settings are
 * {@code kc.test.chromium.*}). The framework lets one supplier serve {@code ManagedWebDriver} per run
 * ({@code kc.test.browser}); its own {@code chrome-headless} supplier would therefore replace HtmlUnit for
 * every test, and it can be given a driver path but not a browser binary or flags. A separate value type
 * leaves HtmlUnit as it is and lets this one start Debian's Chromium with explicit paths and our flags.
 */
public class ChromiumSupplier implements Supplier<ChromiumBrowser, InjectChromium> {

    @Override
    public String getAlias() {
        return "debian-chromium";
    }

    @Override
    public ChromiumBrowser getValue(InstanceContext<ChromiumBrowser, InjectChromium> instanceContext) {
        String missing = Chromium.missing();
        Assumptions.assumeTrue(missing == null, missing); // RequiresChromium normally skips the class earlier
        Path profile = Chromium.newProfileDir();
        try {
            return new ChromiumBrowser(Chromium.start(profile, instanceContext.getAnnotation().javascript()), profile);
        } catch (RuntimeException e) {
            Chromium.deleteQuietly(profile);
            throw e;
        }
    }

    @Override
    public boolean compatible(InstanceContext<ChromiumBrowser, InjectChromium> a,
            RequestedInstance<ChromiumBrowser, InjectChromium> b) {
        return a.getAnnotation().ref().equals(b.getAnnotation().ref())
                && a.getAnnotation().javascript() == b.getAnnotation().javascript();
    }

    @Override
    public void close(InstanceContext<ChromiumBrowser, InjectChromium> instanceContext) {
        instanceContext.getValue().quit();
    }
}
