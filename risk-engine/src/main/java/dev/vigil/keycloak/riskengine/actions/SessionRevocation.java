package dev.vigil.keycloak.riskengine.actions;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * Ends sessions so that their tokens stop working at once: not-before = now makes Keycloak refuse every
 * token issued before (refresh → {@code invalid_grant}, userinfo → refused), and the sessions are removed.
 * Access tokens that resource servers validate offline stay valid until they expire.
 */
public final class SessionRevocation {

    private SessionRevocation() {
    }

    /** @return how many sessions were removed */
    public static int revokeAll(KeycloakSession session, RealmModel realm, UserModel user) {
        session.users().setNotBeforeForUser(realm, user, Time.currentTime());
        var sessions = session.sessions().getUserSessionsStream(realm, user).toList();
        sessions.forEach(us -> session.sessions().removeUserSession(realm, us));
        return sessions.size();
    }

    /** @return true when the session existed */
    public static boolean revokeSession(KeycloakSession session, RealmModel realm, String sessionId) {
        UserSessionModel us = sessionId == null ? null : session.sessions().getUserSession(realm, sessionId);
        if (us == null) {
            return false;
        }
        session.sessions().removeUserSession(realm, us);
        return true;
    }
}
