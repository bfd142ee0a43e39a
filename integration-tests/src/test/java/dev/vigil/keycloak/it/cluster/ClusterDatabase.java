package dev.vigil.keycloak.it.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL database the cluster's nodes share ({@code VIGIL_IT_CLUSTER_POSTGRES_URL}, user and password from
 * {@code VIGIL_IT_POSTGRES_USER} / {@code VIGIL_IT_POSTGRES_PASSWORD}; {@code .ci/run} creates it). The tests read it
 * directly to count rows: what the nodes wrote, not what they say they wrote.
 */
final class ClusterDatabase {

    final String url;
    final String user;
    final String password;

    private ClusterDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The database named by the environment; the test is skipped (with the reason) when there is none. */
    static ClusterDatabase fromEnvironment() {
        String url = System.getenv("VIGIL_IT_CLUSTER_POSTGRES_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(),
                "VIGIL_IT_CLUSTER_POSTGRES_URL is not set: the cluster tests need a PostgreSQL database the nodes share"
                        + " (.ci/run creates one)");
        return new ClusterDatabase(url, System.getenv().getOrDefault("VIGIL_IT_POSTGRES_USER", "vigil_ci"),
                System.getenv().getOrDefault("VIGIL_IT_POSTGRES_PASSWORD", "vigil_ci"));
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Empties the database (the owner's public schema) for a cluster that starts from nothing. */
    void reset() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }

    long count(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    List<Map<String, Object>> rows(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        }
    }

    String realmId(String realm) throws SQLException {
        List<Map<String, Object>> r = rows("select id from realm where name = ?", realm);
        return r.isEmpty() ? null : (String) r.get(0).get("id");
    }

    /** Vigil's rows of the realm per status (RECORDED, NEW, SCORED, FLAGGED, FAILED). */
    Map<String, Long> statuses(String realmId) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map<String, Object> r : rows("select status, count(*) as n from vigil_login_event where realm_id = ?"
                + " group by status order by status", realmId)) {
            out.put((String) r.get("status"), ((Number) r.get("n")).longValue());
        }
        return out;
    }
}
