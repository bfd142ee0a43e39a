package dev.vigil.keycloak.bench.soak;

import dev.vigil.keycloak.bench.overhead.Http;
import dev.vigil.keycloak.bench.overhead.LoginClient;
import dev.vigil.keycloak.bench.overhead.LoginFailure;
import dev.vigil.keycloak.bench.overhead.LoginKind;
import dev.vigil.keycloak.bench.overhead.RealmSetup;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The virtual users and the login mix. Attempt {@code i} goes to node {@code i mod nodes} (round robin) and to user
 * {@code (i + i / users) mod users}, so that with two nodes a user's logins alternate between them; its kind (code
 * flow or password grant, half each) and whether it uses a wrong password are drawn from {@code hash(seed, i)}.
 * Each user has its own cookie jar ({@link LoginClient}: the persistent cookies, e.g. Vigil's device cookie, of its
 * last successful browser login), shared by all nodes as behind a load balancer, and never runs two logins at once.
 * Totals over every phase (warm-up, calibration, steady run) are kept here, since all of them land in the realm.
 */
final class Traffic {

    private static final String WRONG_PASSWORD = "wrong-" + RealmSetup.PASSWORD;
    private static final int HTTP_CLIENTS = 8;

    enum Outcome { OK, REJECTED, FAILED, NO_ANSWER }

    record Result(Outcome outcome, long endNanos) {
    }

    private final List<URI> nodes;
    private final int users;
    private final long wrongPerMillion;
    private final long seed;
    private final List<LoginClient> clients = new ArrayList<>();
    private final List<ReentrantLock> locks = new ArrayList<>();
    private final AtomicLong next = new AtomicLong();

    private final AtomicLongArray okByUser;
    private final Window total = new Window(false);
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    Traffic(List<URI> nodes, String realm, int users, double wrongPercent, long seed) {
        this.nodes = nodes;
        this.users = users;
        this.wrongPerMillion = Math.round(wrongPercent * 10_000);
        this.seed = seed;
        this.okByUser = new AtomicLongArray(users);
        List<HttpClient> http = new ArrayList<>();
        for (int c = 0; c < HTTP_CLIENTS; c++) {
            http.add(Http.client());
        }
        for (int u = 0; u < users; u++) {
            clients.add(new LoginClient(http.get(u % HTTP_CLIENTS), nodes.get(0), realm));
            locks.add(new ReentrantLock());
        }
    }

    long nextAttempt() {
        return next.getAndIncrement();
    }

    /** Performs attempt {@code i} (blocking) and adds it to the totals. */
    Result perform(long i) {
        int user = (int) ((i + i / users) % users);
        URI node = nodes.get((int) (i % nodes.size()));
        long hash = mix(seed ^ mix(i));
        LoginKind kind = (hash & 1) == 0 ? LoginKind.CODE : LoginKind.PASSWORD;
        boolean wrong = Long.remainderUnsigned(hash >>> 1, 1_000_000) < wrongPerMillion;
        String username = RealmSetup.username(user);
        Outcome outcome;
        total.sent();
        ReentrantLock lock = locks.get(user);
        lock.lock();
        try {
            clients.get(user).login(node, kind, username, wrong ? WRONG_PASSWORD : RealmSetup.PASSWORD);
            okByUser.incrementAndGet(user);
            if (wrong) {
                failure(kind.label + ": a wrong password was accepted");
                outcome = Outcome.FAILED;
            } else {
                outcome = Outcome.OK;
            }
        } catch (LoginFailure failure) {
            if (!failure.answered()) {
                outcome = Outcome.NO_ANSWER;
                failure(failure.getMessage());
            } else if (wrong && refusal(kind, failure.getMessage())) {
                outcome = Outcome.REJECTED;
            } else {
                outcome = Outcome.FAILED;
                failure(failure.getMessage() + (wrong ? " (wrong password)" : ""));
            }
        } finally {
            lock.unlock();
        }
        long end = System.nanoTime();
        total.ended(outcome, 0);
        return new Result(outcome, end);
    }

    /** How Keycloak refuses a wrong password: the login form again (200) or invalid_grant (400 or 401). */
    private static boolean refusal(LoginKind kind, String message) {
        return kind == LoginKind.CODE ? message.contains("login form POST answered HTTP 200, expected 302")
                : message.contains("(error=invalid_grant)")
                        && (message.contains("answered HTTP 401 ") || message.contains("answered HTTP 400 "));
    }

    private void failure(String reason) {
        failures.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * {@code workers} threads log in back to back for {@code duration} (a closed loop: a login starts when the
     * worker's previous one ended); latency from the start of each login.
     */
    Window closedLoop(int workers, Duration duration) throws InterruptedException {
        Window window = new Window();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    long started = System.nanoTime();
                    window.sent();
                    Result result = perform(nextAttempt());
                    window.ended(result.outcome(), result.endNanos() - started);
                }
            }, "soak-closed-" + w);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return window;
    }

    /** Successful logins the client saw, per user index, over every phase. */
    long okLogins(int user) {
        return okByUser.get(user);
    }

    int users() {
        return users;
    }

    /** Every phase's attempts by outcome (latencies are not kept here). */
    Window.Snapshot totals() {
        return total.snapshot();
    }

    Map<String, Long> failures() {
        Map<String, Long> sorted = new TreeMap<>();
        failures.forEach((reason, n) -> sorted.put(reason, n.sum()));
        return sorted;
    }
}
