package dev.vigil.keycloak.riskengine.history;

import jakarta.persistence.EntityManager;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;

/**
 * The name of {@code VIGIL_LOGIN_EVENT} as Hibernate maps it (schema included when one is configured), for
 * the statements Vigil runs on the JDBC connection itself ({@link GuardedInsert}, {@link ScoringStatements}).
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
}
