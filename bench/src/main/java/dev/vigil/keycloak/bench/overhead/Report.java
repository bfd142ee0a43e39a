package dev.vigil.keycloak.bench.overhead;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Prints the per-round rows as they come, then the per-realm tables, the comparison and the final line. */
final class Report {

    private static final LoginKind[] KINDS_AND_BOTH = {LoginKind.CODE, LoginKind.PASSWORD, null};

    private final PrintStream out;
    private final List<Double> roundRatios = new ArrayList<>();

    Report(PrintStream out) {
        this.out = out;
    }

    void warmup(RoundResult run) {
        printf("warm-up %-12s %5.1f s  %7.1f logins/s  %d failed  JIT compiler %4.1f%% of server CPU%n",
                run.realm(), run.elapsedNanos() / 1e9, run.throughput(null), run.tally().failures(),
                100 * run.jitShare());
    }

    void roundHeader() {
        printf("%nPer round, both kinds (logins/s; p99 and server CPU per login in ms):%n");
        printf("%5s  %-6s %8s %8s %6s %10s %10s %8s %10s %10s %7s%n", "round", "first", "plain/s", "vigil/s",
                "ratio", "plain p99", "vigil p99", "p99 +ms", "plain CPU", "vigil CPU", "failed");
    }

    void round(int number, boolean plainFirst, RoundResult plain, RoundResult vigil) {
        double ratio = vigil.throughput(null) / plain.throughput(null);
        roundRatios.add(ratio);
        double plainP99 = plain.latencies(null).percentileMillis(99);
        double vigilP99 = vigil.latencies(null).percentileMillis(99);
        printf("%5d  %-6s %8.1f %8.1f %6.3f %10.1f %10.1f %+8.1f %10.2f %10.2f %7d%n", number,
                plainFirst ? "plain" : "vigil", plain.throughput(null), vigil.throughput(null), ratio, plainP99, vigilP99,
                vigilP99 - plainP99, plain.serverCpuMillisPerLogin(), vigil.serverCpuMillisPerLogin(),
                plain.tally().failures() + vigil.tally().failures());
    }

    void summary(Options options, RoundResult plain, RoundResult vigil) {
        printf("%nOverall: %d rounds x %d s per realm, %d workers, %d users per realm%n",
                options.rounds(), options.roundSeconds(), options.workers(), options.users());
        printf("%-12s %-15s %8s %7s %9s %9s %9s %9s%n",
                "realm", "kind", "logins", "failed", "logins/s", "p50 ms", "p95 ms", "p99 ms");
        for (RoundResult realm : List.of(plain, vigil)) {
            for (LoginKind kind : KINDS_AND_BOTH) {
                Samples latencies = realm.latencies(kind);
                printf("%-12s %-15s %8d %7s %9.2f %9.2f %9.2f %9.2f%n", realm.realm(), label(kind),
                        latencies.size(), kind == null ? Integer.toString(realm.tally().failures()) : "",
                        realm.throughput(kind), latencies.percentileMillis(50), latencies.percentileMillis(95),
                        latencies.percentileMillis(99));
            }
        }

        printf("%nVigil vs plain (%s against %s):%n", vigil.realm(), plain.realm());
        printf("%-15s %16s %9s %9s %9s%n", "kind", "throughput ratio", "p50 +ms", "p95 +ms", "p99 +ms");
        for (LoginKind kind : KINDS_AND_BOTH) {
            printf("%-15s %16.3f %+9.2f %+9.2f %+9.2f%n", label(kind), vigil.throughput(kind) / plain.throughput(kind),
                    added(plain, vigil, kind, 50), added(plain, vigil, kind, 95), added(plain, vigil, kind, 99));
        }
        List<Double> sorted = new ArrayList<>(roundRatios);
        Collections.sort(sorted);
        printf("per-round throughput ratio: min %.3f  median %.3f  max %.3f  (their spread is the noise floor)%n",
                sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
        double plainCpu = plain.serverCpuMillisPerLogin();
        double vigilCpu = vigil.serverCpuMillisPerLogin();
        if (!Double.isNaN(plainCpu) && !Double.isNaN(vigilCpu)) {
            printf("server CPU per login: plain %.2f ms, vigil %.2f ms, added %+.2f ms (%+.1f%%)%n",
                    plainCpu, vigilCpu, vigilCpu - plainCpu, 100 * (vigilCpu / plainCpu - 1));
            if (!Double.isNaN(plain.threadCpuMillisPerLogin(ThreadCpu.Group.OTHER))
                    && !Double.isNaN(vigil.threadCpuMillisPerLogin(ThreadCpu.Group.OTHER))) {
                printf("  by server thread (ms per login)   %8s %8s %8s%n", "plain", "vigil", "added");
                for (ThreadCpu.Group g : ThreadCpu.Group.values()) {
                    double p = plain.threadCpuMillisPerLogin(g);
                    double v = vigil.threadCpuMillisPerLogin(g);
                    printf("  %-32s %8.2f %8.2f %+8.2f%n", g.label, p, v, v - p);
                }
                double p = plainCpu - plain.threadCpuMillisPerLogin(ThreadCpu.Group.JIT);
                double v = vigilCpu - vigil.threadCpuMillisPerLogin(ThreadCpu.Group.JIT);
                printf("server CPU per login without the JIT compiler (what stays once it is done): plain %.2f ms,"
                        + " vigil %.2f ms, added %+.2f ms (%+.1f%%)%n", p, v, v - p, 100 * (v / p - 1));
            }
            printf("server busy after the last login of a run (included in its CPU): plain up to %.1f s, vigil up to %.1f s%n",
                    plain.settleNanos() / 1e9, vigil.settleNanos() / 1e9);
        }

        for (RoundResult realm : List.of(plain, vigil)) {
            realm.tally().failureReasons().forEach((reason, n) ->
                    printf("failed in %s: %d x %s%n", realm.realm(), n, reason));
        }
    }

    void line(String format, Object... args) {
        printf(format + "%n", args);
    }

    /** The machine-readable last line. */
    void last(RoundResult plain, RoundResult vigil) {
        printf("LOGIN-OVERHEAD throughput_ratio=%.3f p99_added_ms=%.2f%n",
                vigil.throughput(null) / plain.throughput(null), added(plain, vigil, null, 99));
    }

    private static double added(RoundResult plain, RoundResult vigil, LoginKind kind, double percentile) {
        return vigil.latencies(kind).percentileMillis(percentile) - plain.latencies(kind).percentileMillis(percentile);
    }

    private static String label(LoginKind kind) {
        return kind == null ? "both" : kind.label;
    }

    private void printf(String format, Object... args) {
        out.printf(Locale.ROOT, format, args);
        out.flush();
    }
}
