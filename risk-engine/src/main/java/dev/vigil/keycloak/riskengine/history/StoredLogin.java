package dev.vigil.keycloak.riskengine.history;

import java.util.List;

import dev.vigil.keycloak.riskengine.model.ModelKind;
import dev.vigil.keycloak.riskengine.model.Reason;

/**
 * A recorded row with everything Vigil learnt and did about it.
 *
 * @param features     the scored feature vector, or null before scoring
 * @param actionTaken  the action applied (or that would have been, when {@code dryRun}), or null
 * @param scoringAttempts times the recovery task had to queue the row again for scoring (0 when scored at once)
 */
public record StoredLogin(
        LoginRecord login,
        LoginStatus status,
        double[] features,
        Double score,
        Double threshold,
        List<Reason> reasons,
        Long modelVersion,
        ModelKind modelKind,
        Long scoredAt,
        String actionTaken,
        Boolean dryRun,
        Feedback feedback,
        String feedbackBy,
        Long feedbackAt,
        int scoringAttempts) {
}
