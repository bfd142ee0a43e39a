package dev.vigil.keycloak.riskengine.scoring;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.vigil.keycloak.riskengine.history.IndexHints;
import dev.vigil.keycloak.riskengine.history.LoginEventStore.Opening;
import dev.vigil.keycloak.riskengine.history.VigilTables;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.jboss.logging.Logger;

/**
 * Plain JDBC reads of Keycloak's persisted user sessions: the grouped count of {@link ActiveSessions#ofUsers}, once
 * per scoring batch, where JPQL's query machinery (an IN list of a new length is a new query to interpret) cost
 * more than the count; and one user's active sessions with the rows Vigil recorded when they were opened, for the
 * in-flow assessment, over Keycloak's (user, realm, offline) index (named to H2, see {@link IndexHints}). The table and column names come from
 * Hibernate's mapping of Keycloak's {@code PersistentUserSessionEntity}, so the statements follow Keycloak's own
 * mapping; if that mapping cannot be read, {@link #of} returns null and JPQL is used.
 */
public final class PersistedSessions {

    private static final Logger LOG = Logger.getLogger(PersistedSessions.class);
    private static final String ENTITY = "org.keycloak.models.jpa.session.PersistentUserSessionEntity";
    /** null until resolved; {@link #UNMAPPED} when the mapping could not be read */
    private static volatile PersistedSessions resolved;
    private static final PersistedSessions UNMAPPED = new PersistedSessions(null);

    /** Keycloak's index of the sessions by (user, realm, offline flag) */
    private static final String BY_USER_INDEX = "IDX_OFFLINE_USS_BY_USER";

    /** the most LOGIN rows read per session for {@link #activePlaces}: one, unless it was re-authenticated in */
    private static final int ROWS_PER_SESSION = 4;

    private final String prefix;
    /** {@code FROM <Keycloak's session table> s}, before its index hint */
    private final String activeFrom;
    /** {@code WHERE …}: the user's online sessions of the realm refreshed since a time (three parameters) */
    private final String activeWhere;
    private final String sessionId;
    private final String realmId;

    private PersistedSessions(String prefix) {
        this(prefix, null, null, null, null);
    }

    private PersistedSessions(String prefix, String activeFrom, String activeWhere, String sessionId, String realmId) {
        this.prefix = prefix;
        this.activeFrom = activeFrom;
        this.activeWhere = activeWhere;
        this.sessionId = sessionId;
        this.realmId = realmId;
    }

    /** The statement for this Keycloak's mapping, or null when it cannot be built. */
    public static PersistedSessions of(EntityManager em) {
        PersistedSessions r = resolved;
        if (r == null) {
            r = resolve(em);
            resolved = r;
        }
        return r == UNMAPPED ? null : r;
    }

    private static PersistedSessions resolve(EntityManager em) {
        try {
            var persister = em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class).getMappingMetamodel()
                    .getEntityDescriptor(ENTITY);
            if (!(persister instanceof AbstractEntityPersister p)) {
                return UNMAPPED;
            }
            String user = column(p, "userId");
            return forColumns(p.getTableName(), column(p, "userSessionId"), column(p, "realmId"), user,
                    column(p, "offline"), column(p, "lastSessionRefresh"));
        } catch (RuntimeException e) {
            LOG.debugf(e, "Vigil counts persisted user sessions with JPQL: Keycloak's mapping is not as expected");
            return UNMAPPED;
        }
    }

    /** The statements for Keycloak's session table and its columns as mapped. */
    static PersistedSessions forColumns(String table, String sessionId, String realmId, String userId, String offline,
            String lastRefresh) {
        String active = " WHERE %1$s" + realmId + " = ? AND %1$s" + offline + " = '0' AND %1$s" + lastRefresh
                + " >= ? AND %1$s" + userId;
        return new PersistedSessions("SELECT " + userId + ", COUNT(*) FROM " + table + String.format(active, "") + " IN (",
                " FROM " + table + " s", String.format(active, "s.") + " = ?", sessionId, realmId);
    }

    private static String column(AbstractEntityPersister p, String property) {
        String[] columns = p.getPropertyColumnNames(property);
        if (columns == null || columns.length != 1) {
            throw new IllegalStateException(property + " is not mapped to one column");
        }
        return columns[0];
    }

    /**
     * The user's online sessions refreshed since {@code oldest} (epoch seconds), at most {@code max}, each with where
     * it was opened: the LOGIN row of the user since {@code openedSince} (epoch ms) that Vigil recorded with the
     * session's id in {@code vigilTable}, or null when there is none. One statement: Keycloak's (user, realm,
     * offline) index for the sessions, joined to Vigil's (realm, session) index for their rows (both named to H2,
     * {@link IndexHints}); before, the ids and then each session's row were read one after the other, a statement
     * to prepare and one lookup per session. A session re-authenticated in has more than one row: the first read
     * counts, and at most {@value #ROWS_PER_SESSION} rows per session are read.
     */
    public LinkedHashMap<String, Opening> activePlaces(EntityManager em, String vigilTable, String realmId,
            String userId, int oldest, long openedSince, int max) {
        return IndexHints.runEach(em, hints -> em.unwrap(Session.class).doReturningWork(c ->
                activePlaces(c, activePlacesSql(vigilTable, hints), realmId, userId, oldest, openedSince, max)));
    }

    /** {@link #activePlaces}' statement, with {@code hints} for the two indexes. */
    String activePlacesSql(String vigilTable, UnaryOperator<String> hints) {
        return "SELECT s." + sessionId + ", e.IP_ADDRESS, e.NETWORK, e.COUNTRY" + activeFrom + hints.apply(BY_USER_INDEX)
                + " LEFT JOIN " + vigilTable + " e" + hints.apply(VigilTables.LOGIN_SESSION_INDEX) + " ON e.REALM_ID = s." + realmId
                + " AND e.SESSION_ID = s." + sessionId + " AND e.USER_ID = ? AND e.EVENT_TYPE = 'LOGIN'"
                + " AND e.EVENT_TIME >= ?" + activeWhere;
    }

    static LinkedHashMap<String, Opening> activePlaces(Connection c, String sql, String realmId, String userId,
            int oldest, long openedSince, int max) throws SQLException {
        LinkedHashMap<String, Opening> places = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 0;
            ps.setString(++i, userId);
            ps.setLong(++i, openedSince);
            ps.setString(++i, realmId);
            ps.setInt(++i, oldest);
            ps.setString(++i, userId);
            ps.setMaxRows(max * ROWS_PER_SESSION);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    if (places.containsKey(id)) {
                        continue; // the session's other LOGIN row
                    }
                    if (places.size() == max) {
                        break;
                    }
                    String ip = rs.getString(2);
                    String network = rs.getString(3);
                    String country = rs.getString(4);
                    places.put(id, ip == null && network == null && country == null ? null
                            : new Opening(ip, network, country));
                }
            }
        }
        return places;
    }

    /** Online sessions refreshed since {@code oldest} (epoch seconds) per user, at most {@code max} each. */
    Map<String, Integer> byUser(EntityManager em, String realmId, Collection<String> userIds, int oldest, int max) {
        StringBuilder sql = new StringBuilder(prefix);
        for (int i = 0; i < userIds.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        sql.append(") GROUP BY ").append(prefix, "SELECT ".length(), prefix.indexOf(','));
        return em.unwrap(Session.class).doReturningWork(c -> {
            Map<String, Integer> counts = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 0;
                ps.setString(++i, realmId);
                ps.setInt(++i, oldest);
                for (String userId : userIds) {
                    ps.setString(++i, userId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), (int) Math.min(rs.getLong(2), max));
                    }
                }
            }
            return counts;
        });
    }
}
