package dev.vigil.keycloak.riskengine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import dev.vigil.keycloak.riskengine.features.UserProfile;
import dev.vigil.keycloak.riskengine.features.ValueHasher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The profile's read and optimistic write on a real (H2, in-memory) database, with the table as the changelog creates it. */
class ProfileStatementsTest {

    static final ValueHasher KEYS = new ValueHasher(new byte[32], ValueHasher.PROFILE);

    private static final String T = "VIGIL_USER_PROFILE";
    private Connection c;

    @BeforeEach
    void database() throws SQLException {
        c = DriverManager.getConnection("jdbc:h2:mem:vigil-profile-" + System.nanoTime());
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + T + " (USER_ID VARCHAR(255) PRIMARY KEY, REALM_ID VARCHAR(255) NOT NULL,"
                    + " PROFILE_VERSION BIGINT NOT NULL, UPDATED_AT BIGINT NOT NULL, PROFILE_DATA VARCHAR(4000) NOT NULL)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void aProfileIsCreatedThenUpdatedOnlyFromTheVersionThatWasRead() throws SQLException {
        assertThat(ProfileStatements.find(c, T, "u1", KEYS)).isNull();
        UserProfile p = UserProfile.empty(KEYS);
        p.add(1_000, "10.0.0.1", "10.0.0.0/24", "d:a", "app", null, 0);

        assertThat(ProfileStatements.save(c, T, "realm", "u1", p, 0, 5)).isEqualTo(1);
        UserProfileStore.Stored stored = ProfileStatements.find(c, T, "u1", KEYS);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.profile().knowsDevice("d:a", 0)).isTrue();

        stored.profile().add(2_000, "10.0.0.2", "10.0.0.0/24", "d:b", "app", null, 0);
        assertThat(ProfileStatements.save(c, T, "realm", "u1", stored.profile(), 1, 6)).isEqualTo(2);
        assertThat(ProfileStatements.find(c, T, "u1", KEYS).profile().knowsDevice("d:b", 0)).isTrue();

        assertThat(ProfileStatements.save(c, T, "realm", "u1", p, 1, 7))
                .as("someone else wrote version 2 meanwhile: nothing changes").isEqualTo(-1);
        assertThat(ProfileStatements.find(c, T, "u1", KEYS).profile().knowsDevice("d:b", 0)).isTrue();
        assertThatThrownBy(() -> ProfileStatements.save(c, T, "realm", "u1", p, 0, 8))
                .as("created meanwhile").isInstanceOf(SQLException.class);
    }

    @Test
    void anUnreadableProfileComesBackWithItsVersionSoThatItCanBeReplaced() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + T + " VALUES ('u1', 'realm', 4, 0, '9;garbage')");
        }
        UserProfileStore.Stored stored = ProfileStatements.find(c, T, "u1", KEYS);
        assertThat(stored.profile()).isNull();
        assertThat(stored.version()).isEqualTo(4);
        assertThat(ProfileStatements.save(c, T, "realm", "u1", UserProfile.empty(KEYS), 4, 1)).isEqualTo(5);
        assertThat(ProfileStatements.find(c, T, "u1", KEYS).profile()).isNotNull();
    }
}
