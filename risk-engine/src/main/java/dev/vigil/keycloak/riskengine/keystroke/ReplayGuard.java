package dev.vigil.keycloak.riskengine.keystroke;

import java.util.Optional;

/**
 * Recognises samples that no human produced this time: a replay of a typing already seen for the user
 * (captured by a keylogger or a compromised page, sent again with or without a little jitter), and
 * machine-made typings. Stores no raw samples, only short salted fingerprints.
 *
 * <h2>1. "Implausibly close" to a typing already seen</h2>
 * The values compared are the sample's hold and down-down times interleaved,
 * {@code H[0], DD[0], H[1], DD[1], …, H[K-1]} (or whichever of the two the layout has), in ms. They are
 * cut into <em>bands</em> of {@value #BAND} consecutive values. Each value is quantised on a grid of
 * {@value #GRID_MS} ms, once with offset 0 and once shifted by half a cell ({@value #GRID_MS}/2 ms).
 * A fingerprint is one 8-bit salted hash per (grid, band): {@code 2 × ceil(V/2)} bytes, e.g. 28 bytes
 * for a 14-key password. Two typings <em>agree on a band</em> when that band's hash is equal on at least
 * one of the two grids; their similarity is the fraction of bands they agree on.
 *
 * <p>A sample is a replay when its similarity to any remembered fingerprint is ≥
 * {@value #REPLAY_SIMILARITY}. Because the two grids are half a cell apart, a single value moved by less
 * than {@value #GRID_MS}/4 = 3 ms stays in the same cell of at least one grid, and a band of two values
 * usually does too. Measured on the 2,040 typings of the MEU-Mobile dev file, copies of a typing with
 * every value jittered independently by up to ±1 or ±2 ms have similarity ≥ 0.857 (mean 0.997 / 0.987),
 * so every one of them is a replay; with ±3 ms the mean is 0.970 and more than 99 % are still caught; an
 * exact copy scores 1.0. Genuine re-typings are never that close: over all 51,000 pairs of typings by
 * the same person in that file the mean absolute difference per value is at least 12.8 ms (0.1 %
 * quantile 18 ms), and the highest similarity of any such pair is 0.429. A random 8-bit collision adds
 * about 1/128 per band.
 *
 * <p>The template keeps the fingerprints of the last {@value #MAX_FINGERPRINTS} typings it learnt from
 * or was told to remember. The hashes are keyed with a random per-template salt so fingerprints of two
 * users cannot be compared; the salt is not a secret (it is stored beside them). 8 bits per pair of
 * 12-ms cells leaves every fingerprint byte with hundreds of pre-images, so fingerprints do not give the
 * typing back.
 *
 * <h2>2. Machine-perfect regularity</h2>
 * Human typing of different key pairs is never uniform. A sample is machine-made when
 * <ul>
 *   <li>the coefficient of variation (sd / mean over keys) of its hold times is below
 *       {@value #MIN_HOLD_CV} (smallest seen in the dev file: 0.060), or</li>
 *   <li>that of its down-down times is below {@value #MIN_DD_CV} (smallest seen: 0.104), or</li>
 *   <li>every hold and down-down time lies within {@value #GRID_TOLERANCE_MS} ms of a multiple of one
 *       quantum of at least {@value #MIN_QUANTUM_MS} ms (a scheduler-driven generator). Browsers that clamp
 *       their clocks this coarsely (Firefox with {@code privacy.resistFingerprinting}: 16.7 or 100 ms) are
 *       indistinguishable from that and are reported the same way; the verdict's reason says
 *       {@code grid} so the integration can decide how to treat it.</li>
 * </ul>
 */
public final class ReplayGuard {

    public static final int GRID_MS = 12;
    public static final int BAND = 2;
    public static final double REPLAY_SIMILARITY = 0.7;
    public static final int MAX_FINGERPRINTS = 32;
    public static final double MIN_HOLD_CV = 0.02;
    public static final double MIN_DD_CV = 0.03;
    public static final double MIN_QUANTUM_MS = 5.0;
    public static final double GRID_TOLERANCE_MS = 0.25;
    /**
     * Quantum from which a grid is a coarse browser clock, not a generator: Firefox with resistFingerprinting
     * and Tor round {@code performance.now()} to 16.7 or 100 ms, old Windows timers tick every 15.6 ms. Such a
     * typing carries too little rhythm to judge, and genuine re-typings collide on it: it is "no sample"
     * (see {@link #coarseTimer}), never a replay.
     */
    public static final double COARSE_TIMER_MS = 8.0;

    private ReplayGuard() {
    }

    /** Why the sample looks machine-made ({@code regular-hold}, {@code regular-dd}, {@code grid}), or empty. */
    public static Optional<String> machineRegularity(KeystrokeSample s) {
        double[] h = s.holdRaw();
        double[] dd = s.downDownRaw();
        if (h != null && cv(h) < MIN_HOLD_CV) {
            return Optional.of("regular-hold");
        }
        if (dd != null && cv(dd) < MIN_DD_CV) {
            return Optional.of("regular-dd");
        }
        double q = gridQuantum(values(s));
        if (q > 0 && q < COARSE_TIMER_MS) {
            return Optional.of("grid");
        }
        return Optional.empty();
    }

    /**
     * Whether the sample was taken with a coarse clock (every timing a multiple of one quantum of at least
     * {@value #COARSE_TIMER_MS} ms). Checked before the replay tests: quantisation alone makes genuine typings
     * look regular and makes two typings of one person agree on the fingerprint grid.
     */
    public static boolean coarseTimer(KeystrokeSample s) {
        return gridQuantum(values(s)) >= COARSE_TIMER_MS;
    }

    private static double cv(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        if (mean <= 0) {
            return 0;
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / v.length) / mean;
    }

    /** True if all values are multiples (± tolerance) of one quantum ≥ MIN_QUANTUM_MS. */
    static boolean onGrid(double[] values) {
        return gridQuantum(values) > 0;
    }

    /**
     * The largest quantum ≥ {@value #MIN_QUANTUM_MS} ms of which all values are multiples (± tolerance), or 0
     * when there is none; {@code Double.MAX_VALUE} when all values are (near) zero.
     */
    static double gridQuantum(double[] values) {
        // candidate quanta: v/m for the three smallest distinct positive values, m = 1..8
        double a = Double.MAX_VALUE;
        double b = Double.MAX_VALUE;
        double c = Double.MAX_VALUE;
        for (double v : values) {
            if (v <= GRID_TOLERANCE_MS || v == a || v == b || v == c) {
                continue;
            }
            if (v < a) {
                c = b;
                b = a;
                a = v;
            } else if (v < b) {
                c = b;
                b = v;
            } else if (v < c) {
                c = v;
            }
        }
        if (a == Double.MAX_VALUE) {
            return Double.MAX_VALUE; // all (near) zero
        }
        double best = 0;
        double[] sources = {a, b, c};
        for (double src : sources) {
            if (src == Double.MAX_VALUE) {
                continue;
            }
            for (int m = 1; m <= 8; m++) {
                double q = src / m;
                if (q < MIN_QUANTUM_MS || q <= best) {
                    break;
                }
                if (allMultiples(values, q)) {
                    best = q;
                    break;
                }
            }
        }
        return best;
    }

    private static boolean allMultiples(double[] values, double q) {
        for (double v : values) {
            double r = Math.abs(v - Math.rint(v / q) * q);
            if (r > GRID_TOLERANCE_MS) {
                return false;
            }
        }
        return true;
    }

    /** The interleaved hold / down-down values (or whichever the sample has), in ms. */
    static double[] values(KeystrokeSample s) {
        double[] h = s.holdRaw();
        double[] dd = s.downDownRaw();
        if (h != null && dd != null) {
            double[] v = new double[h.length + dd.length];
            int i = 0;
            for (int k = 0; k < h.length; k++) {
                v[i++] = h[k];
                if (k < dd.length) {
                    v[i++] = dd[k];
                }
            }
            return v;
        }
        if (h != null) {
            return h;
        }
        if (dd != null) {
            return dd;
        }
        return s.upDownRaw();
    }

    /** The salted fingerprint of a sample (see class comment): 2 grids × ceil(V/2) bands, one byte each. */
    public static byte[] fingerprint(KeystrokeSample s, long salt) {
        double[] v = values(s);
        int bands = (v.length + BAND - 1) / BAND;
        byte[] fp = new byte[2 * bands];
        for (int grid = 0; grid < 2; grid++) {
            double offset = grid * GRID_MS / 2.0;
            for (int band = 0; band < bands; band++) {
                long x = salt ^ (0x9E3779B97F4A7C15L * (grid + 1)) ^ ((long) band << 48) ^ ((long) v.length << 40);
                for (int j = band * BAND; j < Math.min(v.length, (band + 1) * BAND); j++) {
                    long q = (long) Math.floor((v[j] + offset) / GRID_MS);
                    x = mix(x ^ q);
                }
                fp[grid * bands + band] = (byte) mix(x);
            }
        }
        return fp;
    }

    /** Fraction of bands on which two fingerprints agree on at least one grid; 0 if their layouts differ. */
    public static double similarity(byte[] a, byte[] b) {
        if (a == null || b == null || a.length != b.length || a.length == 0 || (a.length & 1) != 0) {
            return 0;
        }
        int bands = a.length / 2;
        int agree = 0;
        for (int i = 0; i < bands; i++) {
            if (a[i] == b[i] || a[bands + i] == b[bands + i]) {
                agree++;
            }
        }
        return (double) agree / bands;
    }

    /** SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
