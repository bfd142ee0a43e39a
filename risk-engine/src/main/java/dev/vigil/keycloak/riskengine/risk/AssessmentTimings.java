package dev.vigil.keycloak.riskengine.risk;

import java.util.Arrays;

/**
 * How long this node's in-flow assessments took (wall clock, database reads included) and the CPU time of the
 * request thread they used (what the assessment costs, without the time its thread waited for a core on a saturated
 * server — on two cores under four concurrent logins, half of the wall time): the last {@value #KEPT}
 * of them with the time each ended, for {@code GET …/vigil/stats} (those that ended in its window) and the
 * login-overhead benchmark (its measured rounds only, not the warm-up of a freshly started server). Thread-safe;
 * recording is two synchronized array stores.
 */
public final class AssessmentTimings {

    static final int KEPT = 10_000;
    private static final long[] NANOS = new long[KEPT];
    private static final long[] ENDED = new long[KEPT];
    private static final long[] CPU = new long[KEPT];
    private static long count;

    /**
     * A summary: assessments recorded on this node since it started ({@code count}), how many of the kept ones
     * ended in the window asked for ({@code inWindow}) and their percentiles (ms).
     */
    public record Summary(long count, int inWindow, double p50Millis, double p99Millis, double maxMillis,
            double cpuP50Millis, double cpuP99Millis) {
    }

    private AssessmentTimings() {
    }

    /**
     * @param cpuNanos    CPU time of the thread during the assessment (negative: not measurable on this JVM)
     * @param endedMillis when the assessment ended (epoch ms)
     */
    public static synchronized void record(long nanos, long cpuNanos, long endedMillis) {
        int i = (int) (count % KEPT);
        NANOS[i] = nanos;
        CPU[i] = cpuNanos;
        ENDED[i] = endedMillis;
        count++;
    }

    /** The kept assessments that ended between {@code fromMillis} and {@code toMillis} (epoch ms, both included). */
    public static Summary summary(long fromMillis, long toMillis) {
        long[] nanos;
        long[] cpu;
        long[] ended;
        long n;
        synchronized (AssessmentTimings.class) {
            n = count;
            int kept = (int) Math.min(n, KEPT);
            nanos = Arrays.copyOf(NANOS, kept);
            cpu = Arrays.copyOf(CPU, kept);
            ended = Arrays.copyOf(ENDED, kept);
        }
        long[] in = new long[nanos.length];
        long[] inCpu = new long[nanos.length];
        int m = 0;
        int c = 0;
        for (int i = 0; i < nanos.length; i++) {
            if (ended[i] >= fromMillis && ended[i] <= toMillis) {
                in[m++] = nanos[i];
                if (cpu[i] >= 0) {
                    inCpu[c++] = cpu[i];
                }
            }
        }
        if (m == 0) {
            return new Summary(n, 0, 0, 0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(in, m);
        Arrays.sort(sorted);
        long[] sortedCpu = Arrays.copyOf(inCpu, c);
        Arrays.sort(sortedCpu);
        return new Summary(n, m, millis(sorted, 0.50), millis(sorted, 0.99), sorted[m - 1] / 1e6,
                c == 0 ? 0 : millis(sortedCpu, 0.50), c == 0 ? 0 : millis(sortedCpu, 0.99));
    }

    private static double millis(long[] sorted, double q) {
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
        return sorted[i] / 1e6;
    }
}
