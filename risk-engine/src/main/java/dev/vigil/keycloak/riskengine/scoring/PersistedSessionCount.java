package dev.vigil.keycloak.riskengine.scoring;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.jboss.logging.Logger;

/**
 * The grouped count of {@link ActiveSessions#ofUsers} in plain JDBC: once per scoring batch, where JPQL's
 * query machinery (an IN list of a new length is a new query to interpret) cost more than the count. The
 * table and column names come from Hibernate's mapping of Keycloak's {@code PersistentUserSessionEntity},
 * so the statement follows Keycloak's own mapping; if that mapping cannot be read, {@link #of} returns null
 * and the JPQL count is used.
 */
final class PersistedSessionCount {

    private static final Logger LOG = Logger.getLogger(PersistedSessionCount.class);
    private static final String ENTITY = "org.keycloak.models.jpa.session.PersistentUserSessionEntity";
    /** null until resolved; {@link #UNMAPPED} when the mapping could not be read */
    private static volatile PersistedSessionCount resolved;
    private static final PersistedSessionCount UNMAPPED = new PersistedSessionCount(null);

    private final String prefix;

    private PersistedSessionCount(String prefix) {
        this.prefix = prefix;
    }

    /** The statement for this Keycloak's mapping, or null when it cannot be built. */
    static PersistedSessionCount of(EntityManager em) {
        PersistedSessionCount r = resolved;
        if (r == null) {
            r = resolve(em);
            resolved = r;
        }
        return r == UNMAPPED ? null : r;
    }

    private static PersistedSessionCount resolve(EntityManager em) {
        try {
            var persister = em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class).getMappingMetamodel()
                    .getEntityDescriptor(ENTITY);
            if (!(persister instanceof AbstractEntityPersister p)) {
                return UNMAPPED;
            }
            String user = column(p, "userId");
            return new PersistedSessionCount("SELECT " + user + ", COUNT(*) FROM " + p.getTableName()
                    + " WHERE " + column(p, "realmId") + " = ? AND " + column(p, "offline") + " = '0' AND "
                    + column(p, "lastSessionRefresh") + " >= ? AND " + user + " IN (");
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
