package dev.vigil.keycloak.bench.soak;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Vigil wrote into {@code VIGIL_LOGIN_EVENT} (PostgreSQL folds the unquoted names to lower case), read straight
 * from the database the nodes share: one cheap {@code GROUP BY} over the realm's rows.
 */
final class Rows implements AutoCloseable {

    private final Connection connection;

    private Rows(Connection connection) {
        this.connection = connection;
    }

    static Rows connect(String url, String user, String password) throws SQLException {
        return new Rows(DriverManager.getConnection(url, user, password));
    }

    /** The id of the realm named {@code name} (Keycloak's {@code REALM} table). */
    String realmId(String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select id from realm where name = ?")) {
            query.setString(1, name);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no realm " + name + " in the database");
                }
                return rs.getString(1);
            }
        }
    }

    /** The realm's LOGIN and LOGIN_ERROR rows by type and status. */
    Counts counts(String realmId) throws SQLException {
        Map<String, Long> byTypeAndStatus = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement("select event_type, status, count(*)"
                + " from vigil_login_event where realm_id = ? and event_type in ('LOGIN', 'LOGIN_ERROR')"
                + " group by event_type, status")) {
            query.setString(1, realmId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    byTypeAndStatus.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3));
                }
            }
        }
        return new Counts(byTypeAndStatus);
    }

    /** The realm's LOGIN rows per username. */
    Map<String, Long> loginsByUser(String realmId) throws SQLException {
        Map<String, Long> byUser = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("select username, count(*) from vigil_login_event"
                + " where realm_id = ? and event_type = 'LOGIN' group by username")) {
            query.setString(1, realmId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    byUser.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return byUser;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /** Row counts keyed {@code TYPE/STATUS}. */
    record Counts(Map<String, Long> byTypeAndStatus) {

        long of(String type, String status) {
            return byTypeAndStatus.getOrDefault(type + "/" + status, 0L);
        }

        long of(String type) {
            return byTypeAndStatus.entrySet().stream().filter(e -> e.getKey().startsWith(type + "/"))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        /** LOGIN and LOGIN_ERROR rows */
        long recorded() {
            return of("LOGIN") + of("LOGIN_ERROR");
        }

        /** LOGIN rows waiting for scoring */
        long waiting() {
            return of("LOGIN", "NEW");
        }

        /** rows SCORED or FLAGGED */
        long scored() {
            return of("LOGIN", "SCORED") + of("LOGIN", "FLAGGED");
        }
    }
}
