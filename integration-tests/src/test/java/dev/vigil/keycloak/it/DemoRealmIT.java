package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.keycloak.it.support.VigilApi;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.apache.http.client.HttpClient;
import org.junit.jupiter.api.Test;
import org.keycloak.OAuth2Constants;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.admin.AdminClientFactory;
import org.keycloak.testframework.annotations.InjectAdminClientFactory;
import org.keycloak.testframework.annotations.InjectHttpClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

/** The demo realm of realm-config/, imported as the demo script and docker-compose import it, works as documented. */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
class DemoRealmIT {

    @InjectRealm(fromJson = "/vigil-demo-realm.json")
    ManagedRealm demo;

    @InjectAdminClientFactory
    AdminClientFactory adminClients;

    @InjectHttpClient
    HttpClient http;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @Test
    void demoRealmHasTheDocumentedSecuritySettings() {
        RealmRepresentation rep = demo.admin().toRepresentation();
        assertThat(rep.getEventsListeners()).contains("vigil");
        assertThat(rep.isBruteForceProtected()).isTrue();
        assertThat(rep.getAccessTokenLifespan()).isEqualTo(300);
    }

    @Test
    void demoRealmScoresInDryRun() {
        VigilApi api = new VigilApi(http, urls);
        String adminToken = token("vigil-admin", "admin-vigil-demo");
        JsonNode settings = api.get(demo.getName(), adminToken, "settings").json();
        assertThat(settings.get("action").asText()).isEqualTo("REVOKE_ALL_SESSIONS");
        assertThat(settings.get("dryRun").asText()).isEqualTo("true");

        token("bob", "bob-vigil-demo");
        JsonNode row = api.awaitScoredLogin(demo.getName(), adminToken, "bob", 20_000);
        assertThat(row.get("modelKind").asText()).isEqualTo("BOOTSTRAP");
        assertThat(row.get("status").asText()).isIn("SCORED", "FLAGGED");
    }

    @Test
    void cliLoginIsRecordedAndTheVigilAdminCanListIt() {
        // alice has an authenticator app (OTP): Keycloak's direct-grant flow asks her for a code, so the CLI
        // demo uses bob, who has no second factor
        String bobToken = token("bob", "bob-vigil-demo");
        assertThat(bobToken).isNotBlank();

        VigilApi api = new VigilApi(http, urls);
        String adminToken = token("vigil-admin", "admin-vigil-demo");
        List<JsonNode> rows = api.loginEvents(demo.getName(), adminToken, "user=bob");
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0).get("clientId").asText()).isEqualTo("vigil-cli");
        assertThat(rows.get(0).get("grantType").asText()).isEqualTo("password");

        assertThat(api.getLoginEvents(demo.getName(), token("bob", "bob-vigil-demo"), null).status())
                .as("an ordinary demo user may not read the login events").isEqualTo(403);
    }

    @Test
    void theAccountConsoleOffersTypingRhythmWithSetUpAndRemove() {
        // the account console's own client has no password grant: let vigil-cli tokens reach the account API
        ClientRepresentation cli = demo.admin().clients().findByClientId("vigil-cli").get(0);
        ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
        audience.setName("account audience (test)");
        audience.setProtocol("openid-connect");
        audience.setProtocolMapper("oidc-audience-mapper");
        audience.setConfig(Map.of("included.client.audience", "account", "access.token.claim", "true"));
        try (var created = demo.admin().clients().get(cli.getId()).getProtocolMappers().createMapper(audience)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        VigilApi api = new VigilApi(http, urls);
        VigilApi.Answer answer = api.account(demo.getName(), token("bob", "bob-vigil-demo"), "credentials");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode typing = null;
        for (JsonNode type : answer.json()) {
            if ("vigil-keystroke".equals(type.path("type").asText())) {
                typing = type;
            }
        }
        assertThat(typing).as("typing rhythm in " + answer.body()).isNotNull();
        assertThat(typing.path("category").asText()).isEqualTo("two-factor");
        assertThat(typing.path("displayName").asText()).isEqualTo("vigil-keystroke-display-name");
        assertThat(typing.path("createAction").asText()).isEqualTo("vigil-typing-rhythm-setup");
        assertThat(typing.path("removeable").asBoolean()).isTrue();
    }

    private String token(String username, String password) {
        return adminClients.create().realm(demo.getName()).clientId("vigil-cli")
                .username(username).password(password).grantType(OAuth2Constants.PASSWORD)
                .autoClose().build().tokenManager().getAccessTokenString();
    }
}
