package dev.vigil.keycloak.riskengine.history;

import java.util.List;

import dev.vigil.keycloak.riskengine.model.ModelInfo;
import dev.vigil.keycloak.riskengine.model.Reason;

/** The outcome of scoring one login. */
public record Assessment(double[] features, double score, double threshold, boolean flagged, List<Reason> reasons,
        ModelInfo model, long scoredAt) {
}
