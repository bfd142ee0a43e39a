package dev.vigil.keycloak.bench.overhead;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the workers against one realm for a fixed time. Worker {@code w} owns users {@code w, w+N, w+2N, …}
 * (one browser each) and logs them in back to back in turn, alternating the two kinds; half the workers
 * start with each kind. A login that starts before the deadline is finished and counted; the run lasts
 * until the last one ends. Then the runner waits for the server to go idle, so that work a realm leaves
 * behind (e.g. Vigil's asynchronous scoring) is charged to that realm's CPU and not to the next run.
 */
final class LoadRunner {

    private static final Duration SETTLE_MAX = Duration.ofSeconds(30);
    private static final Duration SETTLE_WINDOW = Duration.ofMillis(500);
    /** Idle: less than a tenth of a core over the window. */
    private static final long IDLE_CPU_NANOS = SETTLE_WINDOW.toNanos() / 10;

    private final Options options;
    private final CpuClock serverCpu;
    private final ThreadCpu serverThreads;
    private final List<HttpClient> http = new ArrayList<>();
    private final Map<String, List<LoginClient>> clients = new HashMap<>();

    /** @param serverCpu the server's CPU clock, or null when unknown (then there is no settling either) */
    LoadRunner(Options options, CpuClock serverCpu, ThreadCpu serverThreads) {
        this.options = options;
        this.serverCpu = serverCpu;
        this.serverThreads = serverThreads;
        for (int w = 0; w < options.workers(); w++) {
            http.add(Http.client());
        }
    }

    /**
     * One browser login of every user, each in its own browser, unmeasured and before anything else: the users are
     * returning users on their own browsers (in the demo flows a browser never seen for a user with history is a new
     * device and steps up, which the benchmark's users, without a second factor, could not pass).
     *
     * @return the logins that failed
     */
    int prime(String realm) throws InterruptedException {
        List<LoginClient> realmClients = clients(realm);
        int[] failed = new int[1];
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < options.workers(); w++) {
            int worker = w;
            Thread thread = new Thread(() -> {
                for (int user = worker; user < options.users(); user += options.workers()) {
                    try {
                        realmClients.get(worker).login(LoginKind.CODE, RealmSetup.username(user), RealmSetup.PASSWORD);
                    } catch (LoginFailure failure) {
                        synchronized (failed) {
                            failed[0]++;
                        }
                    }
                }
            }, "login-primer-" + w);
            workers.add(thread);
            thread.start();
        }
        for (Thread thread : workers) {
            thread.join();
        }
        return failed[0];
    }

    private List<LoginClient> clients(String realm) {
        return clients.computeIfAbsent(realm, r -> http.stream()
                .map(client -> new LoginClient(client, options.baseUrl(), r)).toList());
    }

    RoundResult run(String realm, Duration duration) throws InterruptedException {
        List<LoginClient> realmClients = clients(realm);
        List<Tally> tallies = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long cpuBefore = cpu();
        var threadsBefore = threads();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        for (int w = 0; w < options.workers(); w++) {
            Tally tally = new Tally();
            int worker = w;
            Thread thread = new Thread(() -> work(realmClients.get(worker), worker, deadline, tally), "login-worker-" + w);
            tallies.add(tally);
            workers.add(thread);
            thread.start();
        }
        for (Thread thread : workers) {
            thread.join();
        }
        long elapsed = System.nanoTime() - start;
        long settled = settle();
        long cpuAfter = cpu();
        var byThreads = ThreadCpu.between(threadsBefore, threads());
        Tally merged = new Tally();
        tallies.forEach(merged::addAll);
        return new RoundResult(realm, elapsed, merged, cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore, settled,
                byThreads);
    }

    private void work(LoginClient client, int worker, long deadline, Tally tally) {
        LoginKind kind = LoginKind.values()[worker % 2];
        int user = worker;
        while (System.nanoTime() < deadline) {
            long started = System.nanoTime();
            try {
                client.login(kind, RealmSetup.username(user), RealmSetup.PASSWORD);
                tally.success(kind, System.nanoTime() - started);
            } catch (LoginFailure failure) {
                tally.failure(failure.getMessage());
            }
            kind = kind.other();
            user += options.workers();
            if (user >= options.users()) {
                user = worker;
            }
        }
    }

    /** Waits until the server used less than a tenth of a core over half a second (at most 30 s); returns the wait. */
    private long settle() throws InterruptedException {
        long start = System.nanoTime();
        long before = cpu();
        while (before >= 0 && System.nanoTime() - start < SETTLE_MAX.toNanos()) {
            Thread.sleep(SETTLE_WINDOW.toMillis());
            long now = cpu();
            if (now - before < IDLE_CPU_NANOS) {
                break;
            }
            before = now;
        }
        return System.nanoTime() - start;
    }

    private Map<ThreadCpu.Group, Long> threads() {
        return serverThreads == null ? null : serverThreads.snapshot();
    }

    private long cpu() {
        return serverCpu == null ? -1 : serverCpu.nanos();
    }
}
