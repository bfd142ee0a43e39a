package dev.vigil.keycloak.riskengine.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Locale;

import jakarta.persistence.EntityManager;

/**
 * Writes one {@code VIGIL_LOGIN_EVENT} row in the entity manager's (the request's) transaction so that a
 * failure cannot harm that transaction. The INSERT is plain JDBC: Hibernate never sees the statement, so it
 * cannot mark the transaction rollback-only.
 *
 * <p>What the database does with the transaction after a failed statement decides the rest:
 * <ul>
 *   <li>H2, MySQL/MariaDB and Oracle undo just the failed statement and carry on: the INSERT runs as it is.</li>
 *   <li>PostgreSQL refuses every further statement of the transaction, and SQL Server aborts it on some
 *       errors; there, and on any database not named above, a savepoint goes before the INSERT and a failure
 *       rolls back to it. The connection pool's wrapper refuses savepoint rollbacks while the connection takes
 *       part in a JTA transaction, so the savepoint, the INSERT and the rollback go to the driver's connection
 *       it wraps: the same database transaction, which commits or rolls back with the request.</li>
 * </ul>
 * A savepoint costs a statement of its own (on H2 about a fifth of the INSERT, measured with
 * {@code bench/login-overhead}), on the request path of every login: hence only where it is needed.
 */
final class GuardedInsert {

    private static final String COLUMNS = "ID, REALM_ID, EVENT_TYPE, ERROR, EVENT_TIME, USER_ID, USERNAME, CLIENT_ID,"
            + " SESSION_ID, IP_ADDRESS, USER_AGENT, DEVICE_ID, NETWORK, AUTH_METHOD, GRANT_TYPE, KEYSTROKE, STATUS,"
            + " RISK_LEVEL, RISK_SCORE, RISK_REASONS, COUNTRY, ASN, AS_ORG, LATITUDE, LONGITUDE, GEO_ACCURACY_KM";
    /** databases that roll back only the failed statement of a transaction (JDBC product names, lower case) */
    private static final List<String> STATEMENT_ATOMIC = List.of("h2", "mysql", "mariadb", "oracle");
    /** null until the first insert has looked at the database */
    private static volatile Boolean needsSavepoint;

    private GuardedInsert() {
    }

    static LoginEventStore.GuardedWrite insert(EntityManager em, LoginRecord record, LoginStatus status) {
        String statement = sql(VigilTables.loginEvents(em));
        LoginRecord r = record.clipped();
        return VigilTables.work(em, pooled -> {
            boolean savepoint;
            Connection driver;
            try {
                savepoint = needsSavepointOn(pooled);
                driver = savepoint ? pooled.unwrap(Connection.class) : pooled;
                if (savepoint && (driver == null || driver == pooled)) {
                    return LoginEventStore.GuardedWrite.notTried(new SQLException("no driver connection behind the pool's"));
                }
            } catch (SQLException | RuntimeException e) {
                return LoginEventStore.GuardedWrite.notTried(e);
            }
            return write(driver, savepoint, statement, r, status);
        });
    }

    /**
     * The INSERT on {@code c} in its current transaction, behind a savepoint when {@code savepoint}; a failure
     * leaves the transaction as it was before.
     */
    static LoginEventStore.GuardedWrite write(Connection c, boolean savepoint, String statement, LoginRecord r,
            LoginStatus status) {
        if (!savepoint) {
            try {
                execute(c, statement, r, status);
                return LoginEventStore.GuardedWrite.WRITTEN;
            } catch (SQLException | RuntimeException e) {
                return new LoginEventStore.GuardedWrite(false, true, true, e);
            }
        }
        Savepoint point;
        try {
            point = c.setSavepoint();
        } catch (SQLException | RuntimeException e) {
            return LoginEventStore.GuardedWrite.notTried(e);
        }
        try {
            execute(c, statement, r, status);
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback(point);
            } catch (SQLException | RuntimeException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
                return new LoginEventStore.GuardedWrite(false, true, false, e);
            }
            return new LoginEventStore.GuardedWrite(false, true, true, e);
        }
        try {
            c.releaseSavepoint(point);
        } catch (SQLException | RuntimeException e) {
            // the row is written; a savepoint left over ends with the transaction
        }
        return LoginEventStore.GuardedWrite.WRITTEN;
    }

    static boolean needsSavepointOn(Connection c) throws SQLException {
        Boolean needed = needsSavepoint;
        if (needed == null) {
            needed = needsSavepoint(c.getMetaData().getDatabaseProductName());
            needsSavepoint = needed;
        }
        return needed;
    }

    /** @param product the JDBC driver's database product name */
    static boolean needsSavepoint(String product) {
        return product == null || !STATEMENT_ATOMIC.contains(product.toLowerCase(Locale.ROOT));
    }

    private static void execute(Connection c, String statement, LoginRecord r, LoginStatus status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            int i = 0;
            ps.setString(++i, r.id());
            ps.setString(++i, r.realmId());
            ps.setString(++i, r.type());
            VigilTables.text(ps, ++i, r.error());
            ps.setLong(++i, r.time());
            VigilTables.text(ps, ++i, r.userId());
            VigilTables.text(ps, ++i, r.username());
            VigilTables.text(ps, ++i, r.clientId());
            VigilTables.text(ps, ++i, r.sessionId());
            VigilTables.text(ps, ++i, r.ipAddress());
            VigilTables.text(ps, ++i, r.userAgent());
            VigilTables.text(ps, ++i, r.deviceId());
            VigilTables.text(ps, ++i, r.network());
            VigilTables.text(ps, ++i, r.authMethod());
            VigilTables.text(ps, ++i, r.grantType());
            VigilTables.text(ps, ++i, r.keystroke());
            ps.setString(++i, status.name());
            VigilTables.text(ps, ++i, r.riskLevel());
            if (r.riskScore() == null) {
                ps.setNull(++i, java.sql.Types.DOUBLE);
            } else {
                ps.setDouble(++i, r.riskScore());
            }
            VigilTables.text(ps, ++i, r.riskReasons());
            var geo = r.geo();
            VigilTables.text(ps, ++i, geo == null ? null : geo.country());
            ps.setObject(++i, geo == null ? null : geo.asn(), java.sql.Types.BIGINT);
            VigilTables.text(ps, ++i, geo == null ? null : geo.asOrganization());
            ps.setObject(++i, geo == null ? null : geo.latitude(), java.sql.Types.DOUBLE);
            ps.setObject(++i, geo == null ? null : geo.longitude(), java.sql.Types.DOUBLE);
            ps.setObject(++i, geo == null ? null : geo.accuracyKm(), java.sql.Types.INTEGER);
            ps.executeUpdate();
        }
    }

    /** The INSERT into {@code table}. */
    static String sql(String table) {
        return "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?)";
    }
}
