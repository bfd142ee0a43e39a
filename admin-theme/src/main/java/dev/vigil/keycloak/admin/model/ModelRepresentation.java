package dev.vigil.keycloak.admin.model;

import dev.vigil.keycloak.riskengine.model.ModelInfo;

/**
 * The model scoring a realm's logins: {@code kind} BOOTSTRAP until the realm has {@code minRealLogins}
 * scored logins and has been trained, REALM after. {@code version} 0 is the bootstrap model.
 */
public record ModelRepresentation(long version, String kind, Long trainedAt, int samples, double threshold,
        double contamination, String parameters, long realLogins, int minRealLogins, ModelMetrics metrics) {

    static ModelRepresentation of(ModelInfo info, long realLogins, int minRealLogins, ModelMetrics metrics) {
        return new ModelRepresentation(info.version(), info.kind().name(), info.trainedAt() == 0 ? null : info.trainedAt(),
                info.samples(), info.threshold(), info.contamination(), info.parameters(), realLogins, minRealLogins,
                metrics);
    }
}
