package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.keycloak.it.support.DemoUsers;
import dev.vigil.keycloak.it.support.VigilApi;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.apache.http.client.HttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
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

/**
 * One realm's SMTP server accepts connections and never answers, and every login there is due an e-mail: the
 * other realm's logins are still scored within seconds (alerts leave the scoring threads).
 */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
public class HangingSmtpIT {

    static final String HANGING = "vigil-mail-hanging";
    static final String OTHER = "vigil-mail-other";
    static ServerSocket tarpit;
    static final List<Socket> held = new CopyOnWriteArrayList<>();

    @InjectRealm(ref = "hanging", config = HangingRealm.class)
    ManagedRealm hanging;

    @InjectRealm(ref = "other", config = OtherRealm.class)
    ManagedRealm other;

    @InjectOAuthClient(realmRef = "hanging", ref = "hanging")
    OAuthClient hangingOauth;

    @InjectOAuthClient(realmRef = "other", ref = "other")
    OAuthClient otherOauth;

    @InjectAdminClient
    Keycloak admin;

    @InjectHttpClient
    HttpClient http;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @BeforeAll
    static void tarpit() throws IOException {
        tarpit = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!tarpit.isClosed()) {
                try {
                    held.add(tarpit.accept()); // never a greeting, never a reply
                } catch (IOException e) {
                    return;
                }
            }
        }, "smtp-tarpit");
        accept.setDaemon(true);
        accept.start();
    }

    @AfterAll
    static void close() throws IOException {
        tarpit.close();
        for (Socket s : held) {
            s.close();
        }
    }

    @Test
    void aRealmWhoseSmtpServerNeverAnswersDoesNotDelayOtherRealmsScoring() {
        RealmRepresentation rep = hanging.admin().toRepresentation();
        rep.setSmtpServer(java.util.Map.of("host", "127.0.0.1", "port", String.valueOf(tarpit.getLocalPort()),
                "from", "vigil@hanging.example"));
        hanging.admin().update(rep);
        VigilApi api = new VigilApi(http, urls);
        // every login after the first is from a "new device": each is due a new-device e-mail into the tarpit
        for (int i = 0; i < 8; i++) {
            assertThat(hangingOauth.passwordGrantRequest("amy", DemoUsers.PASSWORD)
                    .header("User-Agent", "client" + i + "/1.0").send().isSuccess()).isTrue();
        }
        // wait until alert e-mails are stuck in the tarpit: from now on, every thread sending them hangs
        long deadline = System.currentTimeMillis() + 30_000;
        while (held.size() < 2 && System.currentTimeMillis() < deadline) {
            sleep(100);
        }
        assertThat(held).as("alert e-mails went to the SMTP server that never answers").hasSizeGreaterThanOrEqualTo(2);
        long start = System.currentTimeMillis();
        assertThat(otherOauth.passwordGrantRequest("bea", DemoUsers.PASSWORD).send().isSuccess()).isTrue();
        JsonNode row = api.awaitScoredLogin(OTHER, admin.tokenManager().getAccessTokenString(), "bea", 30_000);
        long millis = System.currentTimeMillis() - start;
        System.out.printf("hanging SMTP: the other realm's login scored %d ms after it happened (%d connections held)%n",
                millis, held.size());
        assertThat(row.get("status").asText()).isIn("SCORED", "FLAGGED");
        assertThat(millis).as("scored within seconds, ms").isLessThan(8_000);
        // and the hanging realm's own logins were scored too: only their e-mails wait
        JsonNode amy = api.awaitScoredLogin(HANGING, admin.tokenManager().getAccessTokenString(), "amy", 10_000);
        assertThat(amy.get("status").asText()).isIn("SCORED", "FLAGGED");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static class HangingRealm implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder r) {
            return r.name(HANGING).sslRequired("none").eventsListeners("vigil").users(DemoUsers.user("amy"));
        }
    }

    static class OtherRealm implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder r) {
            return r.name(OTHER).sslRequired("none").eventsListeners("vigil").users(DemoUsers.user("bea"));
        }
    }
}
