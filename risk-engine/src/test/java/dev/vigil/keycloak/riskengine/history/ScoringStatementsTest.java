package dev.vigil.keycloak.riskengine.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.vigil.keycloak.riskengine.features.PastLogin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scoring statements on a real (H2, in-memory) database. */
class ScoringStatementsTest {

    private static final String T = LoginEventTableH2.TABLE;
    private static final String INSERT = GuardedInsert.sql(T);
    private Connection c;

    @BeforeEach
    void database() throws SQLException {
        c = LoginEventTableH2.open();
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void historyIsTheUsersSuccessfulLoginsBeforeTheLoginNewestFirstAndBounded() throws SQLException {
        for (int i = 1; i <= 30; i++) {
            insert("ok-" + i, "LOGIN", "u1", 1_000L * i);
        }
        insert("failed", "LOGIN_ERROR", "u1", 25_500);
        insert("other-user", "LOGIN", "u2", 25_600);
        insert("other-realm", "LOGIN", "u1", 25_700, "realm-2");

        List<PastLogin> history = ScoringStatements.successes(c, T, "realm", "u1", 25_000, 5_000, 10);

        assertThat(history).extracting(PastLogin::time)
                .containsExactly(24_000L, 23_000L, 22_000L, 21_000L, 20_000L, 19_000L, 18_000L, 17_000L, 16_000L, 15_000L);
        assertThat(ScoringStatements.successes(c, T, "realm", "u1", 25_000, 20_500, 10)).extracting(PastLogin::time)
                .as("not older than 'since'").containsExactly(24_000L, 23_000L, 22_000L, 21_000L);
        assertThat(history.get(0).deviceId()).isEqualTo("d:24000");
    }

    @Test
    void anAssessmentLandsOnlyOnARowStillWaitingForScoring() throws SQLException {
        insert("row", "LOGIN", "u1", 1_000);

        assertThat(ScoringStatements.assess(c, T, "row", LoginStatus.FLAGGED, "1.0,2.0", 0.7, 0.6, "[]", 3, "REAL",
                5_000, null, false)).isTrue();
        assertThat(ScoringStatements.assess(c, T, "row", LoginStatus.SCORED, "9.0", 0.1, 0.6, "[]", 4, "REAL", 6_000,
                null, false)).as("scored already: a second scoring (another node's recovery pass) changes nothing").isFalse();
        assertThat(ScoringStatements.assess(c, T, "missing", LoginStatus.SCORED, null, 0.1, 0.6, null, 4, "REAL",
                6_000, null, false)).isFalse();

        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT STATUS, SCORE, MODEL_VERSION, SCORED_AT, ACTION_TAKEN, ACTION_DRY_RUN"
                        + " FROM " + T + " WHERE ID = 'row'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("FLAGGED");
            assertThat(rs.getDouble(2)).isEqualTo(0.7);
            assertThat(rs.getLong(3)).isEqualTo(3);
            assertThat(rs.getLong(4)).isEqualTo(5_000);
            assertThat(rs.getString(5)).as("no action settled at scoring time").isNull();
            assertThat(rs.getObject(6)).isNull();
        }
    }

    @Test
    void anActionSettledAtScoringTimeIsStoredWithTheScore() throws SQLException {
        insert("row", "LOGIN", "u1", 1_000);

        assertThat(ScoringStatements.assess(c, T, "row", LoginStatus.FLAGGED, "1.0", 0.9, 0.6, "[]", 3, "REAL", 5_000,
                "NONE", true)).isTrue();

        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT STATUS, ACTION_TAKEN, ACTION_DRY_RUN FROM " + T + " WHERE ID = 'row'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("FLAGGED");
            assertThat(rs.getString(2)).isEqualTo("NONE");
            assertThat(rs.getBoolean(3)).isTrue();
        }
    }

    private void insert(String id, String type, String user, long time) throws SQLException {
        insert(id, type, user, time, "realm");
    }

    private void insert(String id, String type, String user, long time, String realm) throws SQLException {
        LoginRecord r = new LoginRecord(id, realm, type, null, time, user, user, "app", null, "192.0.2.1", null,
                "d:" + time, "192.0.2.0/24", null, null, null);
        assertThat(GuardedInsert.write(c, false, INSERT, r, type.equals("LOGIN") ? LoginStatus.NEW : LoginStatus.RECORDED)
                .written()).isTrue();
    }
}
