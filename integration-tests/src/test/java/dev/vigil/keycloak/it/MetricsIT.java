package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vigil.keycloak.it.support.DemoUsers;
import dev.vigil.keycloak.it.support.TypingRhythmUsers;
import dev.vigil.keycloak.it.support.VigilApi;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.apache.http.HttpResponse;
import org.apache.http.client.HttpClient;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.Test;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.admin.AdminClientFactory;
import org.keycloak.testframework.annotations.InjectAdminClientFactory;
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
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * With {@code --metrics-enabled=true}, Vigil's meters are on Keycloak's management port next to Keycloak's own:
 * logins recorded by type, scored by model, the scoring lag histogram, the scoring queue, the model in use, and the
 * in-flow assessments of the demo realm's direct-grant flow by level with their duration. No label names a user.
 */
@KeycloakIntegrationTest(config = MetricsIT.MetricsServer.class)
public class MetricsIT {

    static final String REALM = "vigil-metrics";
    static final String DEMO = "vigil-demo";

    @InjectRealm(config = MetricsRealm.class)
    ManagedRealm realm;

    @InjectRealm(ref = "demo", fromJson = "/vigil-demo-realm.json")
    ManagedRealm demo;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectAdminClient
    Keycloak admin;

    @InjectAdminClientFactory
    AdminClientFactory adminClients;

    @InjectHttpClient
    HttpClient http;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @Test
    void vigilsMetersAreOnTheManagementPort() throws IOException {
        VigilApi api = new VigilApi(http, urls);
        for (int i = 0; i < 2; i++) {
            assertThat(oauth.passwordGrantRequest("maya", DemoUsers.PASSWORD).send().getStatusCode()).isEqualTo(200);
        }
        assertThat(oauth.passwordGrantRequest("maya", "not-her-password").send().getStatusCode()).isEqualTo(400);
        api.awaitScoredLogin(REALM, admin.tokenManager().getAccessTokenString(), "maya", 30_000);
        // the demo realm's direct-grant flow assesses the login's risk (whatever level it finds)
        new TypingRhythmUsers(demo).createUser("noor", "Noor-metrics-1", List.of());
        try (Keycloak noor = adminClients.create().realm(DEMO).clientId("vigil-cli").username("noor")
                .password("Noor-metrics-1").grantType(OAuth2Constants.PASSWORD).build()) {
            noor.tokenManager().getAccessTokenString();
        } catch (RuntimeException e) {
            // a stepped-up or denied login is an assessment too: only the meter is looked at here
        }

        String metrics = scrape();
        assertThat(value(metrics, "vigil_logins_recorded_total", "realm=\"" + REALM + "\"", "type=\"LOGIN\""))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(2));
        assertThat(value(metrics, "vigil_logins_recorded_total", "realm=\"" + REALM + "\"", "type=\"LOGIN_ERROR\""))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(value(metrics, "vigil_logins_scored_total", "realm=\"" + REALM + "\"", "model=\"BOOTSTRAP\""))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(value(metrics, "vigil_scoring_lag_seconds_count")).hasValueSatisfying(
                v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(metrics).contains("vigil_scoring_lag_seconds_bucket{");
        assertThat(value(metrics, "vigil_scoring_queue_depth")).isPresent();
        assertThat(value(metrics, "vigil_scoring_queue_oldest_seconds")).isPresent();
        assertThat(value(metrics, "vigil_model_version", "realm=\"" + REALM + "\"")).contains(0.0);
        assertThat(value(metrics, "vigil_scoring_batch_seconds_count", "outcome=\"committed\"")).isPresent();
        assertThat(value(metrics, "vigil_assessments_total", "realm=\"" + DEMO + "\"")).hasValueSatisfying(
                v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(value(metrics, "vigil_assessment_duration_seconds_count")).hasValueSatisfying(
                v -> assertThat(v).isGreaterThanOrEqualTo(1));
        List<String> vigilLines = metrics.lines().filter(l -> l.startsWith("vigil_")).toList();
        System.out.printf("MetricsIT: %d vigil_ lines, e.g.%n  %s%n", vigilLines.size(),
                String.join("\n  ", vigilLines.stream().filter(l -> !l.contains("_bucket")).limit(20).toList()));
        assertThat(vigilLines).as("no label names a user").noneMatch(l -> l.contains("maya") || l.contains("noor")
                || l.contains("user"));
    }

    private String scrape() throws IOException {
        HttpResponse response = http.execute(new HttpGet(urls.getMetric()));
        String body = EntityUtils.toString(response.getEntity());
        assertThat(response.getStatusLine().getStatusCode()).as(body).isEqualTo(200);
        return body;
    }

    /** The value of the first sample of {@code name} whose labels contain all of {@code labels}. */
    static Optional<Double> value(String metrics, String name, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+|NaN)$",
                Pattern.MULTILINE);
        Matcher m = line.matcher(metrics);
        while (m.find()) {
            String found = m.group(1) == null ? "" : m.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                return Optional.of(Double.parseDouble(m.group(2)));
            }
        }
        return Optional.empty();
    }

    public static class MetricsServer extends VigilServerConfig {
        @Override
        public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
            return super.configure(config).option("metrics-enabled", "true");
        }
    }

    static class MetricsRealm implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder r) {
            return r.name(REALM).eventsListeners("vigil").users(DemoUsers.user("maya"));
        }
    }
}
