package dev.vigil.keycloak.riskengine.features;

/**
 * A previous successful login of the user, as the history store returns it.
 *
 * @param features the feature vector stored when it was scored, or null
 */
public record PastLogin(long time, String ipAddress, String network, String deviceId, String clientId,
        double[] features) {
}
