package dev.vigil.keycloak.riskengine.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** JPA mapping of {@code VIGIL_LOGIN_EVENT}; schema owned by the Liquibase changelog in META-INF/vigil. */
@Entity
@Table(name = "VIGIL_LOGIN_EVENT")
public class LoginEventEntity {

    @Id
    @Column(name = "ID", length = LoginRecord.ID_LENGTH)
    private String id;

    @Column(name = "REALM_ID", nullable = false)
    private String realmId;

    @Column(name = "EVENT_TYPE", nullable = false)
    private String type;

    @Column(name = "ERROR")
    private String error;

    @Column(name = "EVENT_TIME", nullable = false)
    private long time;

    @Column(name = "USER_ID")
    private String userId;

    @Column(name = "USERNAME")
    private String username;

    @Column(name = "CLIENT_ID")
    private String clientId;

    @Column(name = "SESSION_ID")
    private String sessionId;

    @Column(name = "IP_ADDRESS")
    private String ipAddress;

    @Column(name = "USER_AGENT")
    private String userAgent;

    @Column(name = "AUTH_METHOD")
    private String authMethod;

    @Column(name = "GRANT_TYPE")
    private String grantType;

    protected LoginEventEntity() {
    }

    static LoginEventEntity from(LoginRecord r) {
        LoginEventEntity e = new LoginEventEntity();
        e.id = r.id();
        e.realmId = r.realmId();
        e.type = r.type();
        e.error = r.error();
        e.time = r.time();
        e.userId = r.userId();
        e.username = r.username();
        e.clientId = r.clientId();
        e.sessionId = r.sessionId();
        e.ipAddress = r.ipAddress();
        e.userAgent = r.userAgent();
        e.authMethod = r.authMethod();
        e.grantType = r.grantType();
        return e;
    }

    LoginRecord toRecord() {
        return new LoginRecord(id, realmId, type, error, time, userId, username, clientId, sessionId, ipAddress,
                userAgent, authMethod, grantType);
    }
}
