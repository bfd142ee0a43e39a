package dev.vigil.keycloak.bench.adminqueries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes a realm's login history straight into {@code VIGIL_LOGIN_EVENT} (Keycloak stopped, or on a database
 * another process may share), shaped like a busy realm's: logins mostly in office hours, a tenth failed, 1.5 %
 * flagged, a few step-ups, denials and spray refusals, twenty countries and thirty networks, users from a skewed
 * distribution (a few sign in often). Rows are final (scored, flagged or recorded): nothing is left for the
 * scorer.
 */
final class LoginRows {

    static final String[] COUNTRIES = {"FR", "DE", "GB", "US", "ES", "IT", "NL", "BE", "CH", "SE", "PL", "PT", "IE",
        "AT", "DK", "NO", "FI", "CZ", "CA", "JP"};
    static final String[] SIGNALS = {"new_device", "new_network", "new_asn", "new_country", "impossible_travel",
        "unusual_hour", "user_failures", "likelihood", "model_score"};
    private static final String INSERT = "insert into VIGIL_LOGIN_EVENT (ID, REALM_ID, EVENT_TYPE, ERROR, EVENT_TIME,"
            + " USER_ID, USERNAME, CLIENT_ID, SESSION_ID, IP_ADDRESS, USER_AGENT, DEVICE_ID, NETWORK, AUTH_METHOD,"
            + " GRANT_TYPE, RISK_LEVEL, RISK_SCORE, RISK_REASONS, COUNTRY, ASN, AS_ORG, STATUS, SCORE, THRESHOLD,"
            + " REASONS, MODEL_VERSION, MODEL_KIND, SCORED_AT, SCORING_ATTEMPTS)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    record User(String id, String username) {
    }

    private LoginRows() {
    }

    /** Inserts {@code count} rows over the {@code days} before {@code now}; returns how many. */
    static long write(Connection db, String realmId, List<User> users, long count, int days, long now, long seed)
            throws SQLException {
        SplittableRandom random = new SplittableRandom(seed);
        db.setAutoCommit(false);
        long written = 0;
        try (PreparedStatement ps = db.prepareStatement(INSERT)) {
            for (long i = 0; i < count; i++) {
                row(ps, random, realmId, users, now, days);
                ps.addBatch();
                if (++written % 1_000 == 0) {
                    ps.executeBatch();
                }
                if (written % 50_000 == 0) {
                    db.commit();
                    System.out.printf(Locale.ROOT, "fill: %,d rows%n", written);
                }
            }
            ps.executeBatch();
            db.commit();
        }
        return written;
    }

    private static void row(PreparedStatement ps, SplittableRandom r, String realmId, List<User> users, long now,
            int days) throws SQLException {
        // a skewed choice of user: the square of a uniform draw favours the first users
        double u = r.nextDouble();
        User user = users.get((int) (u * u * users.size()));
        long day = r.nextInt(days);
        int hour = r.nextDouble() < 0.85 ? 7 + r.nextInt(12) : r.nextInt(24);
        long time = now - (day + 1) * 86_400_000L + hour * 3_600_000L + r.nextInt(3_600_000);
        boolean failed = r.nextDouble() < 0.10;
        int home = Math.floorMod(user.username().hashCode(), COUNTRIES.length);
        boolean away = r.nextDouble() < 0.05;
        String country = COUNTRIES[away ? r.nextInt(COUNTRIES.length) : home];
        int asn = 64_500 + (away ? r.nextInt(30) : home);
        String network = "10." + (asn % 200) + "." + Math.floorMod(user.id().hashCode() + (away ? r.nextInt(50) : 0), 250)
                + ".0/24";
        String ip = network.substring(0, network.length() - 4) + (1 + r.nextInt(250));
        double level = r.nextDouble();
        String riskLevel = level < 0.93 ? "LOW" : level < 0.99 ? "MEDIUM" : "HIGH";
        String error = null;
        if (failed) {
            double e = r.nextDouble();
            error = e < 0.05 ? "vigil_password_spray" : riskLevel.equals("HIGH") ? "vigil_high_risk"
                    : "invalid_user_credentials";
        }
        boolean flagged = !failed && r.nextDouble() < 0.015;
        double score = flagged ? 0.62 + 0.3 * r.nextDouble() : 0.3 + 0.3 * r.nextDouble();
        int i = 0;
        ps.setString(++i, UUID.randomUUID().toString());
        ps.setString(++i, realmId);
        ps.setString(++i, failed ? "LOGIN_ERROR" : "LOGIN");
        ps.setString(++i, error);
        ps.setLong(++i, time);
        ps.setString(++i, user.id());
        ps.setString(++i, user.username());
        ps.setString(++i, r.nextBoolean() ? "web-app" : "mobile-app");
        ps.setString(++i, failed ? null : UUID.randomUUID().toString());
        ps.setString(++i, ip);
        ps.setString(++i, "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36");
        ps.setString(++i, "d:" + Long.toHexString(user.id().hashCode() * 31L + (away ? r.nextInt(3) : 0)));
        ps.setString(++i, network);
        ps.setString(++i, "password");
        ps.setString(++i, "authorization_code");
        ps.setString(++i, riskLevel);
        ps.setDouble(++i, riskLevel.equals("LOW") ? 0.1 : riskLevel.equals("MEDIUM") ? 0.6 : 0.97);
        ps.setString(++i, riskLevel.equals("LOW") ? null : reasons(r));
        ps.setString(++i, country);
        ps.setLong(++i, asn);
        ps.setString(++i, "Network " + asn);
        ps.setString(++i, failed ? "RECORDED" : flagged ? "FLAGGED" : "SCORED");
        if (failed) {
            ps.setNull(++i, Types.DOUBLE);
            ps.setNull(++i, Types.DOUBLE);
            ps.setNull(++i, Types.VARCHAR);
            ps.setNull(++i, Types.BIGINT);
            ps.setNull(++i, Types.VARCHAR);
            ps.setNull(++i, Types.BIGINT);
        } else {
            ps.setDouble(++i, score);
            ps.setDouble(++i, 0.62);
            ps.setString(++i, flagged ? String.format(Locale.ROOT, "[{\"feature\":\"ip_changed\",\"value\":1.0,"
                    + "\"realmTypical\":0.1,\"userTypical\":0.0,\"deviation\":%.2f}]", 2 + r.nextDouble()) : null);
            ps.setLong(++i, 3);
            ps.setString(++i, "REALM");
            ps.setLong(++i, time + 50);
        }
        ps.setInt(++i, failed ? 0 : 1);
    }

    private static String reasons(SplittableRandom r) {
        String a = SIGNALS[r.nextInt(SIGNALS.length)];
        String b = SIGNALS[r.nextInt(SIGNALS.length)];
        return a + "=1(+2.00)" + (a.equals(b) ? "" : "," + b + "=1(+0.75)");
    }
}
