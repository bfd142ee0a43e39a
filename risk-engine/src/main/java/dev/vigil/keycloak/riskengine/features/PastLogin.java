package dev.vigil.keycloak.riskengine.features;

/**
 * A previous successful login of the user, as the history store returns it.
 *
 * @param features the feature vector stored when it was scored, as {@link LoginFeatures#encode} wrote it, or
 *                 null. Kept as text: scoring needs only a few components of some of them (the user's typical
 *                 values of the features named as reasons), read with {@link LoginFeatures#components}.
 */
public record PastLogin(long time, String ipAddress, String network, String deviceId, String clientId,
        String features) {
}
