package dev.vigil.keycloak.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 14: two Keycloak 26.7.3 nodes with the dist jar, clustered as Keycloak 26.7 clusters by default (JGroups
 * discovery through the shared PostgreSQL database), on loopback with their own ports, behind one front-end URL. The
 * tests talk to each node directly, as a load balancer would send them, and count in the database what the nodes
 * wrote. Runs in the PostgreSQL pass (integration-tests/pom.xml) when {@code VIGIL_IT_CLUSTER_POSTGRES_URL} names
 * the shared database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    static final String REALM = "cluster";
    static final String CLIENT = "app";
    static final int USERS = 8;
    static final int LOGINS_EACH = 12;
    static final int RECHECK_SECONDS = 5;

    static ClusterDatabase db;
    static KeycloakNode a;
    static KeycloakNode b;
    static NodeClient onA;
    static NodeClient onB;
    static String realmId;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        db = ClusterDatabase.fromEnvironment();
        db.reset();
        List<String> options = List.of("--spi-events-listener--vigil--retrain-interval-minutes=1",
                "--spi-vigil-risk--vigil-default--model-recheck-seconds=" + RECHECK_SECONDS);
        a = KeycloakNode.ofCluster("node-a", "node A", db, db.url, options);
        b = KeycloakNode.ofCluster("node-b", "node B", db, db.url, options);
        long t0 = System.nanoTime();
        a.start();
        a.awaitReady(Duration.ofMinutes(5)); // the first node creates the schema
        long t1 = System.nanoTime();
        b.start();
        b.awaitReady(Duration.ofMinutes(5));
        long t2 = System.nanoTime();
        System.out.printf("CLUSTER node A ready in %.1f s, node B in %.1f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        awaitTrue("both nodes in one cluster view (ISPN000094 … (2))", Duration.ofSeconds(60),
                () -> view(a).contains("(2)") && view(b).contains("(2)"));
        for (KeycloakNode node : List.of(a, b)) {
            assertThat(node.logText()).as(node + ": JGroups on loopback only")
                    .contains("physical addresses are `[127.0.0.1:");
        }
        onA = new NodeClient(a);
        onB = new NodeClient(b);
        NodeClient.Answer created = onA.admin("POST", "", TestRealm.json(REALM, true, USERS, """
                "adminEventsEnabled":true,
                "attributes":{"vigil.minRealLogins":"10","vigil.timeZone":"UTC","vigil.action":"REVOKE_ALL_SESSIONS",
                              "vigil.maxActionsPerHour":"1000"},"""));
        assertThat(created.status()).as("realm created: " + created.body()).isEqualTo(201);
        realmId = db.realmId(REALM);
    }

    @AfterAll
    static void stopNodes() throws Exception {
        if (a != null) {
            a.stop();
        }
        if (b != null) {
            b.stop();
        }
    }

    @Test
    @Order(1)
    void aRetrainingIntervalMakesOneModelVersionAndBothNodesScoreWithIt() throws Exception {
        // three logins per user, on both nodes (minRealLogins 10): the next interval (1 min) trains the realm's model
        for (int i = 0; i < 3; i++) {
            for (int u = 0; u < USERS; u++) {
                NodeClient node = (i + u) % 2 == 0 ? onA : onB;
                assertThat(node.password(REALM, CLIENT, "u" + u, "pw-u" + u, "198.51.100." + (10 + u)).status())
                        .isEqualTo(200);
            }
        }
        awaitTrue("a realm model trained", Duration.ofSeconds(150), () -> versions().size() >= 1);
        List<Map<String, Object>> first = versions();
        long firstAt = ((Number) first.get(first.size() - 1).get("trained_at")).longValue();
        // watch two more intervals: one version per interval, never one per node
        awaitTrue("a second interval's version", Duration.ofSeconds(150), () -> versions().size() >= first.size() + 1);
        Thread.sleep(20_000);
        List<Map<String, Object>> all = versions();
        System.out.println("CLUSTER model versions: " + all);
        for (int i = 1; i < all.size(); i++) {
            long gap = ((Number) all.get(i).get("trained_at")).longValue()
                    - ((Number) all.get(i - 1).get("trained_at")).longValue();
            assertThat(gap).as("versions " + all.get(i - 1).get("model_version") + " and " + all.get(i).get("model_version")
                    + " come from different intervals (retrain-interval-minutes=1)").isGreaterThanOrEqualTo(45_000);
        }
        assertThat(firstAt).isPositive();

        // both nodes score with the newest version once the recheck interval has passed
        long newest = ((Number) all.get(all.size() - 1).get("model_version")).longValue();
        long newestAt = ((Number) all.get(all.size() - 1).get("trained_at")).longValue();
        long wait = newestAt + (RECHECK_SECONDS + 1) * 1000L - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        long since = System.currentTimeMillis();
        assertThat(onA.password(REALM, CLIENT, "u0", "pw-u0", "198.51.100.10").status()).isEqualTo(200);
        assertThat(onB.password(REALM, CLIENT, "u1", "pw-u1", "198.51.100.11").status()).isEqualTo(200);
        awaitNoneNew(Duration.ofSeconds(30));
        List<Map<String, Object>> rows = db.rows("select username, model_version, model_kind from vigil_login_event"
                + " where realm_id = ? and event_type = 'LOGIN' and event_time >= ? order by event_time", realmId, since);
        long current = ((Number) versions().get(versions().size() - 1).get("model_version")).longValue();
        System.out.println("CLUSTER scored after version " + newest + ": " + rows);
        assertThat(rows).hasSize(2);
        for (Map<String, Object> row : rows) {
            assertThat(row.get("model_kind")).as(row.toString()).isEqualTo("REALM");
            assertThat(((Number) row.get("model_version")).longValue()).as(row + " scored with the newest model")
                    .isBetween(newest, current);
        }
    }

    @Test
    @Order(2)
    void loginsSentToBothNodesAtOnceAreEachScoredOnceAndNoProfileUpdateIsLost() throws Exception {
        double scoredOnABefore = onA.metric("vigil_logins_scored_total", "realm=\"" + REALM + "\"");
        double scoredOnBBefore = onB.metric("vigil_logins_scored_total", "realm=\"" + REALM + "\"");
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < LOGINS_EACH; i++) {
            for (int u = 0; u < USERS; u++) {
                int login = i;
                int user = u;
                done.add(pool.submit(() -> {
                    // the same user on both nodes at the same time: even logins on A, odd on B
                    NodeClient node = (login + user) % 2 == 0 ? onA : onB;
                    NodeClient.Answer r = node.password(REALM, CLIENT, "u" + user, "pw-u" + user,
                            "198.51.100." + (10 + user));
                    if (r.status() == 200) {
                        ok.incrementAndGet();
                    } else {
                        failures.add(node.node.name + " " + r);
                    }
                }));
            }
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(failures).as("every login answered 200").isEmpty();
        int logins = USERS * LOGINS_EACH;
        assertThat(ok.get()).isEqualTo(logins);

        awaitNoneNew(Duration.ofSeconds(60));
        Map<String, Long> statuses = db.statuses(realmId);
        long scored = statuses.getOrDefault("SCORED", 0L) + statuses.getOrDefault("FLAGGED", 0L);
        assertThat(scored).as("every login row scored: " + statuses).isEqualTo(loginRows());
        assertThat(statuses.getOrDefault("FAILED", 0L)).isZero();

        // exactly once: the two nodes' scoring counters of this burst add up to its logins, not more
        double scoredOnA = onA.metric("vigil_logins_scored_total", "realm=\"" + REALM + "\"") - scoredOnABefore;
        double scoredOnB = onB.metric("vigil_logins_scored_total", "realm=\"" + REALM + "\"") - scoredOnBBefore;
        System.out.printf("CLUSTER concurrent: %d logins, scored by A %.0f, by B %.0f, statuses %s%n", logins,
                scoredOnA, scoredOnB, statuses);
        assertThat(scoredOnA + scoredOnB).as("scorings on A and B together").isEqualTo(logins);
        assertThat(scoredOnA).as("each node scored its own share").isPositive();
        assertThat(scoredOnB).isPositive();

        // no lost update: every user's profile folded each of the user's logins once
        for (int u = 0; u < USERS; u++) {
            String userId = userId("u" + u);
            List<Map<String, Object>> profile = db.rows("select profile_data from vigil_user_profile where user_id = ?",
                    userId);
            assertThat(profile).as("u" + u + "'s profile").hasSize(1);
            long userLogins = db.count("select count(*) from vigil_login_event where realm_id = ? and user_id = ?"
                    + " and event_type = 'LOGIN'", realmId, userId);
            String[] fields = ((String) profile.get(0).get("profile_data")).split(";", -1);
            assertThat(Long.parseLong(fields[6])).as("u" + u + ": logins folded into the running mean")
                    .isEqualTo(userLogins);
            assertThat(Long.parseLong(fields[12])).as("u" + u + ": logins counted per attribute").isEqualTo(userLogins);
        }

        // an admin event for every action taken, and none for an action that did not happen
        long revokedRows = db.count("select count(*) from vigil_login_event where realm_id = ?"
                + " and action_taken = 'REVOKE_ALL_SESSIONS' and (action_dry_run is null or action_dry_run = false)", realmId);
        long adminEvents = db.count("select count(*) from admin_event_entity where realm_id = ?"
                + " and resource_path like 'users/%/vigil/revoke-all-sessions'", realmId);
        System.out.printf("CLUSTER concurrent: %d rows revoked sessions, %d admin events, actions %s%n", revokedRows,
                adminEvents, query("select action_taken, count(*) as n from vigil_login_event where realm_id = ?"
                        + " group by action_taken", realmId));
        assertThat(adminEvents).as("admin events = revocations recorded on rows").isEqualTo(revokedRows);
    }

    @Test
    @Order(3)
    void aLoginFlaggedOnNodeARevokesTheSessionOnNodeB() throws Exception {
        assertThat(onA.admin("PUT", "/" + REALM + "/vigil/settings", "{\"flagThreshold\":\"1.0\"}").status())
                .isEqualTo(200);
        // u7 has a dozen logins: Vigil acts only on users with enough history (WITHHELD_FEW_LOGINS otherwise)
        NodeClient.Answer first = onB.password(REALM, CLIENT, "u7", "pw-u7", "198.51.100.17");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String refresh = first.json().get("refresh_token").asText();
        String access = first.json().get("access_token").asText();
        awaitNoneNew(Duration.ofSeconds(30));
        assertThat(onB.refresh(REALM, CLIENT, refresh).status()).as("the session works on B").isEqualTo(200);

        long eventsBefore = revocationEvents("u7");
        // every login is flagged from now on; the realm's action revokes the user's sessions
        assertThat(onB.admin("PUT", "/" + REALM + "/vigil/settings", "{\"flagThreshold\":\"0.01\"}").status())
                .isEqualTo(200);
        NodeClient.Answer attacker = onA.password(REALM, CLIENT, "u7", "pw-u7", "203.0.113.66", "python-requests/2.31.0");
        assertThat(attacker.status()).isEqualTo(200);
        awaitNoneNew(Duration.ofSeconds(30));
        List<Map<String, Object>> flagged = query("select ip_address, status, action_taken from vigil_login_event"
                + " where realm_id = ? and username = 'u7' and event_type = 'LOGIN' order by event_time desc", realmId);
        assertThat(flagged.get(0)).as("u7's login on A: flagged and acted on")
                .containsEntry("ip_address", "203.0.113.66").containsEntry("status", "FLAGGED")
                .containsEntry("action_taken", "REVOKE_ALL_SESSIONS");

        NodeClient.Answer refused = onB.refresh(REALM, CLIENT, refresh);
        assertThat(refused.status()).as("the refresh token on B after the revocation on A: " + refused.body())
                .isEqualTo(400);
        assertThat(refused.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(onB.userinfo(REALM, access).status()).as("userinfo on B refuses the old access token").isEqualTo(401);
        assertThat(revocationEvents("u7")).as("one admin event for the one revocation").isEqualTo(eventsBefore + 1);
        assertThat(onA.admin("PUT", "/" + REALM + "/vigil/settings", "{\"flagThreshold\":\"1.0\"}").status())
                .isEqualTo(200);
    }

    @Test
    @Order(4)
    void theSprayGuardCountsFailuresMadeOnBothNodes() throws Exception {
        String demo = new String(ClusterIT.class.getResourceAsStream("/vigil-demo-realm.json").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        NodeClient.Answer imported = onB.admin("POST", "", demo);
        assertThat(imported.status()).as("demo realm imported: " + imported.body()).isEqualTo(201);
        JsonNode rep = onA.admin("GET", "/vigil-demo", null).json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) rep).put("sslRequired", "none");
        assertThat(onA.admin("PUT", "/vigil-demo", rep.toString()).status()).isEqualTo(204);
        String demoId = db.realmId("vigil-demo");
        String sprayer = "203.0.113.7";

        // 19 different accounts, alternately on A and B: one short of the demo realm's sprayAccounts (20)
        for (int i = 0; i < 19; i++) {
            NodeClient node = i % 2 == 0 ? onA : onB;
            assertThat(node.password("vigil-demo", "vigil-cli", "sprayed-" + i, "Winter2026!", sprayer).json()
                    .path("error").asText()).isEqualTo("invalid_grant");
        }
        assertThat(db.count("select count(distinct username) from vigil_login_event where realm_id = ?"
                + " and ip_address = ? and event_type = 'LOGIN_ERROR'", demoId, sprayer)).isEqualTo(19);
        assertThat(onB.password("vigil-demo", "vigil-cli", "bob", "bob-vigil-demo", "203.0.113.99").status())
                .as("19 accounts: the network still signs in").isEqualTo(200);
        assertThat(onB.password("vigil-demo", "vigil-cli", "sprayed-19", "Winter2026!", sprayer).json().path("error")
                .asText()).isEqualTo("invalid_grant");

        for (NodeClient node : List.of(onA, onB)) {
            NodeClient.Answer refused = node.password("vigil-demo", "vigil-cli", "bob", "bob-vigil-demo", "203.0.113.99");
            assertThat(refused.status()).as("20 accounts over both nodes: refused on " + node.node.name + " "
                    + refused.body()).isEqualTo(429);
        }
        assertThat(onA.password("vigil-demo", "vigil-cli", "bob", "bob-vigil-demo", "198.51.100.20").status())
                .as("bob from his own network").isEqualTo(200);
    }

    @Test
    @Order(5)
    void afterKillMinus9EveryRecordedLoginIsScoredExactlyOnce() throws Exception {
        // nothing flagged: this test is about scoring, not about what is done with flags
        assertThat(onB.admin("PUT", "/" + REALM + "/vigil/settings", "{\"flagThreshold\":\"1.0\"}").status())
                .isEqualTo(200);
        long before = loginRows();
        double scoredOnBBefore = onB.metric("vigil_logins_scored_total", "realm=\"" + REALM + "\"");
        AtomicInteger ok = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int user = i % USERS;
            sent.add(pool.submit(() -> {
                if (onA.password(REALM, CLIENT, "u" + user, "pw-u" + user, "198.51.100." + (10 + user)).status() == 200) {
                    ok.incrementAndGet();
                }
            }));
        }
        // kill -9 while logins are still arriving and the scoring queue is busy
        long until = System.currentTimeMillis() + 60_000;
        while (ok.get() < 150 && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        long killedAt = System.currentTimeMillis();
        a.kill();
        for (Future<?> f : sent) {
            f.get();
        }
        pool.shutdown();
        long rows = loginRows();
        Map<String, Long> atKill = db.statuses(realmId);
        long queued = atKill.getOrDefault("NEW", 0L);
        System.out.printf("CLUSTER kill -9: %d logins answered 200 on A, %d login rows, %d NEW at the kill %s%n",
                ok.get(), rows, queued, atKill);
        assertThat(rows).as("every login that got its tokens has its row (recorded in the login's transaction)")
                .isGreaterThanOrEqualTo(before + ok.get());

        long recovered = awaitNoneNew(Duration.ofSeconds(60));
        System.out.printf("CLUSTER kill -9: node B scored the %d left behind within %.1f s of the kill%n", queued,
                (recovered - killedAt) / 1000.0);
        double scoredOnB = onB.metric("vigil_logins_scored_total", "realm=\"" + REALM + "\"") - scoredOnBBefore;
        assertThat(scoredOnB).as("node B scored exactly the rows A left NEW").isEqualTo(queued);

        long restart = System.nanoTime();
        a.start();
        a.awaitReady(Duration.ofMinutes(5));
        System.out.printf("CLUSTER kill -9: node A back in %.1f s%n", (System.nanoTime() - restart) / 1e9);
        Thread.sleep(15_000); // past A's first recovery run (10 s after start)
        assertThat(loginRows()).as("no row lost or added by the restart").isEqualTo(rows);
        Map<String, Long> after = db.statuses(realmId);
        assertThat(after.getOrDefault("NEW", 0L) + after.getOrDefault("FAILED", 0L)).as(after.toString()).isZero();
        assertThat(onA.metric("vigil_logins_scored_total", "realm=\"" + REALM + "\""))
                .as("the restarted node re-scored nothing").isZero();
        assertThat(after.getOrDefault("SCORED", 0L) + after.getOrDefault("FLAGGED", 0L)).isEqualTo(rows);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static long revocationEvents(String username) throws Exception {
        return db.count("select count(*) from admin_event_entity where realm_id = ? and resource_path = ?", realmId,
                "users/" + userId(username) + "/vigil/revoke-all-sessions");
    }

    private static long loginRows() throws Exception {
        return db.count("select count(*) from vigil_login_event where realm_id = ? and event_type = 'LOGIN'", realmId);
    }

    private static List<Map<String, Object>> versions() {
        return query("select model_version, kind, trained_at from vigil_model where realm_id = ? and kind = 'REALM'"
                + " order by model_version", realmId);
    }

    private static List<Map<String, Object>> query(String sql, Object... args) {
        try {
            return db.rows(sql, args);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until no row of the realm waits for scoring; returns the time it saw none. */
    private static long awaitNoneNew(Duration timeout) throws Exception {
        awaitTrue("no login left NEW", timeout, () -> {
            try {
                return db.statuses(realmId).getOrDefault("NEW", 0L) == 0;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return System.currentTimeMillis();
    }

    private static String userId(String username) throws Exception {
        return (String) db.rows("select u.id from user_entity u where u.realm_id = ? and u.username = ?", realmId,
                username).get(0).get("id");
    }

    private static String view(KeycloakNode node) {
        try {
            return node.logText().lines().filter(l -> l.contains("ISPN000094")).reduce((x, y) -> y).orElse("");
        } catch (java.io.IOException e) {
            return "";
        }
    }

    static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + timeout).isLessThan(end);
            Thread.sleep(250);
        }
    }
}
