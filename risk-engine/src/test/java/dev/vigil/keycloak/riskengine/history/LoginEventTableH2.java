package dev.vigil.keycloak.riskengine.history;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** An in-memory H2 database with {@code VIGIL_LOGIN_EVENT} as the Liquibase changelog creates it (columns and types). */
final class LoginEventTableH2 {

    static final String TABLE = "VIGIL_LOGIN_EVENT";

    private LoginEventTableH2() {
    }

    /** A connection to a new database with the table, in a transaction (auto-commit off). */
    static Connection open() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:h2:mem:vigil-" + System.nanoTime());
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + TABLE + " (ID VARCHAR(36) PRIMARY KEY, REALM_ID VARCHAR(255) NOT NULL,"
                    + " EVENT_TYPE VARCHAR(64) NOT NULL, ERROR VARCHAR(255), EVENT_TIME BIGINT NOT NULL,"
                    + " USER_ID VARCHAR(255), USERNAME VARCHAR(255), CLIENT_ID VARCHAR(255), SESSION_ID VARCHAR(255),"
                    + " IP_ADDRESS VARCHAR(64), USER_AGENT VARCHAR(512), DEVICE_ID VARCHAR(64), NETWORK VARCHAR(64),"
                    + " AUTH_METHOD VARCHAR(64), GRANT_TYPE VARCHAR(64), KEYSTROKE VARCHAR(16),"
                    + " STATUS VARCHAR(16) DEFAULT 'RECORDED' NOT NULL, FEATURES VARCHAR(1024), SCORE DOUBLE,"
                    + " THRESHOLD DOUBLE, REASONS VARCHAR(4000), MODEL_VERSION BIGINT, MODEL_KIND VARCHAR(16),"
                    + " SCORED_AT BIGINT, ACTION_TAKEN VARCHAR(32), ACTION_DRY_RUN BOOLEAN, FEEDBACK VARCHAR(16),"
                    + " FEEDBACK_BY VARCHAR(255), FEEDBACK_AT BIGINT, RISK_LEVEL VARCHAR(8), RISK_SCORE DOUBLE,"
                    + " RISK_REASONS VARCHAR(1000), COUNTRY VARCHAR(2), ASN BIGINT, AS_ORG VARCHAR(255),"
                    + " LATITUDE DOUBLE PRECISION, LONGITUDE DOUBLE PRECISION, GEO_ACCURACY_KM INT)");
            s.execute("CREATE INDEX IDX_VIGIL_LE_USER_TYPE_TIME ON " + TABLE + " (REALM_ID, USER_ID, EVENT_TYPE, EVENT_TIME)");
        }
        c.setAutoCommit(false);
        return c;
    }
}
