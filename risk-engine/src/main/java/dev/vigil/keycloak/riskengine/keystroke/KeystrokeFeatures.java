package dev.vigil.keycloak.riskengine.keystroke;

/**
 * The feature vector the template and detector work on, derived from a {@link KeystrokeSample} for a
 * given layout ({@code K} keys, a set of timing kinds). In this order:
 * <ol>
 *   <li>if hold times are used: {@code ln(max(H[k], 1 ms))}, {@code K} values;</li>
 *   <li>if down-down times are used: the <em>rhythm shape</em> {@code ln(max(DD[k], 1 ms)) − T}, {@code K−1}
 *       values, then the <em>tempo</em> {@code T = mean_k ln(max(DD[k], 1 ms))}, 1 value;</li>
 *   <li>if up-down times are used: {@code UD[k]} in ms (linear: it can be negative), {@code K−1} values.</li>
 * </ol>
 * Why: human timing noise is roughly proportional to the interval (hence logs), and most of a user's
 * day-to-day variation is one common factor, typing speed. Splitting the flights into shape + tempo makes
 * that factor one feature instead of {@code K−1} correlated ones, so a faster-than-usual genuine typing
 * is not penalised {@code K−1} times, while an impostor's different rhythm still shows in the shape.
 *
 * <p>Scale floors (the smallest per-feature spread the detector assumes, whatever enrolment measured)
 * encode irreducible human jitter: 10 % for holds, 13 % for flight-shape values, 15 % for tempo
 * (day-to-day speed varies more), 20 ms for up-down times. Each floor is chosen by leave-subjects-out
 * cross-validation on the development data ({@code bench/keystroke --cv}, see {@link KeystrokeSettings}): the
 * up-down floor of 20 ms was the training folds' choice in 17 of 25 folds (5 repeats of 5 folds), the others the
 * shipped values in most folds.
 */
final class KeystrokeFeatures {

    static final double FLOOR_HOLD = 0.10;
    static final double FLOOR_SHAPE = 0.13;
    static final double FLOOR_TEMPO = 0.15;
    static final double FLOOR_UD_MS = 20.0;

    private KeystrokeFeatures() {
    }

    static int dimension(int keys, int kinds) {
        int d = 0;
        if ((kinds & KeystrokeSample.HOLD) != 0) {
            d += keys;
        }
        if ((kinds & KeystrokeSample.DOWN_DOWN) != 0) {
            d += keys; // K-1 shape values + tempo
        }
        if ((kinds & KeystrokeSample.UP_DOWN) != 0) {
            d += keys - 1;
        }
        return d;
    }

    /** Scale floors for each feature of the layout, with the shipped floors. */
    static double[] floors(int keys, int kinds) {
        return floors(keys, kinds, KeystrokeSettings.DEFAULT);
    }

    /** Scale floors for each feature of the layout. */
    static double[] floors(int keys, int kinds, KeystrokeSettings settings) {
        double[] f = new double[dimension(keys, kinds)];
        int i = 0;
        if ((kinds & KeystrokeSample.HOLD) != 0) {
            for (int k = 0; k < keys; k++) {
                f[i++] = settings.floorHold();
            }
        }
        if ((kinds & KeystrokeSample.DOWN_DOWN) != 0) {
            for (int k = 0; k < keys - 1; k++) {
                f[i++] = settings.floorShape();
            }
            f[i++] = settings.floorTempo();
        }
        if ((kinds & KeystrokeSample.UP_DOWN) != 0) {
            for (int k = 0; k < keys - 1; k++) {
                f[i++] = settings.floorUdMs();
            }
        }
        return f;
    }

    /**
     * Writes the sample's features for the layout into {@code out} (length {@link #dimension}).
     * The caller has checked that the sample has {@code keys} keys and all {@code kinds}.
     */
    static void extract(KeystrokeSample s, int kinds, double[] out) {
        int keys = s.keyCount();
        int i = 0;
        if ((kinds & KeystrokeSample.HOLD) != 0) {
            double[] h = s.holdRaw();
            for (int k = 0; k < keys; k++) {
                out[i++] = Math.log(Math.max(h[k], 1.0));
            }
        }
        if ((kinds & KeystrokeSample.DOWN_DOWN) != 0) {
            double[] dd = s.downDownRaw();
            int start = i;
            double sum = 0;
            for (int k = 0; k < keys - 1; k++) {
                double v = Math.log(Math.max(dd[k], 1.0));
                out[i++] = v;
                sum += v;
            }
            double tempo = sum / (keys - 1);
            for (int j = start; j < i; j++) {
                out[j] -= tempo;
            }
            out[i++] = tempo;
        }
        if ((kinds & KeystrokeSample.UP_DOWN) != 0) {
            double[] ud = s.upDownRaw();
            for (int k = 0; k < keys - 1; k++) {
                out[i++] = ud[k];
            }
        }
    }

    static double[] extract(KeystrokeSample s, int kinds) {
        double[] out = new double[dimension(s.keyCount(), kinds)];
        extract(s, kinds, out);
        return out;
    }
}
