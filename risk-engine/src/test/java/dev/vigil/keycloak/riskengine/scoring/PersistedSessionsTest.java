package dev.vigil.keycloak.riskengine.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.vigil.keycloak.riskengine.history.LoginEventStore.Opening;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The user's active sessions with where each was opened, in one statement over Keycloak's session table (as its
 * 26.x changelog creates the columns and the (user, realm, offline) index) joined to Vigil's login rows, on H2.
 */
class PersistedSessionsTest {

    private static final PersistedSessions SESSIONS = PersistedSessions.forColumns("OFFLINE_USER_SESSION",
            "USER_SESSION_ID", "REALM_ID", "USER_ID", "OFFLINE_FLAG", "LAST_SESSION_REFRESH");
    private static final UnaryOperator<String> NO_HINTS = index -> "";
    private static final UnaryOperator<String> H2_HINTS = index -> " USE INDEX (" + index + ")";
    private static final int NOW = 1_000_000;
    private static final long OPENED_SINCE = 5_000L;

    private Connection c;

    @BeforeEach
    void tables() throws Exception {
        c = DriverManager.getConnection("jdbc:h2:mem:sessions-" + System.nanoTime());
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE OFFLINE_USER_SESSION (USER_SESSION_ID VARCHAR(36) NOT NULL, USER_ID VARCHAR(255),"
                    + " REALM_ID VARCHAR(36) NOT NULL, OFFLINE_FLAG VARCHAR(4) NOT NULL, LAST_SESSION_REFRESH INT,"
                    + " PRIMARY KEY (USER_SESSION_ID, OFFLINE_FLAG))");
            s.execute("CREATE INDEX IDX_OFFLINE_USS_BY_USER ON OFFLINE_USER_SESSION (USER_ID, REALM_ID, OFFLINE_FLAG)");
            s.execute("CREATE TABLE VIGIL_LOGIN_EVENT (ID VARCHAR(36) PRIMARY KEY, REALM_ID VARCHAR(255) NOT NULL,"
                    + " EVENT_TYPE VARCHAR(64) NOT NULL, EVENT_TIME BIGINT NOT NULL, USER_ID VARCHAR(255),"
                    + " SESSION_ID VARCHAR(255), IP_ADDRESS VARCHAR(64), NETWORK VARCHAR(64), COUNTRY VARCHAR(2))");
            s.execute("CREATE INDEX IDX_VIGIL_LE_SESSION ON VIGIL_LOGIN_EVENT (REALM_ID, SESSION_ID)");
        }
        session("home", "alice", "0", NOW - 10);
        login("r1", "home", "alice", 6_000L, "10.0.0.7", "10.0.0", "DE");
        session("unrecorded", "alice", "0", NOW - 10); // opened before Vigil was installed
        session("reauthenticated", "alice", "0", NOW - 10);
        login("r2", "reauthenticated", "alice", 7_000L, "192.0.2.1", "192.0.2", "FR");
        login("r3", "reauthenticated", "alice", 8_000L, "192.0.2.1", "192.0.2", "FR");
        session("expired", "alice", "0", NOW - 5_000); // idle longer than the realm allows
        login("r4", "expired", "alice", 6_000L, "203.0.113.5", "203.0.113", "US");
        session("offline", "alice", "1", NOW - 10); // an offline token's session, not a browser's
        session("bob's", "bob", "0", NOW - 10);
        login("r5", "bob's", "bob", 6_000L, "198.51.100.1", "198.51.100", "GB");
        session("old row", "alice", "0", NOW - 10); // its LOGIN row is older than any session can be
        login("r6", "old row", "alice", 1_000L, "198.51.100.9", "198.51.100", "GB");
        session("other realm", "alice", "0", NOW - 10);
        try (PreparedStatement ps = c.prepareStatement("UPDATE OFFLINE_USER_SESSION SET REALM_ID = 'other'"
                + " WHERE USER_SESSION_ID = 'other realm'")) {
            ps.executeUpdate();
        }
    }

    @AfterEach
    void close() throws Exception {
        c.close();
    }

    @Test
    void eachActiveSessionOfTheUserOnceWithTheRowThatOpenedIt() throws Exception {
        for (UnaryOperator<String> hints : java.util.List.of(NO_HINTS, H2_HINTS)) {
            Map<String, Opening> places = PersistedSessions.activePlaces(c,
                    SESSIONS.activePlacesSql("VIGIL_LOGIN_EVENT", hints), "realm", "alice", NOW - 1_800, OPENED_SINCE,
                    20);

            assertThat(places).containsOnlyKeys("home", "unrecorded", "reauthenticated", "old row");
            assertThat(places.get("home")).isEqualTo(new Opening("10.0.0.7", "10.0.0", "DE"));
            assertThat(places.get("reauthenticated")).isEqualTo(new Opening("192.0.2.1", "192.0.2", "FR"));
            assertThat(places.get("unrecorded")).isNull();
            assertThat(places.get("old row")).isNull();
        }
    }

    @Test
    void atMostAsManySessionsAsAsked() throws Exception {
        Map<String, Opening> places = PersistedSessions.activePlaces(c,
                SESSIONS.activePlacesSql("VIGIL_LOGIN_EVENT", H2_HINTS), "realm", "alice", NOW - 1_800, OPENED_SINCE, 2);

        assertThat(places).hasSize(2);
    }

    @Test
    void aUserWithoutSessionsHasNone() throws Exception {
        assertThat(PersistedSessions.activePlaces(c, SESSIONS.activePlacesSql("VIGIL_LOGIN_EVENT", H2_HINTS), "realm",
                "carol", NOW - 1_800, OPENED_SINCE, 20)).isEmpty();
    }

    private void session(String id, String user, String offline, int lastRefresh) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO OFFLINE_USER_SESSION (USER_SESSION_ID, USER_ID,"
                + " REALM_ID, OFFLINE_FLAG, LAST_SESSION_REFRESH) VALUES (?, ?, 'realm', ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, user);
            ps.setString(3, offline);
            ps.setInt(4, lastRefresh);
            ps.executeUpdate();
        }
    }

    private void login(String id, String session, String user, long time, String ip, String network, String country)
            throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO VIGIL_LOGIN_EVENT (ID, REALM_ID, EVENT_TYPE,"
                + " EVENT_TIME, USER_ID, SESSION_ID, IP_ADDRESS, NETWORK, COUNTRY) VALUES (?, 'realm', 'LOGIN', ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setLong(2, time);
            ps.setString(3, user);
            ps.setString(4, session);
            ps.setString(5, ip);
            ps.setString(6, network);
            ps.setString(7, country);
            ps.executeUpdate();
        }
    }
}
