package dev.vigil.keycloak.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.keycloak.testframework.config.Config;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and ChromeDriver, started headless with the flags that work on the build machines
 * (no sandbox as root, no background networking, QUIC, component updates or sync: the network is
 * closed) and a fresh profile directory. Both paths are explicit, so Selenium Manager never runs and
 * nothing is downloaded. Paths: {@code kc.test.chromium.binary} / {@code kc.test.chromium.driver} (or
 * {@code KC_TEST_CHROMIUM_BINARY} / {@code KC_TEST_CHROMIUM_DRIVER}); default {@code /usr/bin/chromium}
 * and {@code /usr/bin/chromedriver}, installed by {@code .ci/run}.
 */
public final class Chromium {

    public static final String BINARY_KEY = "kc.test.chromium.binary";
    public static final String DRIVER_KEY = "kc.test.chromium.driver";

    private Chromium() {
    }

    public static Path binary() {
        return Path.of(Config.get(BINARY_KEY, "/usr/bin/chromium", String.class));
    }

    public static Path driver() {
        return Path.of(Config.get(DRIVER_KEY, "/usr/bin/chromedriver", String.class));
    }

    /** Why Chromium cannot run here, or null if both executables are present. */
    public static String missing() {
        for (Path p : new Path[] {binary(), driver()}) {
            if (!Files.isExecutable(p)) {
                return p + " not found: install Debian's chromium and chromium-driver (.ci/run does), or set "
                        + BINARY_KEY + " / " + DRIVER_KEY;
            }
        }
        return null;
    }

    /** A new headless Chromium with its own profile under {@code profile}; JavaScript on or off. */
    public static ChromeDriver start(Path profile, boolean javascript) {
        // belt and braces: Selenium Manager is only consulted when no driver path is known
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, driver().toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver().toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-features=Translate,OptimizationHints,MediaRouter",
                "--password-store=basic", "--window-size=1280,900",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setPageLoadStrategy(PageLoadStrategy.NORMAL);
        options.setImplicitWaitTimeout(Duration.ofSeconds(5));
        if (!javascript) {
            // the user-visible "JavaScript blocked" content setting, as a user or an admin policy sets it
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        return new ChromeDriver(service, options);
    }

    public static Path newProfileDir() {
        try {
            Path base = Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "vigil-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException ignored) {
            // a profile left in target/ or /tmp is harmless
        }
    }
}
