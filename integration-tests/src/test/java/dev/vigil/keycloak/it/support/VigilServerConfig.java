package dev.vigil.keycloak.it.support;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The one server every IT shares (same config class = one start per test JVM): the packaged
 * vigil-keycloak jar, the test-support providers of this module, and X-Forwarded-For honoured so
 * tests can present client IPs.
 */
public class VigilServerConfig implements KeycloakServerConfig {

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        return config
                .dependency("dev.vigil", "vigil-keycloak")
                .dependencyCurrentProject()
                .option("proxy-headers", "xforwarded")
                // short timers so recovery and model reloads happen within a test
                .spiOption("events-listener", "vigil", "recovery-interval-seconds", "3")
                .spiOption("events-listener", "vigil", "recovery-grace-seconds", "2")
                .spiOption("events-listener", "vigil", "retention-interval-seconds", "5")
                .spiOption("vigil-risk", "vigil-default", "model-recheck-seconds", "1");
    }
}
