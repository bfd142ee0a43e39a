package dev.vigil.keycloak.riskengine.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** The device cookie is scoped like Keycloak's own cookies, under the server's relative path. */
class DeviceCookieTest {

    @Test
    void theCookiePathFollowsTheServersRelativePath() {
        assertThat(DeviceCookie.cookiePath(URI.create("http://localhost:8080/"), "vigil-demo"))
                .isEqualTo("/realms/vigil-demo/");
        assertThat(DeviceCookie.cookiePath(URI.create("https://sso.example.org/auth/"), "vigil-demo"))
                .as("--http-relative-path=/auth").isEqualTo("/auth/realms/vigil-demo/");
        assertThat(DeviceCookie.cookiePath(URI.create("https://sso.example.org/auth"), "vigil-demo"))
                .isEqualTo("/auth/realms/vigil-demo/");
        assertThat(DeviceCookie.cookiePath(URI.create("http://localhost:8080"), "my realm"))
                .isEqualTo("/realms/my%20realm/");
    }
}
