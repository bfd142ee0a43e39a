package dev.vigil.keycloak.riskengine.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

/**
 * Writes one {@code VIGIL_LOGIN_EVENT} row in the entity manager's (the request's) transaction so that a
 * failure cannot harm that transaction: a savepoint before the plain JDBC INSERT, a rollback to it when the
 * INSERT fails. Hibernate never sees the statement, so it cannot mark the transaction rollback-only, and
 * PostgreSQL, which refuses every statement after a failed one, is usable again after the rollback.
 *
 * <p>The connection pool's wrapper refuses savepoint rollbacks while the connection takes part in a JTA
 * transaction, so the savepoint, the INSERT and the rollback go to the driver's connection it wraps: the
 * same database transaction, which commits or rolls back with the request.
 */
final class SavepointInsert {

    private static final String COLUMNS = "ID, REALM_ID, EVENT_TYPE, ERROR, EVENT_TIME, USER_ID, USERNAME, CLIENT_ID,"
            + " SESSION_ID, IP_ADDRESS, USER_AGENT, DEVICE_ID, NETWORK, AUTH_METHOD, GRANT_TYPE, KEYSTROKE, STATUS";
    private static volatile String sql;

    private SavepointInsert() {
    }

    static LoginEventStore.GuardedWrite insert(EntityManager em, LoginRecord record, LoginStatus status) {
        String statement = sql(em);
        LoginRecord r = record.clipped();
        return em.unwrap(Session.class).doReturningWork(pooled -> {
            Connection c;
            Savepoint savepoint;
            try {
                c = pooled.unwrap(Connection.class);
                if (c == null || c == pooled) {
                    return LoginEventStore.GuardedWrite.notTried(new SQLException("no driver connection behind the pool's"));
                }
                savepoint = c.setSavepoint();
            } catch (SQLException | RuntimeException e) {
                return LoginEventStore.GuardedWrite.notTried(e);
            }
            try (PreparedStatement ps = c.prepareStatement(statement)) {
                int i = 0;
                ps.setString(++i, r.id());
                ps.setString(++i, r.realmId());
                ps.setString(++i, r.type());
                string(ps, ++i, r.error());
                ps.setLong(++i, r.time());
                string(ps, ++i, r.userId());
                string(ps, ++i, r.username());
                string(ps, ++i, r.clientId());
                string(ps, ++i, r.sessionId());
                string(ps, ++i, r.ipAddress());
                string(ps, ++i, r.userAgent());
                string(ps, ++i, r.deviceId());
                string(ps, ++i, r.network());
                string(ps, ++i, r.authMethod());
                string(ps, ++i, r.grantType());
                string(ps, ++i, r.keystroke());
                ps.setString(++i, status.name());
                ps.executeUpdate();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback(savepoint);
                } catch (SQLException | RuntimeException rollbackFailed) {
                    e.addSuppressed(rollbackFailed);
                    return new LoginEventStore.GuardedWrite(false, true, false, e);
                }
                return new LoginEventStore.GuardedWrite(false, true, true, e);
            }
            try {
                c.releaseSavepoint(savepoint);
            } catch (SQLException | RuntimeException e) {
                // the row is written; a savepoint left over ends with the transaction
            }
            return LoginEventStore.GuardedWrite.WRITTEN;
        });
    }

    private static void string(PreparedStatement ps, int i, String value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, value);
        }
    }

    /** The INSERT, with the table name as Hibernate maps it. */
    private static String sql(EntityManager em) {
        String s = sql;
        if (s == null) {
            s = "INSERT INTO " + LoginEventTable.name(em) + " (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            sql = s;
        }
        return s;
    }
}
