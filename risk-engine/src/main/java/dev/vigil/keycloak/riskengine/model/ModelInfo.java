package dev.vigil.keycloak.riskengine.model;

/**
 * What is known about a model besides its trees.
 *
 * @param version        increasing per realm; 0 for the bootstrap model
 * @param kind           bootstrap or realm
 * @param trainedAt      epoch ms
 * @param samples        rows the forest was fitted on (after bounded sampling)
 * @param threshold      calibrated flag threshold
 * @param contamination  share of training scores above the threshold
 * @param parameters     forest parameters, human-readable
 */
public record ModelInfo(long version, ModelKind kind, long trainedAt, int samples, double threshold,
        double contamination, String parameters) {
}
