package dev.vigil.keycloak.riskengine.history;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import jakarta.persistence.EntityManager;
import org.keycloak.events.EventType;

/**
 * What a login's request path reads of {@code VIGIL_LOGIN_EVENT} (the risk assessment's failures of the user and of
 * the IP and the rows that opened the user's active sessions, the spray guard's failed accounts of a network), as
 * plain statements over the (realm, user|ip|network, type, time) indexes and the (realm, session) one, named to H2
 * ({@link IndexHints}).
 */
final class RequestPathReads {

    private static final String LOGIN_ERROR = EventType.LOGIN_ERROR.name();

    private RequestPathReads() {
    }

    /** Which rows a count reads, and the index that serves it. */
    enum Key {
        USER("USER_ID", "IDX_VIGIL_LE_USER_TYPE_TIME"),
        IP("IP_ADDRESS", "IDX_VIGIL_LE_IP_TYPE_TIME"),
        NETWORK("NETWORK", "IDX_VIGIL_LE_NET_TYPE_TIME");

        final String column;
        final String index;

        Key(String column, String index) {
            this.column = column;
            this.index = index;
        }
    }

    /**
     * The realm's LOGIN_ERROR rows since {@code since} whose error is one of {@code errors}: of the user, and from the
     * IP. One statement, each part along its own index (a statement costs H2 more to prepare than to run: two
     * statements were a quarter of the assessment's CPU time, JFR of {@code bench/login-overhead}). A null user or
     * IP matches no row.
     */
    static LoginEventStore.Failures failures(EntityManager em, String realmId, String userId, String ip, long since,
            List<String> errors) {
        return IndexHints.runEach(em, hints -> VigilTables.work(em, c -> {
            String table = VigilTables.loginEvents(em);
            String byError = ", e.ERROR, COUNT(*)";
            try (PreparedStatement ps = c.prepareStatement("SELECT 0" + byError + errorRows(table, Key.USER, hints)
                    + " GROUP BY e.ERROR UNION ALL SELECT 1" + byError + errorRows(table, Key.IP, hints)
                    + " GROUP BY e.ERROR")) {
                bindErrorRows(ps, bindErrorRows(ps, 1, realmId, userId, since), realmId, ip, since);
                long[] n = new long[2];
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (errors.contains(rs.getString(2))) {
                            n[rs.getInt(1)] += rs.getLong(3);
                        }
                    }
                }
                return new LoginEventStore.Failures(n[0], n[1]);
            }
        }));
    }

    /**
     * {@code FROM … WHERE …}: the realm's LOGIN_ERROR rows with {@code key = ?} since a time, along the key's index;
     * its four parameters are bound by {@link #bindErrorRows}.
     */
    private static String errorRows(String table, Key key, UnaryOperator<String> hints) {
        return " FROM " + table + " e" + hints.apply(key.index) + " WHERE e.REALM_ID = ? AND e." + key.column
                + " = ? AND e.EVENT_TYPE = ? AND e.EVENT_TIME >= ?";
    }

    /** Binds {@link #errorRows}' parameters from {@code first} on; returns the index after them. */
    private static int bindErrorRows(PreparedStatement ps, int first, String realmId, String value, long since)
            throws java.sql.SQLException {
        ps.setString(first, realmId);
        ps.setString(first + 1, value);
        ps.setString(first + 2, LOGIN_ERROR);
        ps.setLong(first + 3, since);
        return first + 4;
    }

    /** Distinct usernames of the realm's LOGIN_ERROR rows with {@code key = value} since {@code since}. */
    static long distinctUsernames(EntityManager em, Key key, String realmId, String value, long since) {
        return run(em, key, "SELECT COUNT(DISTINCT e.USERNAME)", " AND e.USERNAME IS NOT NULL", realmId, value, since,
                rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    /**
     * The user's LOGIN rows since {@code since} that opened one of {@code sessionIds}, by session id: one equality
     * lookup of the (realm, session) index per session, all in one prepared statement ({@code SESSION_ID IN (…)} made
     * H2 walk the realm's whole index — every login row of the realm, on every assessment: half of the assessment's
     * CPU in {@code bench/login-overhead}, JFR).
     */
    static Map<String, LoginEventStore.Opening> openings(EntityManager em, String realmId, String userId, long since,
            List<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Map.of();
        }
        return IndexHints.run(em, VigilTables.LOGIN_SESSION_INDEX, hint -> VigilTables.work(em, c -> {
            Map<String, LoginEventStore.Opening> openings = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT e.IP_ADDRESS, e.NETWORK, e.COUNTRY FROM "
                    + VigilTables.loginEvents(em) + " e" + hint + " WHERE e.REALM_ID = ? AND e.SESSION_ID = ?"
                    + " AND e.USER_ID = ? AND e.EVENT_TYPE = ? AND e.EVENT_TIME >= ?")) {
                ps.setString(1, realmId);
                ps.setString(3, userId);
                ps.setString(4, EventType.LOGIN.name());
                ps.setLong(5, since);
                for (String id : sessionIds) {
                    ps.setString(2, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            openings.put(id, new LoginEventStore.Opening(rs.getString(1), rs.getString(2),
                                    rs.getString(3)));
                        }
                    }
                }
            }
            return openings;
        }));
    }

    private interface Reader<T> {
        T read(ResultSet rs) throws java.sql.SQLException;
    }

    /** Runs {@code select} over the realm's LOGIN_ERROR rows with {@code key = value} since {@code since}. */
    private static <T> T run(EntityManager em, Key key, String select, String tail, String realmId, String value,
            long since, Reader<T> reader) {
        return IndexHints.runEach(em, hints -> VigilTables.work(em, c -> {
            try (PreparedStatement ps = c.prepareStatement(select + errorRows(VigilTables.loginEvents(em), key, hints)
                    + tail)) {
                bindErrorRows(ps, 1, realmId, value, since);
                try (ResultSet rs = ps.executeQuery()) {
                    return reader.read(rs);
                }
            }
        }));
    }
}
