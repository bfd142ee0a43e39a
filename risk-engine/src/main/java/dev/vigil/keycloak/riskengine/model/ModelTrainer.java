package dev.vigil.keycloak.riskengine.model;

import java.util.Arrays;
import java.util.Random;

import dev.vigil.keycloak.riskengine.features.Feature;
import smile.anomaly.IsolationForest;

/**
 * Fits an Isolation Forest on a bounded sample and calibrates its threshold. smile's fit cost grows
 * with the rows passed in whatever its own subsampling, so callers pass at most {@link #MAX_SAMPLES}
 * rows (use {@link Reservoir}); each tree then sees {@link #ROWS_PER_TREE} of them.
 */
public final class ModelTrainer {

    public static final int MAX_SAMPLES = 4096;
    public static final int TREES = 100;
    public static final int ROWS_PER_TREE = 256;
    /** ceil(log2(256)): the average depth of an unsuccessful search in a tree of 256 rows */
    public static final int MAX_DEPTH = 8;
    /** 0 = axis-parallel splits (classic Isolation Forest): small trees, explainable per feature */
    public static final int EXTENSION_LEVEL = 0;
    public static final int MIN_SAMPLES = 10;
    static final double MAX_SUBSAMPLE = 0.9;

    private ModelTrainer() {
    }

    public static AnomalyModel train(double[][] sample, double contamination, ModelKind kind, long trainedAt) {
        if (sample.length < MIN_SAMPLES) {
            throw new IllegalArgumentException("need at least " + MIN_SAMPLES + " samples, got " + sample.length);
        }
        if (sample.length > MAX_SAMPLES) {
            throw new IllegalArgumentException("pass a bounded sample (at most " + MAX_SAMPLES + " rows)");
        }
        for (double[] row : sample) {
            if (row.length != Feature.COUNT) {
                throw new IllegalArgumentException("vector of " + row.length + " features, expected " + Feature.COUNT);
            }
        }
        // smile wants 0 < subsample < 1: small realms get 90 % of their rows per tree
        double subsample = Math.min(MAX_SUBSAMPLE, ROWS_PER_TREE / (double) sample.length);
        IsolationForest forest = IsolationForest.fit(sample, TREES, MAX_DEPTH, subsample, EXTENSION_LEVEL);

        double[] scores = forest.score(sample);
        Arrays.sort(scores);
        double threshold = threshold(scores, contamination);

        double[] mean = new double[Feature.COUNT];
        double[] sd = new double[Feature.COUNT];
        for (double[] row : sample) {
            for (int i = 0; i < row.length; i++) {
                mean[i] += row[i] / sample.length;
            }
        }
        for (double[] row : sample) {
            for (int i = 0; i < row.length; i++) {
                sd[i] += (row[i] - mean[i]) * (row[i] - mean[i]) / sample.length;
            }
        }
        for (int i = 0; i < sd.length; i++) {
            sd[i] = Math.sqrt(sd[i]);
        }
        String params = "trees=" + TREES + ", maxDepth=" + MAX_DEPTH + ", rowsPerTree="
                + (int) Math.round(subsample * sample.length) + ", extensionLevel=" + EXTENSION_LEVEL;
        ModelInfo info = new ModelInfo(0, kind, trainedAt, sample.length, threshold, contamination, params);
        return new AnomalyModel(forest, info, mean, sd);
    }

    /**
     * The calibrated flag threshold: the (1 − contamination) quantile of the training scores, sorted
     * ascending. A login scoring exactly like the most typical training rows is never flagged.
     */
    public static double threshold(double[] sortedScores, double contamination) {
        int index = (int) Math.floor((1 - contamination) * (sortedScores.length - 1));
        double threshold = sortedScores[Math.max(0, Math.min(sortedScores.length - 1, index))];
        return Math.max(threshold, sortedScores[0] + 1e-9);
    }

    /** Uniform random sample of a stream of unknown length (Algorithm R), bounded to {@code capacity}. */
    public static final class Reservoir {
        private final double[][] rows;
        private final Random random;
        private long seen;

        public Reservoir(int capacity, Random random) {
            this.rows = new double[capacity][];
            this.random = random;
        }

        public void offer(double[] row) {
            if (seen < rows.length) {
                rows[(int) seen] = row;
            } else {
                long j = (long) (random.nextDouble() * (seen + 1));
                if (j < rows.length) {
                    rows[(int) j] = row;
                }
            }
            seen++;
        }

        public long seen() {
            return seen;
        }

        public double[][] sample() {
            return Arrays.copyOf(rows, (int) Math.min(seen, rows.length));
        }
    }
}
