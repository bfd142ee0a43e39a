package dev.vigil.keycloak.admin.loginevents;

import dev.vigil.keycloak.riskengine.history.LoginRecord;

/** JSON form of one recorded event; {@code time} is epoch milliseconds, as in Keycloak's own events API. */
public record LoginEventRepresentation(
        String id,
        long time,
        String type,
        String error,
        String userId,
        String username,
        String clientId,
        String sessionId,
        String ipAddress,
        String userAgent,
        String authMethod,
        String grantType) {

    static LoginEventRepresentation of(LoginRecord r) {
        return new LoginEventRepresentation(r.id(), r.time(), r.type(), r.error(), r.userId(), r.username(),
                r.clientId(), r.sessionId(), r.ipAddress(), r.userAgent(), r.authMethod(), r.grantType());
    }
}
