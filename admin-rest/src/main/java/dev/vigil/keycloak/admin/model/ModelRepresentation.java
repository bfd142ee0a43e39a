package dev.vigil.keycloak.admin.model;

import dev.vigil.keycloak.riskengine.model.ModelInfo;

/**
 * The model scoring a realm's logins: {@code kind} BOOTSTRAP until the realm has {@code minRealLogins}
 * scored logins and has been trained, REALM after. {@code version} 0 is the bootstrap model. {@code threshold} is
 * the model's calibrated one; {@code flagThreshold} the realm's setting that overrides it (absent when none), so
 * {@code flagThreshold ?? threshold} is what flags.
 */
public record ModelRepresentation(long version, String kind, Long trainedAt, int samples, double threshold,
        Double flagThreshold, double contamination, String parameters, long realLogins, int minRealLogins, ModelMetrics metrics) {

    static ModelRepresentation of(ModelInfo info, Double flagThreshold, long realLogins, int minRealLogins,
            ModelMetrics metrics) {
        return new ModelRepresentation(info.version(), info.kind().name(), info.trainedAt() == 0 ? null : info.trainedAt(),
                info.samples(), info.threshold(), flagThreshold, info.contamination(), info.parameters(), realLogins, minRealLogins,
                metrics);
    }
}
