package dev.vigil.keycloak.riskengine.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;

/**
 * Runs reads in the entity manager's (the request's) transaction so that a failure cannot harm it, the way
 * {@link GuardedInsert} writes a login's row: where the database undoes only a failed statement (H2, MySQL/MariaDB,
 * Oracle) the reads run as they are; elsewhere (PostgreSQL refuses every further statement of a transaction after a
 * failed one) a savepoint on the driver's connection goes first and a failure rolls back to it. Saves a login's
 * request path a session, a connection and a transaction of its own (about 0.4 ms of a risk assessment on H2,
 * measured with {@code bench/login-overhead}).
 *
 * <p>Only plain statements on the session's connection ({@link VigilTables#work}) may run inside: a failed JPA query
 * marks the transaction for rollback, whatever happens to the statement.
 */
public final class GuardedReads {

    private GuardedReads() {
    }

    /** The reads' result; a failure is thrown on, with the transaction as it was before them. */
    public static <T> T run(EntityManager em, Supplier<T> reads) {
        return VigilTables.work(em, pooled -> {
            if (!GuardedInsert.needsSavepointOn(pooled)) {
                return reads.get();
            }
            Connection driver = pooled.unwrap(Connection.class);
            if (driver == null || driver == pooled) {
                throw new SQLException("no driver connection behind the pool's: no savepoint for Vigil's reads");
            }
            Savepoint point = driver.setSavepoint();
            T result;
            try {
                result = reads.get();
            } catch (RuntimeException e) {
                try {
                    driver.rollback(point);
                } catch (SQLException rollbackFailed) {
                    e.addSuppressed(rollbackFailed);
                }
                throw e;
            }
            try {
                driver.releaseSavepoint(point);
            } catch (SQLException e) {
                // a savepoint left over ends with the transaction
            }
            return result;
        });
    }
}
