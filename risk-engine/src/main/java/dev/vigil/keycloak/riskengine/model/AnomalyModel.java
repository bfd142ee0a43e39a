package dev.vigil.keycloak.riskengine.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.keycloak.riskengine.features.Feature;
import smile.anomaly.IsolationForest;

/**
 * A trained Isolation Forest with its calibration: {@code threshold} is the (1 - contamination)
 * quantile of the training scores, so "flagged" means the same in every realm. Immutable and
 * thread-safe; scoring costs about ten microseconds ({@link CompiledForest}).
 */
public final class AnomalyModel {

    /** Deviation (in training standard deviations) from which a feature is named as a reason. */
    public static final double REASON_DEVIATION = 2.0;

    private final IsolationForest forest;
    /** the forest in Vigil's layout, or null when it could not be read ({@link CompiledForest}) */
    private final CompiledForest compiled;
    private final ModelInfo info;
    private final double[] mean;
    private final double[] sd;

    AnomalyModel(IsolationForest forest, ModelInfo info, double[] mean, double[] sd) {
        this(forest, CompiledForest.of(forest).orElse(null), info, mean, sd);
    }

    private AnomalyModel(IsolationForest forest, CompiledForest compiled, ModelInfo info, double[] mean, double[] sd) {
        this.forest = forest;
        this.compiled = compiled;
        this.info = info;
        this.mean = mean.clone();
        this.sd = sd.clone();
    }

    public ModelInfo info() {
        return info;
    }

    /** The same model under another identity (version, kind) once stored. */
    public AnomalyModel withInfo(ModelInfo newInfo) {
        return new AnomalyModel(forest, compiled, newInfo, mean, sd);
    }

    /** Anomaly score in (0, 1]; higher is more unusual. */
    public double score(double[] x) {
        return compiled != null && compiled.accepts(x) ? compiled.score(x) : forest.score(x);
    }

    public boolean isFlagged(double score, Double thresholdOverride) {
        return score >= (thresholdOverride != null ? thresholdOverride : info.threshold());
    }

    /**
     * Features that made the login unusual, most deviant first: every novelty feature that is 1 where
     * the training data rarely had it, and every other feature more than {@link #REASON_DEVIATION}
     * standard deviations from the training mean. Hour and day (sin/cos pairs) are reported once each.
     *
     * @param userTypical mean of the user's previous feature vectors, or null
     */
    public List<Reason> explain(double[] x, double[] userTypical) {
        List<Feature> unusual = new ArrayList<>(4);
        double[] z = new double[Feature.COUNT];
        for (Feature f : FEATURES) {
            int i = f.ordinal();
            z[i] = Math.abs(x[i] - mean[i]) / Math.max(sd[i], 0.05);
            boolean isUnusual = f.isNovelty() ? x[i] >= 0.5 && mean[i] < 0.5 && z[i] >= REASON_DEVIATION
                    : z[i] >= REASON_DEVIATION;
            if (isUnusual) {
                unusual.add(f);
            }
        }
        if (unusual.isEmpty()) {
            return new ArrayList<>(0);
        }
        Map<String, Reason> byName = new LinkedHashMap<>();
        for (Feature f : unusual) {
            int i = f.ordinal();
            Reason r = new Reason(f.reportName(), round(value(f, x)), round(value(f, mean)),
                    userTypical == null ? null : round(value(f, userTypical)), round(z[i]));
            byName.merge(r.feature(), r, (a, b) -> a.deviation() >= b.deviation() ? a : b);
        }
        List<Reason> reasons = new ArrayList<>(byName.values());
        reasons.sort(Comparator.comparingDouble(Reason::deviation).reversed());
        return reasons;
    }

    private static final Feature[] FEATURES = Feature.values();

    /** Readable value of a feature: hour/day pairs are turned back into an hour (0–24) or a day (0–7). */
    private static double value(Feature f, double[] x) {
        return switch (f) {
            case HOUR_SIN, HOUR_COS -> angle(x[Feature.HOUR_SIN.ordinal()], x[Feature.HOUR_COS.ordinal()]) * 24;
            case DAY_SIN, DAY_COS -> angle(x[Feature.DAY_SIN.ordinal()], x[Feature.DAY_COS.ordinal()]) * 7;
            default -> x[f.ordinal()];
        };
    }

    private static double angle(double sin, double cos) {
        double a = Math.atan2(sin, cos) / (2 * Math.PI);
        return a < 0 ? a + 1 : a;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    IsolationForest forest() {
        return forest;
    }

    double[] mean() {
        return mean.clone();
    }

    double[] sd() {
        return sd.clone();
    }
}
