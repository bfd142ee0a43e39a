package dev.vigil.keycloak.bench.overhead;

import java.util.Arrays;

/** Latencies in nanoseconds, with nearest-rank percentiles. */
public final class Samples {

    private long[] values = new long[1024];
    private int size;

    public void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    public void addAll(Samples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    public int size() {
        return size;
    }

    /** The {@code p}-th percentile in milliseconds (nearest rank), NaN when empty. */
    public double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(rank, 1) - 1] / 1e6;
    }
}
