package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.keycloak.it.support.DemoUsers;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.htmlunit.CookieManager;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * On a server started with {@code --http-relative-path=/auth}, the device cookie is scoped to
 * {@code /auth/realms/<realm>/}, so a browser sends it back and its second login is the same device (before,
 * the cookie's path was {@code /realms/<realm>/}, never sent, and every login was a "new device").
 *
 * <p>The test framework's clients assume the server at the root path, so this class (the only one on this
 * server configuration, which costs one extra server start) talks to Keycloak over plain HTTP and a plain
 * HtmlUnit browser, with the bootstrap admin client.
 */
@KeycloakIntegrationTest(config = DeviceCookieRelativePathIT.RelativePathServer.class)
class DeviceCookieRelativePathIT {

    static final String REALM = "vigil-relative-path";
    static final String BASE = "http://localhost:8080/auth";
    static final String REDIRECT = BASE + "/realms/" + REALM + "/.well-known/openid-configuration";
    static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    @InjectKeycloakUrls
    KeycloakUrls urls; // starts the server of this configuration

    final HttpClient http = HttpClient.newHttpClient();
    String adminToken;

    @BeforeEach
    void createRealm() throws Exception {
        adminToken = JSON.readTree(send(HttpRequest.newBuilder(URI.create(BASE + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=temp-admin&client_secret=mysecret")),
                200)).path("access_token").asText();
        ClientRepresentation app = new ClientRepresentation();
        app.setClientId("relative-path-app");
        app.setPublicClient(true);
        app.setStandardFlowEnabled(true);
        app.setRedirectUris(List.of(REDIRECT));
        RealmRepresentation rep = RealmBuilder.create().name(REALM).sslRequired("none").eventsListeners("vigil")
                .users(DemoUsers.user("rosa")).build();
        rep.setEnabled(true);
        rep.setClients(List.of(app));
        send(admin("").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(rep)))
                .header("Content-Type", "application/json"), 201);
    }

    @AfterEach
    void removeRealm() throws Exception {
        send(admin("/" + REALM).DELETE(), 204);
    }

    @Test
    void theCookieLivesUnderTheRelativePathAndASecondBrowserLoginIsTheSameDevice() throws Exception {
        try (WebClient browser = new WebClient()) {
            browser.getOptions().setJavaScriptEnabled(false);
            browser.getOptions().setCssEnabled(false);
            CookieManager cookies = browser.getCookieManager();

            browserLogin(browser);
            Cookie device = cookies.getCookie("VIGIL_DEVICE");
            assertThat(device).as("Vigil set its device cookie").isNotNull();
            assertThat(device.getPath()).isEqualTo("/auth/realms/" + REALM + "/");

            // a new browser session that kept only the device cookie (as after closing the browser)
            new ArrayList<>(cookies.getCookies()).stream().filter(c -> !"VIGIL_DEVICE".equals(c.getName()))
                    .forEach(cookies::removeCookie);
            browserLogin(browser);

            List<JsonNode> rows = loginRows();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).path("deviceId").asText()).startsWith("d:")
                    .isEqualTo(rows.get(1).path("deviceId").asText());
            JsonNode second = awaitFeatures(rows.get(0).path("id").asText());
            assertThat(second.path("new_device").asDouble()).as("the second login is not a new device").isZero();
        }
    }

    private void browserLogin(WebClient browser) throws IOException {
        HtmlPage login = browser.getPage(BASE + "/realms/" + REALM + "/protocol/openid-connect/auth?client_id=relative-path-app"
                + "&response_type=code&scope=openid&state=s1&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8));
        HtmlForm form = login.getHtmlElementById("kc-form-login");
        form.getInputByName("username").setValue("rosa");
        form.getInputByName("password").setValue(DemoUsers.PASSWORD);
        var landed = login.getHtmlElementById("kc-login").click();
        assertThat(landed.getUrl().toString()).as("logged in, back at the client").startsWith(REDIRECT).contains("code=");
    }

    private List<JsonNode> loginRows() throws Exception {
        JsonNode users = JSON.readTree(send(admin("/" + REALM + "/users?exact=true&username=rosa").GET(), 200));
        String rosa = users.get(0).path("id").asText();
        List<JsonNode> rows = new ArrayList<>();
        JSON.readTree(send(admin("/" + REALM + "/vigil/login-events?type=LOGIN&user=" + rosa).GET(), 200)).forEach(rows::add);
        return rows;
    }

    /** The features of a login once it is scored (scoring runs after the login's transaction). */
    private JsonNode awaitFeatures(String loginId) throws Exception {
        long end = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < end) {
            JsonNode features = JSON.readTree(send(admin("/" + REALM + "/vigil/login-events/" + loginId).GET(), 200))
                    .path("features");
            if (features.isObject()) {
                return features;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("login " + loginId + " not scored within 20 s");
    }

    private HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(URI.create(BASE + "/admin/realms" + path)).header("Authorization", "Bearer " + adminToken)
                .header("Accept", "application/json");
    }

    private String send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return response.body();
    }

    /** The shared server's configuration, under {@code /auth}; management (health) stays at the root for the framework. */
    public static class RelativePathServer implements KeycloakServerConfig {
        @Override
        public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
            return new VigilServerConfig().configure(config)
                    .option("http-relative-path", "/auth")
                    .option("http-management-relative-path", "/");
        }
    }
}
