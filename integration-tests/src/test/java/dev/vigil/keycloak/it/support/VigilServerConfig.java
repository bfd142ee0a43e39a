package dev.vigil.keycloak.it.support;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The one server every IT shares (same config class = one start per test JVM): the packaged
 * vigil-keycloak jar, the test-support providers of this module, and X-Forwarded-For honoured so
 * tests can present client IPs.
 */
public class VigilServerConfig implements KeycloakServerConfig {

    /**
     * MaxMind's small test databases (shared/data/geoip beside the checkout, or /work/shared), copied to target/geoip
     * so that a test may take them away under the running server; null when they are not there.
     */
    public static final java.nio.file.Path GEOIP = geoip();

    private static java.nio.file.Path geoip() {
        for (String candidate : new String[] {"../../shared/data/geoip", "/work/shared/data/geoip"}) {
            java.nio.file.Path dir = java.nio.file.Path.of(candidate);
            if (java.nio.file.Files.isRegularFile(dir.resolve("GeoIP2-City-Test.mmdb"))) {
                try {
                    java.nio.file.Path target = java.nio.file.Path.of("target", "geoip").toAbsolutePath();
                    java.nio.file.Files.createDirectories(target);
                    java.nio.file.Files.copy(dir.resolve("GeoIP2-City-Test.mmdb"), target.resolve("city.mmdb"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    java.nio.file.Files.copy(dir.resolve("GeoLite2-ASN-Test.mmdb"), target.resolve("asn.mmdb"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    return target;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        return null;
    }

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        if (GEOIP != null) {
            config.spiOption("vigil-geoip", "mmdb", "city-database", GEOIP.resolve("city.mmdb").toString())
                    .spiOption("vigil-geoip", "mmdb", "asn-database", GEOIP.resolve("asn.mmdb").toString());
        }
        return config
                .dependency("dev.vigil", "vigil-keycloak")
                .dependencyCurrentProject()
                .option("proxy-headers", "xforwarded")
                // short timers so recovery and model reloads happen within a test
                .spiOption("events-listener", "vigil", "recovery-interval-seconds", "3")
                .spiOption("events-listener", "vigil", "recovery-grace-seconds", "2")
                .spiOption("events-listener", "vigil", "retention-interval-seconds", "5")
                .spiOption("events-listener", "vigil", "rollup-interval-seconds", "3")
                .spiOption("vigil-risk", "vigil-default", "model-recheck-seconds", "1");
    }
}
