package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.keycloak.it.support.DemoUsers;
import dev.vigil.keycloak.it.support.VigilApi;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.apache.http.client.HttpClient;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectHttpClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.page.LoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;
import org.keycloak.testsuite.util.oauth.AuthorizationEndpointResponse;

/** When Vigil cannot write its row, logins go on exactly as without Vigil; recording resumes by itself. */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
class RecordingFailureIT {

    static final String REALM = "vigil-faults";

    @InjectRealm(config = FaultRealm.class)
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectAdminClient
    Keycloak admin;

    @InjectHttpClient
    HttpClient http;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectWebDriver
    ManagedWebDriver driver;

    @InjectPage
    LoginPage loginPage;

    @Test
    void loginsSucceedWhileTheTableIsGoneAndRecordingResumesAfterwards() {
        VigilApi api = new VigilApi(http, urls);
        AccessTokenResponse wrongBaseline = oauth.doPasswordGrantRequest("kate", "wrong-password");
        long start = System.currentTimeMillis();

        assertThat(api.breakLoginTable(token()).status()).isEqualTo(204);
        try {
            AccessTokenResponse tokens = oauth.doPasswordGrantRequest("kate", DemoUsers.PASSWORD);
            assertThat(tokens.isSuccess()).as(tokens.getErrorDescription()).isTrue();
            assertThat(oauth.doUserInfoRequest(tokens.getAccessToken()).getUserInfo().getPreferredUsername())
                    .isEqualTo("kate");
            assertThat(oauth.doRefreshTokenRequest(tokens.getRefreshToken()).isSuccess()).isTrue();

            AuthorizationEndpointResponse browser = oauth.doLogin("kate", DemoUsers.PASSWORD);
            assertThat(browser.getCode()).as("browser login completes").isNotNull();
            assertThat(oauth.doAccessTokenRequest(browser.getCode()).isSuccess()).isTrue();

            AccessTokenResponse wrong = oauth.doPasswordGrantRequest("kate", "wrong-password");
            assertThat(wrong.getStatusCode()).as("a failed login is answered as when Vigil works")
                    .isEqualTo(wrongBaseline.getStatusCode());
            assertThat(wrong.getError()).isEqualTo(wrongBaseline.getError()).isEqualTo("invalid_grant");
        } finally {
            assertThat(api.restoreLoginTable(token()).status()).isEqualTo(204);
            driver.cookies().deleteAll();
        }

        assertThat(oauth.doPasswordGrantRequest("kate", DemoUsers.PASSWORD).isSuccess()).isTrue();
        List<JsonNode> rows = api.loginEvents(REALM, token(), "user=kate&from=" + start);
        assertThat(rows).as("only the login after the table came back is recorded").hasSize(1);
        assertThat(rows.get(0).get("type").asText()).isEqualTo("LOGIN");
    }

    private String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    static class FaultRealm implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder r) {
            return r.name(REALM).sslRequired("none").eventsListeners("vigil").users(DemoUsers.user("kate"));
        }
    }
}
