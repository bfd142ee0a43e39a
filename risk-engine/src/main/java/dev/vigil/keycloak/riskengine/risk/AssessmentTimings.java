package dev.vigil.keycloak.riskengine.risk;

import java.util.Arrays;

/**
 * How long this node's in-flow assessments took (wall clock, database reads included): the last {@value #KEPT}
 * of them, for {@code GET …/vigil/stats} and the login-overhead benchmark. Thread-safe; recording is one
 * synchronized array store.
 */
public final class AssessmentTimings {

    static final int KEPT = 10_000;
    private static final long[] NANOS = new long[KEPT];
    private static long count;

    /** A summary: assessments recorded on this node since it started, and percentiles of the last ones (ms). */
    public record Summary(long count, double p50Millis, double p99Millis, double maxMillis) {
    }

    private AssessmentTimings() {
    }

    public static synchronized void record(long nanos) {
        NANOS[(int) (count % KEPT)] = nanos;
        count++;
    }

    public static Summary summary() {
        long[] copy;
        long n;
        synchronized (AssessmentTimings.class) {
            n = count;
            copy = Arrays.copyOf(NANOS, (int) Math.min(n, KEPT));
        }
        if (copy.length == 0) {
            return new Summary(0, 0, 0, 0);
        }
        Arrays.sort(copy);
        return new Summary(n, millis(copy, 0.50), millis(copy, 0.99), copy[copy.length - 1] / 1e6);
    }

    private static double millis(long[] sorted, double q) {
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
        return sorted[i] / 1e6;
    }
}
