package dev.vigil.keycloak.riskengine.risk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.vigil.keycloak.riskengine.features.Networks;
import dev.vigil.keycloak.riskengine.geo.GeoIpProvider;
import dev.vigil.keycloak.riskengine.geo.GeoLocation;
import dev.vigil.keycloak.riskengine.history.LoginEventEntity;
import dev.vigil.keycloak.riskengine.history.LoginEventStore;
import dev.vigil.keycloak.riskengine.history.VigilTables;
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
 * <p>With Keycloak's persistent user sessions (the default since 26) this is one statement over two indexes: the
 * user's online sessions (refreshed within the realm's idle timeout, the window Keycloak's own query uses) joined to
 * the LOGIN rows Vigil recorded when they were opened, which carry the IP, network and country. Keycloak's
 * {@code getUserSessionsStream} would read every session with all its client sessions and build a model of each
 * (about 2 ms for a user with a few dozen sessions, measured with {@code bench/login-overhead}), on the login's
 * request path. A session without a recorded row (opened before Vigil was installed) counts, without a place.
 *
 * <p>Without persistent sessions, or for ten minutes after the query failed (Keycloak renamed its
 * entity, or the database was away: logged once per pause), the sessions are streamed and their IPs located.
 */
final class ActiveSessionPlaces {

    private static final Logger LOG = Logger.getLogger(ActiveSessionPlaces.class);
    private static final String QUERY = "select s.userSessionId from PersistentUserSessionEntity s"
            + " where s.realmId = :realm and s.userId = :user and s.offline = '0' and s.lastSessionRefresh >= :oldest";
    /** how long the sessions are streamed after the query failed, before it is tried again */
    static final long QUERY_PAUSE_MILLIS = 10 * 60_000L;
    /** until when (epoch ms) the query is not tried: after a failure, {@link #QUERY_PAUSE_MILLIS} */
    private static final AtomicLong QUERY_PAUSED_UNTIL = new AtomicLong();
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
                || (queryTried() && PersistedSessions.of(em) != null);
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
        if (queryTried() && Profile.isFeatureEnabled(Profile.Feature.PERSISTENT_USER_SESSIONS)) {
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
        EntityManager em = s.getProvider(JpaConnectionProvider.class).getEntityManager();
        int oldest = ActiveSessions.idleCutoff(realm);
        long lifespanSeconds = Math.max(realm.getSsoSessionMaxLifespan(),
                realm.isRememberMe() ? realm.getSsoSessionMaxLifespanRememberMe() : 0);
        long opened = now - (lifespanSeconds > 0 ? lifespanSeconds * 1000L + 60_000L : LONGEST_SESSION_MILLIS);
        Map<String, LoginEventStore.Opening> openings;
        PersistedSessions sql = PersistedSessions.of(em);
        try {
            if (sql != null) {
                openings = sql.activePlaces(em, VigilTables.name(em, LoginEventEntity.class, "VIGIL_LOGIN_EVENT"),
                        realm.getId(), userId, oldest, opened, max);
            } else {
                List<String> ids = em.createQuery(QUERY, String.class).setParameter("realm", realm.getId())
                        .setParameter("user", userId).setParameter("oldest", oldest).setMaxResults(max)
                        .getResultList();
                Map<String, LoginEventStore.Opening> found = s.getProvider(RiskEngine.class).loginEvents()
                        .openings(realm.getId(), userId, opened, ids);
                openings = new LinkedHashMap<>();
                ids.forEach(id -> openings.put(id, found.get(id)));
            }
        } catch (RuntimeException e) {
            // Keycloak's table is not as expected (its rows are Keycloak's, not Vigil's to repair), or the database
            // is away for a moment: either way the sessions are streamed for a while, then the query is tried again
            long paused = QUERY_PAUSED_UNTIL.get();
            long until = System.currentTimeMillis() + QUERY_PAUSE_MILLIS;
            if (paused < System.currentTimeMillis() && QUERY_PAUSED_UNTIL.compareAndSet(paused, until)) {
                LOG.warnf(e, "Vigil cannot read the persisted user sessions; it streams them for %d minutes, then"
                        + " tries again", QUERY_PAUSE_MILLIS / 60_000);
            }
            throw e; // the transaction may be spoilt: this login gets the fallback level
        }
        List<Place> places = new ArrayList<>(openings.size());
        openings.values().forEach(o -> places.add(o == null ? new Place(null, null, null)
                : new Place(o.ip(), o.network(), country(geo, o.ip(), o.country()))));
        return places;
    }

    private static boolean queryTried() {
        return QUERY_PAUSED_UNTIL.get() <= System.currentTimeMillis();
    }

    private static String country(GeoIpProvider geo, String ip, String recorded) {
        if (recorded != null || geo == null || ip == null) {
            return recorded;
        }
        return geo.locate(ip).map(GeoLocation::country).orElse(null);
    }
}
