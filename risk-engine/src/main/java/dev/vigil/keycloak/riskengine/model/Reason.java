package dev.vigil.keycloak.riskengine.model;

/**
 * Why a login looked unusual: one feature, its value, what is typical for the realm's model and for
 * the user, and how far off it is in standard deviations of the model's training data.
 */
public record Reason(String feature, double value, double realmTypical, Double userTypical, double deviation) {
}
