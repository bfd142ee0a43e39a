package dev.vigil.keycloak.riskengine.features;

/**
 * A previous successful login of the user, as the history store returns it to rebuild a
 * {@link UserProfile} ({@link UserProfile#fromHistory}).
 *
 * @param features the feature vector stored when it was scored, as {@link LoginFeatures#encode} wrote it, or
 *                 null before scoring; {@link LoginFeatures#decode} reads it.
 */
public record PastLogin(long time, String ipAddress, String network, String deviceId, String clientId,
        String features) {
}
