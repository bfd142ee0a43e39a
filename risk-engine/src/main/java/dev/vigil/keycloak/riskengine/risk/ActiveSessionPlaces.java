package dev.vigil.keycloak.riskengine.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.vigil.keycloak.riskengine.features.Networks;
import dev.vigil.keycloak.riskengine.geo.GeoIpProvider;
import dev.vigil.keycloak.riskengine.geo.GeoLocation;
import dev.vigil.keycloak.riskengine.history.LoginEventStore;
import dev.vigil.keycloak.riskengine.scoring.ActiveSessions;
import dev.vigil.keycloak.riskengine.scoring.PersistedSessions;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.common.Profile;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * Where the user's active sessions were opened, for the "sessions elsewhere" signal and the model's active-session
 * count.
 *
 * <p>With Keycloak's persistent user sessions (the default since 26) these are two indexed reads: the ids of the
 * user's online sessions (refreshed within the realm's idle timeout, the window Keycloak's own query uses), then the
 * LOGIN rows Vigil recorded when they were opened, which carry the IP, network and country. Keycloak's
 * {@code getUserSessionsStream} would read every session with all its client sessions and build a model of each
 * (about 2 ms for a user with a few dozen sessions, measured with {@code bench/login-overhead}), on the login's
 * request path. A session without a recorded row (opened before Vigil was installed) counts, without a place.
 *
 * <p>Without persistent sessions, or if the query cannot be run (Keycloak renamed its entity, say: logged once, not
 * tried again), the sessions are streamed and their IPs located.
 */
final class ActiveSessionPlaces {

    private static final Logger LOG = Logger.getLogger(ActiveSessionPlaces.class);
    private static final String QUERY = "select s.userSessionId from PersistentUserSessionEntity s"
            + " where s.realmId = :realm and s.userId = :user and s.offline = '0' and s.lastSessionRefresh >= :oldest";
    private static final AtomicBoolean QUERY_WORKS = new AtomicBoolean(true);
    /** the longest a session can have lived when nothing tells: a bound for the rows looked at */
    private static final long LONGEST_SESSION_MILLIS = 30L * 86_400_000L;

    /** An active session: where it was opened; any part may be null. */
    record Place(String ip, String network, String country) {
    }

    private ActiveSessionPlaces() {
    }

    /** Whether {@link #of} reads with plain statements only (no JPA query), so that it may run among guarded reads. */
    static boolean readsPlainly(EntityManager em) {
        return !Profile.isFeatureEnabled(Profile.Feature.PERSISTENT_USER_SESSIONS)
                || (QUERY_WORKS.get() && PersistedSessions.of(em) != null);
    }

    /**
     * At most {@code max} active sessions of the user.
     *
     * @param requestSession the login's own session, for the stream when sessions are not persisted
     * @param s the session the reads run in
     * @param geo the GeoIP provider, or null
     */
    static List<Place> of(KeycloakSession requestSession, KeycloakSession s, RealmModel realm, String userId, long now,
            GeoIpProvider geo, int max) {
        if (QUERY_WORKS.get() && Profile.isFeatureEnabled(Profile.Feature.PERSISTENT_USER_SESSIONS)) {
            return query(s, realm, userId, now, geo, max);
        }
        RealmModel r = requestSession.getContext().getRealm() == null ? realm : requestSession.getContext().getRealm();
        UserModel user = requestSession.users().getUserById(r, userId);
        if (user == null) {
            return List.of();
        }
        return requestSession.sessions().getUserSessionsStream(r, user).limit(max).map(UserSessionModel::getIpAddress)
                .map(ip -> new Place(ip, Networks.prefixOf(ip), country(geo, ip, null))).toList();
    }

    private static List<Place> query(KeycloakSession s, RealmModel realm, String userId, long now, GeoIpProvider geo,
            int max) {
        List<String> ids = activeIds(s, realm, userId, max);
        if (ids.isEmpty()) {
            return List.of();
        }
        long lifespanSeconds = Math.max(realm.getSsoSessionMaxLifespan(),
                realm.isRememberMe() ? realm.getSsoSessionMaxLifespanRememberMe() : 0);
        long opened = now - (lifespanSeconds > 0 ? lifespanSeconds * 1000L + 60_000L : LONGEST_SESSION_MILLIS);
        Map<String, LoginEventStore.Opening> openings = s.getProvider(RiskEngine.class).loginEvents()
                .openings(realm.getId(), userId, opened, ids);
        List<Place> places = new ArrayList<>(ids.size());
        for (String id : ids) {
            LoginEventStore.Opening o = openings.get(id);
            places.add(o == null ? new Place(null, null, null)
                    : new Place(o.ip(), o.network(), country(geo, o.ip(), o.country())));
        }
        return places;
    }

    /** The ids of the user's active sessions from Keycloak's table: a failure here stops the query for good. */
    private static List<String> activeIds(KeycloakSession s, RealmModel realm, String userId, int max) {
        EntityManager em = s.getProvider(JpaConnectionProvider.class).getEntityManager();
        int oldest = ActiveSessions.idleCutoff(realm);
        PersistedSessions sql = PersistedSessions.of(em);
        try {
            return sql != null ? sql.activeIds(em, realm.getId(), userId, oldest, max)
                    : em.createQuery(QUERY, String.class).setParameter("realm", realm.getId())
                            .setParameter("user", userId).setParameter("oldest", oldest).setMaxResults(max)
                            .getResultList();
        } catch (RuntimeException e) {
            // Keycloak's table is not as expected (its rows are Keycloak's, not Vigil's to repair)
            if (QUERY_WORKS.compareAndSet(true, false)) {
                LOG.warnf(e, "Vigil cannot read the persisted user sessions; it streams them from now on");
            }
            throw e; // the transaction may be spoilt: this login gets the fallback level
        }
    }

    private static String country(GeoIpProvider geo, String ip, String recorded) {
        if (recorded != null || geo == null || ip == null) {
            return recorded;
        }
        return geo.locate(ip).map(GeoLocation::country).orElse(null);
    }
}
