package dev.vigil.keycloak.riskengine.history;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.jdbc.ReturningWork;
import org.hibernate.persister.entity.AbstractEntityPersister;

/**
 * What the statements Vigil runs on the JDBC connection itself ({@link GuardedInsert}, {@link ScoringStatements},
 * {@link ProfileStatements}, {@link RequestPathReads}, the trusted-device check) share: the names of Vigil's tables as Hibernate maps them (schema included when one
 * is configured), how they run on the session's connection, and how a nullable text column is bound.
 */
public final class VigilTables {

    /** {@code VIGIL_LOGIN_EVENT}'s (realm, session id) index: the row that opened a session, found by its id */
    public static final String LOGIN_SESSION_INDEX = "IDX_VIGIL_LE_SESSION";

    /** entity class → mapped table name; filled on first use */
    private static final Map<Class<?>, String> NAMES = new ConcurrentHashMap<>();

    private VigilTables() {
    }

    /** {@code VIGIL_LOGIN_EVENT} */
    static String loginEvents(EntityManager em) {
        return name(em, LoginEventEntity.class, "VIGIL_LOGIN_EVENT");
    }

    /** {@code VIGIL_USER_PROFILE} */
    static String profiles(EntityManager em) {
        return name(em, UserProfileEntity.class, "VIGIL_USER_PROFILE");
    }

    /** The table {@code entity} is mapped to (schema included when one is configured), else {@code fallback}. */
    public static String name(EntityManager em, Class<?> entity, String fallback) {
        String name = NAMES.get(entity);
        if (name == null) {
            var persister = em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class).getMappingMetamodel()
                    .getEntityDescriptor(entity);
            name = persister instanceof AbstractEntityPersister p ? p.getTableName() : fallback;
            NAMES.put(entity, name);
        }
        return name;
    }

    /** Runs {@code work} on the session's connection; Hibernate turns an {@link SQLException} into a runtime exception. */
    public static <T> T work(EntityManager em, ReturningWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work);
    }

    /** Binds {@code value} to parameter {@code i}, as SQL NULL when it is null. */
    static void text(PreparedStatement ps, int i, String value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, value);
        }
    }
}
