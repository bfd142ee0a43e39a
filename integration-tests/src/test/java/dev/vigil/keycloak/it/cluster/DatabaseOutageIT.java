package dev.vigil.keycloak.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: PostgreSQL goes away for 30 s under load (the node's connections to it are dropped and new ones refused),
 * then comes back. During the outage a realm that uses Vigil answers exactly as a realm that does not (Keycloak's own
 * behaviour, nothing added by Vigil); afterwards recording and scoring resume by themselves, without a restart, and
 * Vigil logs the outage once, not once per login.
 */
class DatabaseOutageIT {

    static final String VIGIL = "with-vigil";
    static final String PLAIN = "without-vigil";
    static final int OUTAGE_SECONDS = 30;

    static ClusterDatabase db;
    static DatabaseLink link;
    static KeycloakNode node;
    static NodeClient client;

    @BeforeAll
    static void startOneNodeBehindTheLink() throws Exception {
        db = ClusterDatabase.fromEnvironment();
        db.reset();
        link = new DatabaseLink(db.url);
        node = KeycloakNode.ofCluster("node-outage", "node", db, link.through(db.url), List.of());
        node.start();
        node.awaitReady(Duration.ofMinutes(5));
        client = new NodeClient(node);
        for (String realm : List.of(VIGIL, PLAIN)) {
            NodeClient.Answer created = client.admin("POST", "", TestRealm.json(realm, realm.equals(VIGIL), 4, ""));
            assertThat(created.status()).as(realm + " created: " + created.body()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.stop();
        }
        if (link != null) {
            link.close();
        }
    }

    @Test
    void thirtySecondsWithoutTheDatabaseCostVigilNothingAfterwards() throws Exception {
        String vigilId = db.realmId(VIGIL);
        for (String realm : List.of(VIGIL, PLAIN)) {
            assertThat(login(realm, 0).status()).as("before the outage: " + realm).isEqualTo(200);
        }
        int logLinesBefore = node.logText().split("\n", -1).length;

        // load: six clients logging in to the realm with Vigil all along, before, during and after the outage
        Map<String, Integer> load = new java.util.concurrent.ConcurrentSkipListMap<>();
        java.util.concurrent.atomic.AtomicBoolean loading = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int first = 100 * t;
            Thread c = new Thread(() -> {
                for (int i = first; loading.get(); i++) {
                    load.merge(outcome(login(VIGIL, i)), 1, Integer::sum);
                }
            }, "load-" + t);
            c.start();
            clients.add(c);
        }
        Thread.sleep(3_000);

        // the outage: besides the load, the same logins to a realm with Vigil and to one without, side by side
        link.cut();
        long cutAt = System.currentTimeMillis();
        Map<String, Integer> withVigil = new TreeMap<>();
        Map<String, Integer> without = new TreeMap<>();
        int sent = 0;
        while (System.currentTimeMillis() - cutAt < OUTAGE_SECONDS * 1000L) {
            boolean settled = System.currentTimeMillis() - cutAt > 3_000
                    && System.currentTimeMillis() - cutAt < (OUTAGE_SECONDS - 3) * 1000L;
            int i = ++sent;
            NodeClient.Answer v = login(VIGIL, i);
            NodeClient.Answer p = login(PLAIN, i);
            if (settled) {
                withVigil.merge(outcome(v), 1, Integer::sum);
                without.merge(outcome(p), 1, Integer::sum);
            }
            Thread.sleep(200);
        }
        link.restore();
        long restoredAt = System.currentTimeMillis();
        Thread.sleep(5_000);
        loading.set(false);
        for (Thread c : clients) {
            c.join(120_000);
        }
        System.out.printf("OUTAGE %d s: %d side-by-side logins per realm; answers with Vigil %s, without %s%n", OUTAGE_SECONDS, sent,
                withVigil, without);
        System.out.printf("OUTAGE: the load's answers (6 clients, 3 s before to 5 s after): %s%n", load);
        assertThat(withVigil).as("during the outage a realm with Vigil answers as one without").isEqualTo(without);
        java.util.Set<String> keycloaks = new java.util.TreeSet<>(without.keySet());
        keycloaks.add("200");
        assertThat(load.keySet()).as("the load saw only success and Keycloak's own answer to a missing database")
                .isSubsetOf(keycloaks);

        // back: logins, recording and scoring resume by themselves
        List<Long> firstOk = new ArrayList<>();
        ClusterIT.awaitTrue("a login succeeds again", Duration.ofSeconds(120), () -> {
            boolean ok = login(VIGIL, 1000).status() == 200;
            if (ok && firstOk.isEmpty()) {
                firstOk.add(System.currentTimeMillis());
            }
            return ok;
        });
        long after = System.currentTimeMillis();
        int resumed = 0;
        for (int i = 0; i < 10; i++) {
            if (login(VIGIL, 2000 + i).status() == 200) {
                resumed++;
            }
        }
        assertThat(resumed).as("logins after the outage").isEqualTo(10);
        ClusterIT.awaitTrue("every recorded login scored again", Duration.ofSeconds(60), () -> {
            try {
                return db.statuses(vigilId).getOrDefault("NEW", 0L) == 0;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        long recordedAfter = db.count("select count(*) from vigil_login_event where realm_id = ? and event_type = 'LOGIN'"
                + " and event_time >= ?", vigilId, after);
        assertThat(recordedAfter).as("the logins after the outage are recorded").isGreaterThanOrEqualTo(10);
        Map<String, Long> statuses = db.statuses(vigilId);
        System.out.printf("OUTAGE: first login %.1f s after the database came back; rows %s%n",
                (firstOk.get(0) - restoredAt) / 1000.0, statuses);
        assertThat(statuses.getOrDefault("FAILED", 0L)).as(statuses.toString()).isZero();

        // Vigil's log: the outage once, not once per login or per run of its tasks (Keycloak's task runner would log
        // "Failed to run scheduled task vigil-…" at every run)
        List<String> lines = List.of(node.logText().split("\n", -1));
        List<String> vigilErrors = lines.subList(Math.min(logLinesBefore, lines.size()), lines.size()).stream()
                .filter(l -> l.matches("^\\S+ \\S+ +ERROR +\\[dev\\.vigil.*")
                        || l.contains("Failed to run scheduled task vigil-")) // not Vigil's INFO "… works again"
                .toList();
        System.out.println("OUTAGE: Vigil's ERROR lines:\n  " + String.join("\n  ", vigilErrors));
        Map<String, Long> perSource = new TreeMap<>();
        for (String l : vigilErrors) {
            String message = l.replaceFirst("^.*?\\) ", "");
            perSource.merge(message.contains(" failed (") ? message.substring(0, message.indexOf(" failed (")) : message,
                    1L, Long::sum);
        }
        assertThat(perSource.values()).as("each of Vigil's parts logs the outage once: " + perSource)
                .allMatch(n -> n == 1);
        assertThat(vigilErrors.size()).as("Vigil's ERROR lines for one outage of " + sent + " logins per realm")
                .isLessThanOrEqualTo(4);
    }

    private static NodeClient.Answer login(String realm, int i) {
        return client.password(realm, "app", "u" + (i % 4), "pw-u" + (i % 4), "198.51.100." + (10 + i % 4));
    }

    /** What a client sees: the status and OAuth error, or that the connection failed. */
    private static String outcome(NodeClient.Answer a) {
        if (a.status() < 0) {
            return "no answer";
        }
        String error = a.body() != null && a.body().startsWith("{") ? a.json().path("error").asText("") : "";
        return error.isEmpty() ? Integer.toString(a.status()) : a.status() + " " + error;
    }
}
