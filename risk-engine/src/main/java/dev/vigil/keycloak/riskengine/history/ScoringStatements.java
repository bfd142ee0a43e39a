package dev.vigil.keycloak.riskengine.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.vigil.keycloak.riskengine.features.PastLogin;
import dev.vigil.keycloak.riskengine.geo.GeoLocation;
import jakarta.persistence.EntityManager;
import org.keycloak.events.EventType;

/**
 * The statements that scoring runs for every login, in plain JDBC on the transaction's connection.
 *
 * <p>Scoring is the one place where Vigil reads and writes per login, off the request path but on the same
 * CPUs. Through JPQL each of these statements also paid for Hibernate's query machinery (a dirty check of
 * every row loaded in the batch before each query, scrolling result processing, entity snapshots), which
 * cost more than the database work itself. Scoring never loads a {@link LoginEventEntity}, so the
 * persistence context has nothing these statements could leave stale. Portable SQL only: the history
 * bound is {@link java.sql.Statement#setMaxRows}, which every JDBC driver Keycloak supports honours.
 */
final class ScoringStatements {

    private static final long HOUR = 3_600_000L;
    private static final String LOGIN = EventType.LOGIN.name();
    private static final String LOGIN_ERROR = EventType.LOGIN_ERROR.name();
    private static final String RECORD_COLUMNS = "e.ID, e.REALM_ID, e.EVENT_TYPE, e.ERROR, e.EVENT_TIME, e.USER_ID,"
            + " e.USERNAME, e.CLIENT_ID, e.SESSION_ID, e.IP_ADDRESS, e.USER_AGENT, e.DEVICE_ID, e.NETWORK,"
            + " e.AUTH_METHOD, e.GRANT_TYPE, e.KEYSTROKE, e.COUNTRY, e.ASN, e.AS_ORG, e.LATITUDE, e.LONGITUDE,"
            + " e.GEO_ACCURACY_KM";

    private ScoringStatements() {
    }

    /**
     * The rows and both failure counts in one statement (correlated counts over the (realm, user, type, time)
     * and (realm, ip, type, time) indexes); a null user or IP matches nothing, so its count is 0.
     */
    static List<LoginEventStore.ScoringInput> waiting(EntityManager em, String realmId, Collection<String> ids) {
        String table = VigilTables.loginEvents(em);
        StringBuilder sql = new StringBuilder("SELECT ").append(RECORD_COLUMNS)
                .append(", (SELECT COUNT(*) FROM ").append(table).append(" u WHERE u.REALM_ID = e.REALM_ID")
                .append(" AND u.USER_ID = e.USER_ID AND u.EVENT_TYPE = ? AND u.EVENT_TIME >= e.EVENT_TIME - ").append(HOUR)
                .append(" AND u.EVENT_TIME < e.EVENT_TIME)")
                .append(", (SELECT COUNT(*) FROM ").append(table).append(" i WHERE i.REALM_ID = e.REALM_ID")
                .append(" AND i.IP_ADDRESS = e.IP_ADDRESS AND i.EVENT_TYPE = ? AND i.EVENT_TIME >= e.EVENT_TIME - ")
                .append(HOUR).append(" AND i.EVENT_TIME < e.EVENT_TIME)")
                .append(" FROM ").append(table).append(" e WHERE e.REALM_ID = ? AND e.STATUS = ? AND e.ID IN (");
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        sql.append(')');
        return VigilTables.work(em, c -> {
            List<LoginEventStore.ScoringInput> rows = new ArrayList<>(ids.size());
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int p = 0;
                ps.setString(++p, LOGIN_ERROR);
                ps.setString(++p, LOGIN_ERROR);
                ps.setString(++p, realmId);
                ps.setString(++p, LoginStatus.NEW.name());
                for (String id : ids) {
                    ps.setString(++p, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int k = 0;
                        LoginRecord login = new LoginRecord(rs.getString(++k), rs.getString(++k), rs.getString(++k),
                                rs.getString(++k), rs.getLong(++k), rs.getString(++k), rs.getString(++k),
                                rs.getString(++k), rs.getString(++k), rs.getString(++k), rs.getString(++k),
                                rs.getString(++k), rs.getString(++k), rs.getString(++k), rs.getString(++k),
                                rs.getString(++k));
                        login = login.withGeo(new GeoLocation(rs.getString(++k), rs.getObject(++k, Long.class),
                                rs.getString(++k), rs.getObject(++k, Double.class), rs.getObject(++k, Double.class),
                                rs.getObject(++k, Integer.class)));
                        rows.add(new LoginEventStore.ScoringInput(login, rs.getInt(++k), rs.getInt(++k)));
                    }
                }
            }
            return rows;
        });
    }

    /** The user's successful logins in [since, before), newest first, at most {@code limit}. */
    static List<PastLogin> successes(EntityManager em, String realmId, String userId, long before, long since,
            int limit) {
        String table = VigilTables.loginEvents(em);
        return VigilTables.work(em, c -> successes(c, table, realmId, userId, before, since, limit));
    }

    static List<PastLogin> successes(Connection c, String table, String realmId, String userId, long before,
            long since, int limit) throws SQLException {
        String sql = "SELECT EVENT_TIME, IP_ADDRESS, NETWORK, DEVICE_ID, CLIENT_ID, FEATURES FROM " + table
                + " WHERE REALM_ID = ? AND USER_ID = ? AND EVENT_TYPE = ?"
                + " AND EVENT_TIME < ? AND EVENT_TIME >= ? ORDER BY EVENT_TIME DESC";
        List<PastLogin> successes = new ArrayList<>(Math.min(limit, 256));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(limit);
            ps.setString(1, realmId);
            ps.setString(2, userId);
            ps.setString(3, LOGIN);
            ps.setLong(4, before);
            ps.setLong(5, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && successes.size() < limit) {
                    successes.add(new PastLogin(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
        }
        return successes;
    }

    /**
     * Stores an assessment on a row that still waits for scoring.
     *
     * @return false when the row is gone or was scored meanwhile (by another node's recovery pass, say)
     */
    static boolean assess(EntityManager em, String id, LoginStatus status, String features, double score,
            double threshold, String reasons, long modelVersion, String modelKind, long scoredAt, String action,
            boolean dryRun) {
        String table = VigilTables.loginEvents(em);
        return VigilTables.work(em, c -> assess(c, table, id, status, features, score, threshold, reasons, modelVersion,
                modelKind, scoredAt, action, dryRun));
    }

    /** @param action the action stored with the score, or null (then the dry-run flag is not stored either) */
    static boolean assess(Connection c, String table, String id, LoginStatus status, String features, double score,
            double threshold, String reasons, long modelVersion, String modelKind, long scoredAt, String action,
            boolean dryRun) throws SQLException {
        String sql = "UPDATE " + table + " SET STATUS = ?, FEATURES = ?, SCORE = ?, THRESHOLD = ?,"
                + " REASONS = ?, MODEL_VERSION = ?, MODEL_KIND = ?, SCORED_AT = ?, ACTION_TAKEN = ?, ACTION_DRY_RUN = ?"
                + " WHERE ID = ? AND STATUS = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, status.name());
            VigilTables.text(ps, 2, features);
            ps.setDouble(3, score);
            ps.setDouble(4, threshold);
            VigilTables.text(ps, 5, reasons);
            ps.setLong(6, modelVersion);
            VigilTables.text(ps, 7, modelKind);
            ps.setLong(8, scoredAt);
            VigilTables.text(ps, 9, action);
            if (action == null) {
                ps.setNull(10, Types.BOOLEAN);
            } else {
                ps.setBoolean(10, dryRun);
            }
            ps.setString(11, id);
            ps.setString(12, LoginStatus.NEW.name());
            return ps.executeUpdate() == 1;
        }
    }

    static void action(EntityManager em, String id, String action, boolean dryRun) {
        String sql = "UPDATE " + VigilTables.loginEvents(em) + " SET ACTION_TAKEN = ?, ACTION_DRY_RUN = ? WHERE ID = ?";
        VigilTables.work(em, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                VigilTables.text(ps, 1, action);
                ps.setBoolean(2, dryRun);
                ps.setString(3, id);
                return ps.executeUpdate();
            }
        });
    }

}
