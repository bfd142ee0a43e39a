package dev.vigil.keycloak.riskengine.history;

import java.util.List;

import dev.vigil.keycloak.riskengine.model.ModelInfo;
import dev.vigil.keycloak.riskengine.model.Reason;

/**
 * The outcome of scoring one login.
 *
 * @param action the response to a flagged login when it is already settled at scoring time and has no effect
 *               to apply (the realm's policy is {@code NONE}): stored with the score, so that the row needs no
 *               second write. Null otherwise; the response is then applied and recorded afterwards.
 * @param dryRun the realm's dry-run setting, stored with {@code action}
 */
public record Assessment(double[] features, double score, double threshold, boolean flagged, List<Reason> reasons,
        ModelInfo model, long scoredAt, String action, boolean dryRun) {
}
