package dev.vigil.keycloak.bench.overhead;

import java.util.List;

/**
 * One realm's measured run, or (via {@link #combine}) all runs of a realm: the time the logins took, what
 * the workers saw, the CPU time the server used from the start until it was idle again (-1 when unknown),
 * and how long it stayed busy after the last login (for a combination: the longest).
 */
record RoundResult(String realm, long elapsedNanos, Tally tally, long serverCpuNanos, long settleNanos) {

    static RoundResult combine(String realm, List<RoundResult> runs) {
        Tally tally = new Tally();
        long elapsed = 0;
        long cpu = 0;
        long settle = 0;
        for (RoundResult run : runs) {
            settle = Math.max(settle, run.settleNanos());
            tally.addAll(run.tally());
            elapsed += run.elapsedNanos();
            cpu = cpu < 0 || run.serverCpuNanos() < 0 ? -1 : cpu + run.serverCpuNanos();
        }
        return new RoundResult(realm, elapsed, tally, cpu, settle);
    }

    /** Successful logins of {@code kind} per second; {@code null} for both kinds. */
    double throughput(LoginKind kind) {
        int logins = kind == null ? tally.successes() : tally.latencies(kind).size();
        return logins / (elapsedNanos / 1e9);
    }

    Samples latencies(LoginKind kind) {
        return kind == null ? tally.latencies() : tally.latencies(kind);
    }

    /** Server CPU milliseconds per login attempt, NaN when unknown. */
    double serverCpuMillisPerLogin() {
        int attempts = tally.successes() + tally.failures();
        return serverCpuNanos < 0 || attempts == 0 ? Double.NaN : serverCpuNanos / 1e6 / attempts;
    }

    double failureRate() {
        int attempts = tally.successes() + tally.failures();
        return attempts == 0 ? 1.0 : (double) tally.failures() / attempts;
    }
}
