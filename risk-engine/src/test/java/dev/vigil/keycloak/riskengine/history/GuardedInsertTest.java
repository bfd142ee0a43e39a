package dev.vigil.keycloak.riskengine.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The guarded INSERT on a real (H2, in-memory) database: a failed write never costs the transaction its work. */
class GuardedInsertTest {

    private static final String SQL = GuardedInsert.sql(LoginEventTableH2.TABLE);
    private Connection c;

    @BeforeEach
    void database() throws SQLException {
        c = LoginEventTableH2.open();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE KEYCLOAK_WORK (ID INT)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @ParameterizedTest(name = "savepoint: {0}")
    @ValueSource(booleans = {false, true})
    void aFailedInsertLeavesTheTransactionAndItsWorkIntact(boolean savepoint) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO KEYCLOAK_WORK VALUES (1)"); // the login's own work in the transaction
        }
        assertThat(GuardedInsert.write(c, savepoint, SQL, login("a"), LoginStatus.NEW).written()).isTrue();

        LoginEventStore.GuardedWrite duplicate = GuardedInsert.write(c, savepoint, SQL, login("a"), LoginStatus.NEW);
        assertThat(duplicate.written()).isFalse();
        assertThat(duplicate.tried()).isTrue();
        assertThat(duplicate.transactionUnharmed()).isTrue();
        assertThat(duplicate.failure()).isInstanceOf(SQLException.class);

        assertThat(GuardedInsert.write(c, savepoint, SQL, login("b"), LoginStatus.RECORDED).written()).isTrue();
        c.commit();

        assertThat(count("SELECT COUNT(*) FROM KEYCLOAK_WORK")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM VIGIL_LOGIN_EVENT")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM VIGIL_LOGIN_EVENT WHERE ID = 'b' AND STATUS = 'RECORDED'"
                + " AND USER_AGENT IS NULL AND EVENT_TIME = 1700000000000")).isEqualTo(1);
    }

    @Test
    void aSavepointOnlyWhereTheDatabaseWouldAbortTheTransaction() throws SQLException {
        assertThat(GuardedInsert.needsSavepoint(c.getMetaData().getDatabaseProductName())).as("H2's driver").isFalse();
        assertThat(GuardedInsert.needsSavepoint("MySQL")).isFalse();
        assertThat(GuardedInsert.needsSavepoint("MariaDB")).isFalse();
        assertThat(GuardedInsert.needsSavepoint("Oracle")).isFalse();
        assertThat(GuardedInsert.needsSavepoint("PostgreSQL")).isTrue();
        assertThat(GuardedInsert.needsSavepoint("Microsoft SQL Server")).isTrue();
        assertThat(GuardedInsert.needsSavepoint(null)).as("unknown: the safe way").isTrue();
    }

    @Test
    void theLocationIsWrittenToItsColumnsAndAbsentOneAsNulls() throws SQLException {
        var geo = new dev.vigil.keycloak.riskengine.geo.GeoLocation("GB", 20712L, "Andrews & Arnold Ltd", 51.5142,
                -0.0931, 10);
        assertThat(GuardedInsert.write(c, false, SQL, login("g").withGeo(geo), LoginStatus.NEW).written()).isTrue();
        assertThat(GuardedInsert.write(c, false, SQL, login("n"), LoginStatus.NEW).written()).isTrue();
        c.commit();
        assertThat(count("SELECT COUNT(*) FROM VIGIL_LOGIN_EVENT WHERE ID = 'g' AND COUNTRY = 'GB' AND ASN = 20712"
                + " AND AS_ORG = 'Andrews & Arnold Ltd' AND LATITUDE = 51.5142 AND LONGITUDE = -0.0931"
                + " AND GEO_ACCURACY_KM = 10")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM VIGIL_LOGIN_EVENT WHERE ID = 'n' AND COUNTRY IS NULL AND ASN IS NULL"
                + " AND AS_ORG IS NULL AND LATITUDE IS NULL AND LONGITUDE IS NULL AND GEO_ACCURACY_KM IS NULL"))
                .isEqualTo(1);
    }

    private static LoginRecord login(String id) {
        return new LoginRecord(id, "realm", "LOGIN", null, 1_700_000_000_000L, "user", "alice", "app", "session",
                "192.0.2.1", null, "d:x", "192.0.2.0/24", "openid-connect", null, null);
    }

    private int count(String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
