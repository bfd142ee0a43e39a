package dev.vigil.keycloak.riskengine.keystroke;

/**
 * What a browser with a coarse timer would send for a typing: Firefox with fingerprinting resistance and Tor
 * Browser round {@code performance.now()} to 16.7 or 100 ms, old Windows timers tick every 15.6 ms. Key-down and
 * key-up times are rebuilt from the sample, each rounded down to the clock's grid, and differenced again. For
 * simulations (tests, {@code bench/keystroke}); Vigil itself only detects such typings ({@link ReplayGuard}).
 */
public final class CoarseClock {

    private CoarseClock() {
    }

    /**
     * The sample on a clock of resolution {@code q} ms whose grid starts {@code offset} ms (0 ≤ offset &lt; q)
     * before the first key-down; null when the result is no sample at all (a key down and up within one tick
     * gives a zero hold, which the form's parser refuses).
     */
    public static KeystrokeSample quantise(KeystrokeSample s, double q, double offset) {
        double[] h = s.hold();
        double[] dd = s.downDown();
        double[] down = new double[h.length];
        for (int i = 1; i < h.length; i++) {
            down[i] = down[i - 1] + dd[i - 1];
        }
        double start = 1_000 + offset;
        double[] qh = new double[h.length];
        double[] qdd = new double[dd.length];
        for (int i = 0; i < h.length; i++) {
            double d = Math.floor((start + down[i]) / q) * q;
            double u = Math.floor((start + down[i] + h[i]) / q) * q;
            qh[i] = Math.round((u - d) * 10) / 10.0;
            if (i > 0) {
                qdd[i - 1] = Math.round((d - Math.floor((start + down[i - 1]) / q) * q) * 10) / 10.0;
            }
        }
        return KeystrokeSample.parse(KeystrokeSample.of(qh, qdd, null).toJson()).orElse(null);
    }
}
