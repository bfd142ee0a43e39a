package dev.vigil.keycloak.riskengine.history;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

import jakarta.persistence.EntityManager;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;

/**
 * What the statements Vigil runs on the JDBC connection itself ({@link GuardedInsert}, {@link ScoringStatements})
 * share: the name of {@code VIGIL_LOGIN_EVENT} as Hibernate maps it (schema included when one is configured)
 * and how a nullable text column is bound.
 */
final class LoginEventTable {

    private static volatile String name;

    private LoginEventTable() {
    }

    static String name(EntityManager em) {
        String n = name;
        if (n == null) {
            var persister = em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class).getMappingMetamodel()
                    .getEntityDescriptor(LoginEventEntity.class);
            n = persister instanceof AbstractEntityPersister p ? p.getTableName() : "VIGIL_LOGIN_EVENT";
            name = n;
        }
        return n;
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
