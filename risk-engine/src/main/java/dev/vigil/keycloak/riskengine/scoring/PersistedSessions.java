package dev.vigil.keycloak.riskengine.scoring;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.keycloak.riskengine.history.IndexHints;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.jboss.logging.Logger;

/**
 * Plain JDBC reads of Keycloak's persisted user sessions: the grouped count of {@link ActiveSessions#ofUsers}, once
 * per scoring batch, where JPQL's query machinery (an IN list of a new length is a new query to interpret) cost
 * more than the count; and the ids of one user's active sessions for the in-flow assessment, over Keycloak's
 * (user, realm, offline) index (named to H2, see {@link IndexHints}). The table and column names come from
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

    private final String prefix;
    private final String activeIds;

    private PersistedSessions(String prefix) {
        this(prefix, null);
    }

    private PersistedSessions(String prefix, String activeIds) {
        this.prefix = prefix;
        this.activeIds = activeIds;
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
            String active = " WHERE " + column(p, "realmId") + " = ? AND " + column(p, "offline") + " = '0' AND "
                    + column(p, "lastSessionRefresh") + " >= ? AND " + user;
            return new PersistedSessions("SELECT " + user + ", COUNT(*) FROM " + p.getTableName() + active + " IN (",
                    "SELECT " + column(p, "userSessionId") + " FROM " + p.getTableName() + " s%s" + active
                            + " = ?");
        } catch (RuntimeException e) {
            LOG.debugf(e, "Vigil counts persisted user sessions with JPQL: Keycloak's mapping is not as expected");
            return UNMAPPED;
        }
    }

    private static String column(AbstractEntityPersister p, String property) {
        String[] columns = p.getPropertyColumnNames(property);
        if (columns == null || columns.length != 1) {
            throw new IllegalStateException(property + " is not mapped to one column");
        }
        return columns[0];
    }

    /** The ids of at most {@code max} online sessions of the user refreshed since {@code oldest} (epoch seconds). */
    public List<String> activeIds(EntityManager em, String realmId, String userId, int oldest, int max) {
        return IndexHints.run(em, BY_USER_INDEX, hint -> em.unwrap(Session.class).doReturningWork(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(String.format(activeIds, hint))) {
                ps.setString(1, realmId);
                ps.setInt(2, oldest);
                ps.setString(3, userId);
                ps.setMaxRows(max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        }));
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
