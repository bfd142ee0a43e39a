package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.keycloak.it.support.TypingRhythmUsers;
import dev.vigil.keycloak.it.support.VigilApi;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.apache.http.client.HttpClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectHttpClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * The dashboard's figures come from the hourly roll-up once the roll-up task has run (every 3 s here), and they are
 * the same figures the rows give: for the default window and for one that starts and ends inside hours, per day,
 * hour and weekday, by country and network. A deleted user's logins leave the rolled-up figures within a task run.
 */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
public class DashboardRollupIT {

    static final String REALM = "vigil-demo";
    static final String UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    static final String LONDON = "81.2.69.142";
    static final String LINKOPING = "89.160.20.112";
    /** another British address (MaxMind's test database), on a network hana never used */
    static final String BOURNEMOUTH = "2.125.160.216";
    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    @InjectRealm(fromJson = "/vigil-demo-realm.json")
    ManagedRealm demo;

    @InjectAdminClient
    Keycloak admin;

    @InjectHttpClient
    HttpClient http;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    /** {@code denied}: a successful password the replay denies as the demo flow does (assessed HIGH). */
    record Attempt(long time, String user, boolean success, String ip, String device, boolean denied) {
        Attempt(long time, String user, boolean success, String ip) {
            this(time, user, success, ip, user + "-pc", false);
        }

        /** A login the dashboard counts as one (the others are failures). */
        boolean loggedIn() {
            return success && !denied;
        }

        String json() {
            return "{\"time\":%d,\"username\":\"%s\",\"success\":%s,\"ip\":\"%s\",\"userAgent\":\"%s\",\"device\":\"%s\"}"
                    .formatted(time, user, success, ip, UA, device);
        }
    }

    @Test
    void rolledUpFiguresEqualTheRowsAndADeletedUserLeavesThem() throws InterruptedException {
        Assumptions.assumeTrue(VigilServerConfig.GEOIP != null, "GeoIP test databases not found (shared/data/geoip)");
        VigilApi api = new VigilApi(http, urls);
        TypingRhythmUsers users = new TypingRhythmUsers(demo);
        users.createUser("hana", "Hana-rollup-1", List.of());
        String ivoId = users.createUser("ivo", "Ivo-rollup-1", List.of());

        // six days of logins at minutes that fall in every quarter hour; the newest two hours before now
        long now = System.currentTimeMillis();
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < 72; i++) {
            long t = now - 2 * HOUR - i * (2 * HOUR + 7 * MINUTE);
            attempts.add(new Attempt(t, "hana", true, LONDON));
            attempts.add(new Attempt(t + 11 * MINUTE, "ivo", i % 9 != 0, LINKOPING));
            if (i % 5 == 0) {
                attempts.add(new Attempt(t + 23 * MINUTE, "nobody-" + i, false, "198.51.100.7"));
            }
        }
        // in one hour, after her history: a new tablet at home (MEDIUM) and a new phone in Sweden minutes later
        // (HIGH): both levels give the hour a new_device count, which the roll-up keeps as one tally
        long late = now - 3 * HOUR + 5 * MINUTE;
        attempts.add(new Attempt(late, "hana", true, BOURNEMOUTH, "hana-tablet", false));
        attempts.add(new Attempt(late + 6 * MINUTE, "hana", true, LINKOPING, "hana-phone", true));
        String token = admin.tokenManager().getAccessTokenString();
        List<String> json = attempts.stream().map(Attempt::json).toList();
        VigilApi.Answer imported = api.post(REALM, token, "history", "{\"logins\":[" + String.join(",", json) + "]}");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);

        // a window that starts and ends inside hours, and the default one (the last 30 days)
        long from = now - 4 * DAY - 17 * MINUTE;
        long to = now - 5 * HOUR - 41 * MINUTE;
        String inside = "stats?from=" + from + "&to=" + to;
        JsonNode insideBefore = api.get(REALM, token, inside).json();
        JsonNode defaultBefore = api.get(REALM, token, "stats").json();
        expectCounts(insideBefore, attempts, a -> a.time() >= from && a.time() < to);
        expectCounts(defaultBefore, attempts, a -> true);
        assertThat(defaultBefore.path("steppedUp").asLong()).as("the tablet: MEDIUM").isPositive();
        assertThat(defaultBefore.path("denied").asLong()).as("the phone: HIGH, denied").isEqualTo(1);
        assertThat(defaultBefore.path("signals").path("new_device").asLong()).as("signals %s",
                defaultBefore.path("signals")).isGreaterThanOrEqualTo(2);

        // the roll-up task rolls the settled hours up (all but the last ten minutes' hour)
        JsonNode rolled = awaitStats(api, "stats", s -> s.path("rolledUpTo").asLong() >= now - 2 * HOUR);
        assertThat(rolled.path("rolledUpTo").asLong()).as("rolled up to a whole hour").isEqualTo(
                rolled.path("rolledUpTo").asLong() / HOUR * HOUR);
        JsonNode insideAfter = api.get(REALM, token, inside).json();
        assertThat(insideAfter.path("rolledUpTo").asLong()).as("the inside window read the roll-up")
                .isGreaterThan(from);
        assertThat(comparable(insideAfter)).isEqualTo(comparable(insideBefore));
        assertThat(comparable(api.get(REALM, token, "stats").json())).isEqualTo(comparable(defaultBefore));

        // deleting ivo takes his logins and failures out of the rolled-up hours
        admin.realm(REALM).users().delete(ivoId).close();
        List<Attempt> withoutIvo = attempts.stream().filter(a -> !a.user().equals("ivo")).toList();
        long expected = withoutIvo.stream().filter(a -> a.loggedIn() && a.time() >= from && a.time() < to).count();
        JsonNode afterDeletion = awaitStats(api, inside, s -> s.path("logins").asLong() == expected);
        expectCounts(afterDeletion, withoutIvo, a -> a.time() >= from && a.time() < to);
        assertThat(afterDeletion.path("rolledUpTo").asLong()).isPositive();
    }

    /** Logins, failures, logins per day summed, and logins by country and network, as the imported attempts say. */
    private static void expectCounts(JsonNode stats, List<Attempt> attempts, Predicate<Attempt> inWindow) {
        List<Attempt> in = attempts.stream().filter(inWindow).toList();
        long logins = in.stream().filter(Attempt::loggedIn).count();
        long failures = in.size() - logins;
        assertThat(stats.path("logins").asLong()).as("logins in %s", stats).isEqualTo(logins);
        assertThat(stats.path("failures").asLong()).as("failures").isEqualTo(failures);
        long perDay = 0;
        for (JsonNode d : stats.path("perDay")) {
            perDay += d.path("logins").asLong();
        }
        assertThat(perDay).as("per day").isEqualTo(logins);
        long perHour = 0;
        for (JsonNode h : stats.path("loginsPerHour")) {
            perHour += h.asLong();
        }
        assertThat(perHour).as("per hour").isEqualTo(logins);
        for (String[] place : new String[][] {{LONDON + " " + BOURNEMOUTH, "GB"}, {LINKOPING, "SE"}}) {
            List<String> ips = List.of(place[0].split(" "));
            long n = in.stream().filter(a -> a.loggedIn() && ips.contains(a.ip())).count();
            JsonNode country = find(stats.path("countries"), place[1]);
            assertThat(country == null ? 0 : country.path("logins").asLong()).as("logins from %s", place[1])
                    .isEqualTo(n);
        }
        long fromLinkoping = in.stream().filter(a -> a.loggedIn() && a.ip().equals(LINKOPING)).count();
        if (fromLinkoping > 0) {
            JsonNode network = find(stats.path("networks"), "AS29518");
            assertThat(network).as("networks %s", stats.path("networks")).isNotNull();
            assertThat(network.path("logins").asLong()).isEqualTo(fromLinkoping);
            assertThat(network.path("label").asText()).isEqualTo("Bredband2 AB");
        }
    }

    private static JsonNode find(JsonNode list, String key) {
        for (JsonNode n : list) {
            if (key.equals(n.path("key").asText())) {
                return n;
            }
        }
        return null;
    }

    /**
     * The figures alone: not where they came from, this node's timings, the sessions open now, or the default
     * window's ends (the last 30 days before each request).
     */
    private static JsonNode comparable(JsonNode stats) {
        ObjectNode copy = stats.deepCopy();
        copy.remove(List.of("rolledUpTo", "assessmentOnThisNode", "activeSessions", "from", "to"));
        return copy;
    }

    private JsonNode awaitStats(VigilApi api, String path, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode stats;
        do {
            stats = api.get(REALM, admin.tokenManager().getAccessTokenString(), path).json();
            if (done.test(stats)) {
                return stats;
            }
            Thread.sleep(500);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("the dashboard's figures did not get there within 30 s: " + stats);
    }
}
