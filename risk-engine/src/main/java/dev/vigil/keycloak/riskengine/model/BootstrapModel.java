package dev.vigil.keycloak.riskengine.model;

import java.util.Random;

import dev.vigil.keycloak.riskengine.features.Feature;

/**
 * The cold-start model: trained on generated "normal" behaviour — logins in office hours on weekdays,
 * one or two devices, a stable network, rare failures — so that scoring works from a realm's first
 * login. The generated rows are deterministic (fixed seed); smile's fit draws its own random subsamples, so
 * the forests of two nodes differ slightly (their thresholds by about 0.1 %).
 */
public final class BootstrapModel {

    public static final int SAMPLES = 2048;
    private static final long SEED = 20261123L;

    private final AnomalyModel model;
    private final double[] sortedScores;

    private BootstrapModel(AnomalyModel model, double[] sortedScores) {
        this.model = model;
        this.sortedScores = sortedScores;
    }

    /**
     * Trains the one bootstrap forest. Its trees do not depend on {@code contamination}, only its threshold
     * does, so a node keeps exactly one forest and {@link #calibrated(double)} derives a model per realm
     * setting from it (the cache does not grow with the number of distinct settings).
     */
    public static BootstrapModel train() {
        double[][] rows = normalBehaviour(SAMPLES, new Random(SEED));
        AnomalyModel model = ModelTrainer.train(rows, 0.01, ModelKind.BOOTSTRAP, 0L);
        double[] scores = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            scores[i] = model.score(rows[i]);
        }
        java.util.Arrays.sort(scores);
        return new BootstrapModel(model, scores);
    }

    /** The bootstrap forest with its threshold calibrated to {@code contamination}; shares the trees. */
    public AnomalyModel calibrated(double contamination) {
        ModelInfo i = model.info();
        return model.withInfo(new ModelInfo(i.version(), i.kind(), i.trainedAt(), i.samples(),
                ModelTrainer.threshold(sortedScores, contamination), contamination, i.parameters()));
    }

    /** A bootstrap model calibrated to {@code contamination} (trains the forest: prefer one shared instance). */
    public static AnomalyModel create(double contamination) {
        return train().calibrated(contamination);
    }

    /** Feature vectors of ordinary logins, as described in the class comment. */
    public static double[][] normalBehaviour(int n, Random r) {
        double[][] rows = new double[n][];
        for (int k = 0; k < n; k++) {
            double[] x = new double[Feature.COUNT];
            double hour = clamp(13 + r.nextGaussian() * 2.5, 7, 20);
            x[Feature.HOUR_SIN.ordinal()] = Math.sin(2 * Math.PI * hour / 24);
            x[Feature.HOUR_COS.ordinal()] = Math.cos(2 * Math.PI * hour / 24);
            int weekday = r.nextDouble() < 0.93 ? r.nextInt(5) : 5 + r.nextInt(2);
            double day = weekday + hour / 24;
            x[Feature.DAY_SIN.ordinal()] = Math.sin(2 * Math.PI * day / 7);
            x[Feature.DAY_COS.ordinal()] = Math.cos(2 * Math.PI * day / 7);
            x[Feature.IP_CHANGED.ordinal()] = bit(r, 0.10);
            x[Feature.NEW_DEVICE.ordinal()] = bit(r, 0.02);
            x[Feature.NEW_NETWORK.ordinal()] = bit(r, 0.02);
            x[Feature.NEW_CLIENT.ordinal()] = bit(r, 0.02);
            int today = poisson(r, 1.2);
            x[Feature.LOGINS_TODAY.ordinal()] = today;
            x[Feature.DISTINCT_IPS_24H.ordinal()] = 1 + (today > 0 && r.nextDouble() < 0.15 ? 1 : 0);
            x[Feature.DISTINCT_DEVICES_24H.ordinal()] = 1 + (today > 0 && r.nextDouble() < 0.10 ? 1 : 0);
            x[Feature.USER_FAILURES_1H.ordinal()] = r.nextDouble() < 0.9 ? 0 : 1 + r.nextInt(2);
            x[Feature.IP_FAILURES_1H.ordinal()] = r.nextDouble() < 0.9 ? 0 : 1 + r.nextInt(2);
            double hoursSince = today > 0 ? r.nextDouble() * 8 : 12 + -Math.log(1 - r.nextDouble()) * 24;
            x[Feature.LOG_HOURS_SINCE_LAST.ordinal()] = Math.log1p(hoursSince);
            x[Feature.ACTIVE_SESSIONS.ordinal()] = poisson(r, 0.6);
            rows[k] = x;
        }
        return rows;
    }

    private static double bit(Random r, double p) {
        return r.nextDouble() < p ? 1 : 0;
    }

    private static int poisson(Random r, double lambda) {
        double l = Math.exp(-lambda);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
