package dev.vigil.keycloak.riskengine.history;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

import jakarta.persistence.EntityManager;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;

/**
 * What the statements Vigil runs on the JDBC connection itself ({@link GuardedInsert}, {@link ScoringStatements},
 * {@link ProfileStatements}) share: the names of Vigil's tables as Hibernate maps them (schema included when one
 * is configured) and how a nullable text column is bound.
 */
final class VigilTables {

    private static volatile String loginEvents;
    private static volatile String profiles;

    private VigilTables() {
    }

    /** {@code VIGIL_LOGIN_EVENT} */
    static String loginEvents(EntityManager em) {
        String n = loginEvents;
        if (n == null) {
            n = mapped(em, LoginEventEntity.class, "VIGIL_LOGIN_EVENT");
            loginEvents = n;
        }
        return n;
    }

    /** {@code VIGIL_USER_PROFILE} */
    static String profiles(EntityManager em) {
        String n = profiles;
        if (n == null) {
            n = mapped(em, UserProfileEntity.class, "VIGIL_USER_PROFILE");
            profiles = n;
        }
        return n;
    }

    private static String mapped(EntityManager em, Class<?> entity, String fallback) {
        var persister = em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class).getMappingMetamodel()
                .getEntityDescriptor(entity);
        return persister instanceof AbstractEntityPersister p ? p.getTableName() : fallback;
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
