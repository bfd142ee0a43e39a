package dev.vigil.keycloak.riskengine.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Bounds each user's share of a training sample: a user contributes at most {@code cap} logins (the newest,
 * when rows arrive newest first), however many they have. One account flooding odd logins — an attacker
 * scripting logins, or a misbehaving integration — then cannot teach the model that its logins are normal.
 */
public final class PerUserCap {

    /** 2 % of a full training sample ({@link ModelTrainer#MAX_SAMPLES}): 81 logins per user. */
    public static final int DEFAULT_CAP = ModelTrainer.MAX_SAMPLES / 50;

    private final int cap;
    private final ModelTrainer.Reservoir target;
    private final Map<String, Integer> taken = new HashMap<>();
    private long skipped;

    public PerUserCap(int cap, ModelTrainer.Reservoir target) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be at least 1");
        }
        this.cap = cap;
        this.target = target;
    }

    /** Offers the user's row to the sample unless the user has already given {@code cap} rows. */
    public void offer(String userId, double[] row) {
        if (taken.merge(userId == null ? "" : userId, 1, Integer::sum) <= cap) {
            target.offer(row);
        } else {
            skipped++;
        }
    }

    /** Rows left out because their user had reached the cap. */
    public long skipped() {
        return skipped;
    }
}
