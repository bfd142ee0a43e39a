package dev.vigil.keycloak.bench.overhead;

import java.util.List;
import java.util.Map;

/**
 * One realm's measured run, or (via {@link #combine}) all runs of a realm: the time the logins took, what
 * the workers saw, the CPU time the server used from the start until it was idle again (-1 when unknown),
 * how long it stayed busy after the last login (for a combination: the longest), and that CPU time by
 * thread group (null when unknown).
 */
record RoundResult(String realm, long elapsedNanos, Tally tally, long serverCpuNanos, long settleNanos,
        Map<ThreadCpu.Group, Long> threadCpuNanos) {

    static RoundResult combine(String realm, List<RoundResult> runs) {
        Tally tally = new Tally();
        long elapsed = 0;
        long cpu = 0;
        long settle = 0;
        Map<ThreadCpu.Group, Long> threads = runs.isEmpty() ? null : runs.get(0).threadCpuNanos();
        for (int i = 1; i < runs.size(); i++) {
            threads = ThreadCpu.plus(threads, runs.get(i).threadCpuNanos());
        }
        for (RoundResult run : runs) {
            settle = Math.max(settle, run.settleNanos());
            tally.addAll(run.tally());
            elapsed += run.elapsedNanos();
            cpu = cpu < 0 || run.serverCpuNanos() < 0 ? -1 : cpu + run.serverCpuNanos();
        }
        return new RoundResult(realm, elapsed, tally, cpu, settle, threads);
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

    /** Server CPU milliseconds per login attempt spent by a thread group, NaN when unknown. */
    double threadCpuMillisPerLogin(ThreadCpu.Group group) {
        int attempts = tally.successes() + tally.failures();
        return threadCpuNanos == null || attempts == 0 ? Double.NaN : threadCpuNanos.get(group) / 1e6 / attempts;
    }

    /** The JIT compiler's share of the server's CPU time, NaN when unknown. */
    double jitShare() {
        if (threadCpuNanos == null || serverCpuNanos <= 0) {
            return Double.NaN;
        }
        return (double) threadCpuNanos.get(ThreadCpu.Group.JIT) / serverCpuNanos;
    }

    double failureRate() {
        int attempts = tally.successes() + tally.failures();
        return attempts == 0 ? 1.0 : (double) tally.failures() / attempts;
    }
}
