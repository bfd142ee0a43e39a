package dev.vigil.keycloak.bench.soak;

import dev.vigil.keycloak.bench.overhead.Http;
import dev.vigil.keycloak.bench.overhead.RealmSetup;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load generator of {@code bench/soak} (see bench/README.md), for the one or two Keycloak nodes the script
 * started on one PostgreSQL database: creates realm {@value #REALM} (listeners jboss-logging and vigil, Keycloak's own
 * flows), warms up, measures the capacity in a closed loop, then runs mixed code-flow and password-grant logins at a
 * fixed rate (an open loop) for {@code --minutes}, one line per minute, waits for scoring to drain and compares what
 * the client saw with the rows Vigil wrote. The last line is
 * {@code SOAK logins=<n> recorded=<n> scored=<n> lost=<n> heap_growth_mb=<x>}. Exit status 1 when {@code lost > 0} or
 * more than 1 % of the attempts failed, 2 on bad options; {@code --check-options} only checks the options.
 */
public final class Soak {

    static final String REALM = "soak";
    private static final double MAX_FAILURE_RATE = 0.01;
    /** other programs' cores during the calibration above which it says the capacity is underestimated */
    private static final double BUSY_OTHERS = 0.2;

    private final SoakOptions options;
    private final HttpClient http = Http.client();

    private Soak(SoakOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println(SoakOptions.USAGE);
            return;
        }
        boolean checkOnly = List.of(args).contains("--check-options");
        SoakOptions options;
        try {
            options = SoakOptions.parse(List.of(args).stream().filter(arg -> !arg.equals("--check-options"))
                    .toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(SoakOptions.USAGE);
            System.exit(2);
            return;
        }
        if (checkOnly) {
            return;
        }
        System.exit(new Soak(options).run());
    }

    private static void line(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    private int run() throws Exception {
        int nodes = options.nodes().size();
        RealmSetup setup = new RealmSetup(options.nodes().get(0), options.users(), options.adminUser(),
                options.adminPassword());
        setup.create(REALM, List.of("jboss-logging", "vigil"),
                "\"ssoSessionIdleTimeout\":" + options.sessionIdleSeconds() + ",");
        line("realm %s created on node1: listeners jboss-logging and vigil, Keycloak's flows, %d users, SSO session idle"
                + " timeout %d s", REALM, options.users(), options.sessionIdleSeconds());
        line("load: code flow and password grant half each, %.1f %% wrong passwords, round robin over %d node(s) %s",
                options.wrongPercent(), nodes, options.nodes());

        try (Rows rows = Rows.connect(options.jdbcUrl(), options.jdbcUser(), options.jdbcPassword())) {
            String realmId = rows.realmId(REALM);
            Traffic traffic = new Traffic(options.nodes(), REALM, options.users(), options.wrongPercent(), options.seed());
            int workers = options.workersPerNode() * nodes;

            Cpu cpu = new Cpu(options.serverPids());
            Cpu.Reading started = cpu.read();
            Window.Snapshot warmup = traffic.closedLoop(workers, Duration.ofSeconds(options.warmupSeconds())).snapshot();
            phase("warm-up", workers, options.warmupSeconds(), warmup, cpu.read().coresSince(started));
            double rate = options.rate();
            if (rate == 0) {
                Cpu.Reading before = cpu.read();
                Window.Snapshot calibration = traffic.closedLoop(workers, Duration.ofSeconds(options.calibrateSeconds()))
                        .snapshot();
                Cpu.Cores cores = cpu.read().coresSince(before);
                phase("calibration", workers, options.calibrateSeconds(), calibration, cores);
                double capacity = calibration.answered() / (double) options.calibrateSeconds();
                rate = Math.max(0.1, capacity * options.ratePercent() / 100.0);
                line("capacity %.1f logins/s (answered attempts, closed loop); steady rate %d %% of it: %.1f logins/s",
                        capacity, options.ratePercent(), rate);
                if (cores != null && cores.others() > BUSY_OTHERS) {
                    line("NOTE: other programs used %.2f cores during the calibration: the capacity is underestimated"
                            + " (run again on a quiet machine, or set --rate)", cores.others());
                }
            } else {
                line("steady rate %.1f logins/s (--rate)", rate);
            }

            double settle = drain(rows, realmId);
            line("before the run: %s", settle < 0 ? "NEW rows still waiting after " + options.drainMaxSeconds() + " s"
                    : String.format(Locale.ROOT, "no NEW row after %.1f s", settle));
            setup.endSessions(REALM);
            List<Heap.Reading> heapStart = heap("start");

            line("%nsteady run: %.1f logins/s for %d min (open loop, latency from each login's due time; ok = tokens"
                    + " received, rejected = wrong password refused, failed = anything else; rows = LOGIN + LOGIN_ERROR"
                    + " rows so far, new = LOGIN rows not scored yet; cpu = cores used by Keycloak/load generator/"
                    + "PostgreSQL/other programs)", rate, options.minutes());
            line("%6s %7s %7s %8s %6s %9s %8s %8s %8s %9s %6s %8s  %s", "minute", "sent", "ok", "rejected", "failed",
                    "in_flight", "ok/s", "p50_ms", "p99_ms", "rows", "new", "scored", "cpu");
            OpenLoop loop = new OpenLoop(traffic, rate, options.minutes(), options.threads());
            Cpu.Reading before = cpu.read();
            long start = loop.start();
            for (int m = 1; m <= options.minutes(); m++) {
                long wake = start + Duration.ofMinutes(m).toNanos() + Duration.ofMillis(200).toNanos();
                for (long now = System.nanoTime(); now < wake; now = System.nanoTime()) {
                    Thread.sleep(Math.max(1, (wake - now) / 1_000_000));
                }
                Cpu.Reading now = cpu.read();
                minute(Integer.toString(m), loop.window(m - 1).snapshot(), loop.inFlight(), 60, rows.counts(realmId),
                        now.coresSince(before));
                before = now;
            }
            boolean allEnded = loop.awaitEnd(120);
            Window.Snapshot tail = loop.window(options.minutes()).snapshot();
            if (tail.ended() > 0 || !allEnded) {
                minute("after", tail, loop.inFlight(), Double.NaN, rows.counts(realmId), cpu.read().coresSince(before));
            }

            double drained = drain(rows, realmId);
            Rows.Counts afterDrain = rows.counts(realmId);
            if (drained >= 0) {
                line("%ndrain: no NEW row %.1f s after the last login ended", drained);
            } else {
                line("%ndrain: %d LOGIN rows still NEW %d s after the last login ended", afterDrain.waiting(),
                        options.drainMaxSeconds());
            }
            setup.endSessions(REALM);
            List<Heap.Reading> heapEnd = heap("end");
            double growth = Double.NaN;
            for (int n = 0; n < heapStart.size() && n < heapEnd.size(); n++) {
                double nodeGrowth = heapEnd.get(n).usedMb() - heapStart.get(n).usedMb();
                line("node%d heap growth: %+.1f MB (%.1f -> %.1f MB)", n + 1, nodeGrowth, heapStart.get(n).usedMb(),
                        heapEnd.get(n).usedMb());
                growth = Double.isNaN(growth) ? nodeGrowth : Math.max(growth, nodeGrowth);
            }
            if (!Double.isNaN(growth)) {
                growth = Math.round(growth * 10) / 10.0 + 0.0; // one decimal, and no "-0.0"
            }
            metrics(rows.counts(realmId).scored());
            return report(traffic, rows, realmId, growth);
        }
    }

    private void phase(String name, int workers, int seconds, Window.Snapshot s, Cpu.Cores cores) {
        line("%s: closed loop, %d workers, %d s: %d answered (%.1f/s): ok %d, rejected %d, failed %d, no answer %d;"
                        + " p50 %.1f ms, p99 %.1f ms; cpu cores Keycloak/generator/PostgreSQL/others %s, JIT %s of"
                        + " Keycloak's", name, workers, seconds, s.answered(),
                s.answered() / (double) seconds, s.ok(), s.rejected(), s.failed(), s.noAnswer(), s.p50(), s.p99(), Cpu.Cores.format(cores),
                cores == null || Double.isNaN(cores.jitShare()) ? "n/a"
                        : String.format(Locale.ROOT, "%.1f %%", 100 * cores.jitShare()));
    }

    private static void minute(String label, Window.Snapshot s, long inFlight, double seconds, Rows.Counts counts,
                               Cpu.Cores cores) {
        line("%6s %7d %7d %8d %6d %9d %8s %8s %8s %9d %6d %8d  %s", label, s.sent(), s.ok(), s.rejected(),
                s.failed() + s.noAnswer(), inFlight, Double.isNaN(seconds) ? "-" : oneDecimal(s.ok() / seconds),
                oneDecimal(s.p50()), oneDecimal(s.p99()),
                counts.recorded(), counts.waiting(), counts.scored(), Cpu.Cores.format(cores));
    }

    private static String oneDecimal(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    /** Seconds until no LOGIN row of the realm is NEW (polled every 0.25 s), or -1 after --drain-max. */
    private double drain(Rows rows, String realmId) throws Exception {
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(options.drainMaxSeconds()).toNanos();
        while (rows.counts(realmId).waiting() > 0) {
            if (System.nanoTime() > deadline) {
                return -1;
            }
            Thread.sleep(250);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** Every node's heap after a full GC (no load, user sessions ended). */
    private List<Heap.Reading> heap(String when) throws Exception {
        List<Heap.Reading> readings = new ArrayList<>();
        for (int n = 0; n < options.serverPids().size(); n++) {
            Heap.Reading reading = Heap.afterGc(options.serverPids().get(n));
            readings.add(reading);
            line("heap after GC at the %s, node%d (pid %s): %.1f MB used of %.1f MB, metaspace %.1f MB", when, n + 1,
                    reading.pid(), reading.usedMb(), reading.totalMb(), reading.metaspaceMb());
        }
        return readings;
    }

    private void metrics(long scoredRows) {
        double scored = 0;
        double depth = 0;
        boolean complete = true;
        for (int n = 0; n < options.managementPorts().size(); n++) {
            int port = options.managementPorts().get(n);
            try {
                Map<String, Double> values = NodeMetrics.read(http, port, REALM);
                StringBuilder text = new StringBuilder();
                values.forEach((name, value) -> text.append(' ').append(name).append('=')
                        .append(value == Math.rint(value) ? Long.toString(value.longValue()) : value.toString()));
                line("node%d /metrics (port %d, realm %s):%s", n + 1, port, REALM, text);
                scored += values.getOrDefault("vigil_logins_scored_total", 0.0);
                depth += values.getOrDefault("vigil_scoring_queue_depth", 0.0);
            } catch (Exception e) {
                line("node%d /metrics (port %d): not read: %s", n + 1, port, e);
                complete = false;
            }
        }
        if (complete) {
            line("metrics, all nodes: vigil_logins_scored_total %d (rows SCORED or FLAGGED: %d), vigil_scoring_queue_depth %d",
                    (long) scored, scoredRows, (long) depth);
        }
    }

    private int report(Traffic traffic, Rows rows, String realmId, double heapGrowth) throws Exception {
        Window.Snapshot totals = traffic.totals();
        Rows.Counts counts = rows.counts(realmId);
        Map<String, Long> byUser = rows.loginsByUser(realmId);
        long missing = 0;
        long extra = 0;
        long okSeen = 0;
        for (int u = 0; u < traffic.users(); u++) {
            long ok = traffic.okLogins(u);
            long recorded = byUser.getOrDefault(RealmSetup.username(u), 0L);
            okSeen += ok;
            missing += Math.max(0, ok - recorded);
            extra += Math.max(0, recorded - ok);
        }
        long unscored = counts.of("LOGIN", "NEW") + counts.of("LOGIN", "FAILED");
        long lost = missing + unscored;

        line("%nrealm %s, every phase (warm-up, calibration, steady run):", REALM);
        line("  rows by type/status: %s", counts.byTypeAndStatus());
        traffic.failures().forEach((reason, n) -> line("  failed: %d x %s", n, reason));
        line("  logins   = %d attempts answered: ok %d (tokens), rejected %d (wrong password, refused), failed %d;"
                + " %d more got no answer", totals.answered(), totals.ok(), totals.rejected(), totals.failed(),
                totals.noAnswer());
        line("  recorded = %d rows: LOGIN %d, LOGIN_ERROR %d (for %d rejected wrong passwords)", counts.recorded(),
                counts.of("LOGIN"), counts.of("LOGIN_ERROR"), totals.rejected());
        line("  scored   = %d LOGIN rows SCORED or FLAGGED (flagged %d)", counts.scored(), counts.of("LOGIN", "FLAGGED"));
        line("  lost     = %d: successful logins without a LOGIN row %d (%d seen, per user) + LOGIN rows not scored"
                + " after the drain %d (NEW %d, FAILED %d)", lost, missing, okSeen, unscored, counts.of("LOGIN", "NEW"),
                counts.of("LOGIN", "FAILED"));
        if (extra > 0) {
            line("  (LOGIN rows beyond the successful logins the client saw: %d, e.g. a code flow that failed after"
                    + " the form)", extra);
        }
        line("  heap_growth_mb = the largest growth of a node's heap after GC, end minus start: %s",
                Double.isNaN(heapGrowth) ? "not measured (no server pid)" : String.format(Locale.ROOT, "%+.1f", heapGrowth));

        List<String> problems = new ArrayList<>();
        long unexpected = totals.failed() + totals.noAnswer();
        if (unexpected > MAX_FAILURE_RATE * totals.sent()) {
            problems.add(String.format(Locale.ROOT, "%d of %d attempts failed (limit 1 %%)", unexpected, totals.sent()));
        }
        if (lost > 0) {
            problems.add(lost + " logins lost");
        }
        problems.forEach(problem -> line("FAILED: %s", problem));
        line("SOAK logins=%d recorded=%d scored=%d lost=%d heap_growth_mb=%.1f", totals.answered(), counts.recorded(),
                counts.scored(), lost, heapGrowth);
        return problems.isEmpty() ? 0 : 1;
    }
}
