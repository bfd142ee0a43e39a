package dev.vigil.keycloak.riskengine.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.vigil.keycloak.riskengine.features.UserProfile;
import dev.vigil.keycloak.riskengine.features.UserProfileCodec;
import dev.vigil.keycloak.riskengine.features.ValueHasher;

/**
 * The profile's read and write, in plain JDBC on the transaction's connection (the same reasons as
 * {@link ScoringStatements}). The write is optimistic: an UPDATE that names the version it read, or an INSERT
 * for a user without a row. Either fails when another transaction got there first.
 */
final class ProfileStatements {

    private ProfileStatements() {
    }

    /** @return the row, or null; its profile is null when the text cannot be read */
    static UserProfileStore.Stored find(Connection c, String table, String userId, ValueHasher hasher)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT PROFILE_VERSION, PROFILE_DATA FROM " + table + " WHERE USER_ID = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new UserProfileStore.Stored(UserProfileCodec.decode(rs.getString(2), hasher), rs.getLong(1));
            }
        }
    }

    /**
     * @return the new version, or -1 when the row is not at {@code version} (an UPDATE that changed nothing)
     * @throws SQLException among others when the INSERT of a new row finds one there (a duplicate key)
     */
    static long save(Connection c, String table, String realmId, String userId, UserProfile profile, long version,
            long now) throws SQLException {
        String data = UserProfileCodec.encode(profile);
        if (version == 0) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                    + " (USER_ID, REALM_ID, PROFILE_VERSION, UPDATED_AT, PROFILE_DATA) VALUES (?, ?, 1, ?, ?)")) {
                ps.setString(1, userId);
                ps.setString(2, realmId);
                ps.setLong(3, now);
                ps.setString(4, data);
                ps.executeUpdate();
                return 1;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
                + " SET PROFILE_VERSION = ?, UPDATED_AT = ?, PROFILE_DATA = ? WHERE USER_ID = ? AND PROFILE_VERSION = ?")) {
            ps.setLong(1, version + 1);
            ps.setLong(2, now);
            ps.setString(3, data);
            ps.setString(4, userId);
            ps.setLong(5, version);
            return ps.executeUpdate() == 1 ? version + 1 : -1;
        }
    }
}
