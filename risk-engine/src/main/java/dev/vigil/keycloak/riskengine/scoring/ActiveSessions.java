package dev.vigil.keycloak.riskengine.scoring;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.common.Profile;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.SessionExpirationUtils;

/**
 * Counts a user's active (online) sessions for the {@code active_sessions} feature.
 *
 * <p>With Keycloak's persistent user sessions (the default since 26), {@code getUserSessionsStream} reads
 * every session of the user from the database together with all its client sessions, and builds a model
 * for each: the dearest step of scoring a login. Here one {@code count} over Keycloak's persisted
 * sessions gives the same number: online sessions of the user whose last refresh is within the realm's
 * idle timeout, the window Keycloak's own query uses. Keycloak's stream also drops sessions past their
 * maximum lifespan that were refreshed within the idle window: a difference of minutes at the end of a
 * session's life, which an anomaly feature does not notice.
 *
 * <p>Without persistent sessions, or if the count cannot be run (Keycloak renamed its entity, say), the
 * sessions are streamed as before; a failing count is logged once and not tried again.
 */
public final class ActiveSessions {

    private static final Logger LOG = Logger.getLogger(ActiveSessions.class);
    static final int MAX = 1000;
    private static final String COUNT = "select count(s) from PersistentUserSessionEntity s where s.realmId = :realm"
            + " and s.userId = :user and s.offline = '0' and s.lastSessionRefresh >= :oldest";
    private static final String COUNT_BY_USER = "select s.userId, count(s) from PersistentUserSessionEntity s"
            + " where s.realmId = :realm and s.userId in :users and s.offline = '0' and s.lastSessionRefresh >= :oldest"
            + " group by s.userId";
    private static final AtomicBoolean COUNT_WORKS = new AtomicBoolean(true);

    private ActiveSessions() {
    }

    /** The user's active sessions, at most {@link #MAX}. */
    static int of(KeycloakSession session, RealmModel realm, UserModel user) {
        if (COUNT_WORKS.get() && Profile.isFeatureEnabled(Profile.Feature.PERSISTENT_USER_SESSIONS)) {
            try {
                return count(session, realm, user);
            } catch (RuntimeException e) {
                if (COUNT_WORKS.compareAndSet(true, false)) {
                    LOG.warnf(e, "Vigil cannot count persisted user sessions; it streams them from now on");
                }
                throw e; // the transaction may be spoilt: the login is scored again, by the stream
            }
        }
        return (int) session.sessions().getUserSessionsStream(realm, user).limit(MAX).count();
    }

    /**
     * The active sessions of several users of the realm (at most {@link #MAX} each), in one query when
     * sessions are persisted; users without one are left out of the map.
     */
    static Map<String, Integer> ofUsers(KeycloakSession session, RealmModel realm, Collection<String> userIds) {
        Map<String, Integer> counts = new HashMap<>();
        if (userIds.isEmpty()) {
            return counts;
        }
        if (COUNT_WORKS.get() && Profile.isFeatureEnabled(Profile.Feature.PERSISTENT_USER_SESSIONS)) {
            try {
                EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
                PersistedSessions sql = PersistedSessions.of(em);
                if (sql != null) {
                    return sql.byUser(em, realm.getId(), userIds, oldest(realm), MAX);
                }
                em.createQuery(COUNT_BY_USER, Object[].class)
                        .setParameter("realm", realm.getId())
                        .setParameter("users", userIds)
                        .setParameter("oldest", oldest(realm))
                        .getResultStream()
                        .forEach(r -> counts.put((String) r[0], (int) Math.min(((Number) r[1]).longValue(), MAX)));
                return counts;
            } catch (RuntimeException e) {
                if (COUNT_WORKS.compareAndSet(true, false)) {
                    LOG.warnf(e, "Vigil cannot count persisted user sessions; it streams them from now on");
                }
                throw e; // the transaction may be spoilt: the logins are scored again, by the stream
            }
        }
        for (String userId : userIds) {
            UserModel user = session.users().getUserById(realm, userId);
            if (user != null) {
                counts.put(userId, (int) session.sessions().getUserSessionsStream(realm, user).limit(MAX).count());
            }
        }
        return counts;
    }

    /**
     * The oldest last refresh (epoch seconds) of a session that is still active: the realm's idle timeout ago, as
     * Keycloak's own query uses it.
     */
    public static int idleCutoff(RealmModel realm) {
        return oldest(realm);
    }

    private static int oldest(RealmModel realm) {
        long idleMillis = SessionExpirationUtils.calculateUserSessionIdleTimestamp(false, realm.isRememberMe(), 0, realm);
        return Time.currentTime() - (int) TimeUnit.MILLISECONDS.toSeconds(idleMillis);
    }

    private static int count(KeycloakSession session, RealmModel realm, UserModel user) {
        int oldest = oldest(realm);
        long n = session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createQuery(COUNT, Long.class)
                .setParameter("realm", realm.getId())
                .setParameter("user", user.getId())
                .setParameter("oldest", oldest)
                .getSingleResult();
        return (int) Math.min(n, MAX);
    }
}
