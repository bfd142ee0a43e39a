package dev.vigil.keycloak.riskengine.history;

import dev.vigil.keycloak.riskengine.geo.GeoLocation;

import dev.vigil.keycloak.riskengine.features.LoginFeatures;
import dev.vigil.keycloak.riskengine.model.ModelKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicInsert;
import org.hibernate.annotations.DynamicUpdate;

/**
 * JPA mapping of {@code VIGIL_LOGIN_EVENT}; schema owned by the Liquibase changelog in META-INF/vigil.
 * Dynamic insert/update: a row is written with the columns it has, so recording never depends on the
 * scoring columns and scoring never rewrites the recorded facts.
 */
@Entity
@Table(name = "VIGIL_LOGIN_EVENT")
@DynamicInsert
@DynamicUpdate
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
    @Column(name = "DEVICE_ID")
    private String deviceId;
    @Column(name = "NETWORK")
    private String network;
    @Column(name = "AUTH_METHOD")
    private String authMethod;
    @Column(name = "GRANT_TYPE")
    private String grantType;

    @Column(name = "KEYSTROKE")
    private String keystroke;

    @Column(name = "RISK_LEVEL")
    private String riskLevel;

    @Column(name = "RISK_SCORE")
    private Double riskScore;

    @Column(name = "RISK_REASONS")
    private String riskReasons;

    @Column(name = "COUNTRY")
    private String country;
    @Column(name = "ASN")
    private Long asn;
    @Column(name = "AS_ORG")
    private String asOrganization;
    @Column(name = "LATITUDE")
    private Double latitude;
    @Column(name = "LONGITUDE")
    private Double longitude;
    @Column(name = "GEO_ACCURACY_KM")
    private Integer geoAccuracyKm;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", nullable = false)
    private LoginStatus status;
    @Column(name = "FEATURES")
    private String features;
    @Column(name = "SCORE")
    private Double score;
    @Column(name = "THRESHOLD")
    private Double threshold;
    @Column(name = "REASONS")
    private String reasons;
    @Column(name = "MODEL_VERSION")
    private Long modelVersion;
    @Enumerated(EnumType.STRING)
    @Column(name = "MODEL_KIND")
    private ModelKind modelKind;
    @Column(name = "SCORED_AT")
    private Long scoredAt;
    @Column(name = "ACTION_TAKEN")
    private String actionTaken;
    @Column(name = "ACTION_DRY_RUN")
    private Boolean dryRun;
    @Enumerated(EnumType.STRING)
    @Column(name = "FEEDBACK")
    private Feedback feedback;
    @Column(name = "FEEDBACK_BY")
    private String feedbackBy;
    @Column(name = "FEEDBACK_AT")
    private Long feedbackAt;
    @Column(name = "SCORING_ATTEMPTS", nullable = false)
    private int scoringAttempts;

    protected LoginEventEntity() {
    }

    static LoginEventEntity from(LoginRecord r, LoginStatus status) {
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
        e.deviceId = r.deviceId();
        e.network = r.network();
        e.authMethod = r.authMethod();
        e.grantType = r.grantType();
        e.keystroke = r.keystroke();
        e.riskLevel = r.riskLevel();
        e.riskScore = r.riskScore();
        e.riskReasons = r.riskReasons();
        if (r.geo() != null) {
            e.country = r.geo().country();
            e.asn = r.geo().asn();
            e.asOrganization = r.geo().asOrganization();
            e.latitude = r.geo().latitude();
            e.longitude = r.geo().longitude();
            e.geoAccuracyKm = r.geo().accuracyKm();
        }
        e.status = status;
        return e;
    }

    LoginRecord toRecord() {
        return new LoginRecord(id, realmId, type, error, time, userId, username, clientId, sessionId, ipAddress,
                userAgent, deviceId, network, authMethod, grantType, keystroke, riskLevel, riskScore, riskReasons,
                geo());
    }

    private GeoLocation geo() {
        GeoLocation g = new GeoLocation(country, asn, asOrganization, latitude, longitude, geoAccuracyKm);
        return LoginRecord.isEmpty(g) ? null : g;
    }

    StoredLogin toStored() {
        return new StoredLogin(toRecord(), status, LoginFeatures.decode(features), score, threshold,
                ReasonsCodec.decode(reasons), modelVersion, modelKind, scoredAt, actionTaken, dryRun, feedback,
                feedbackBy, feedbackAt, scoringAttempts);
    }

    void feedback(Feedback value, String by, long at) {
        feedback = value;
        feedbackBy = by;
        feedbackAt = at;
    }

    String id() {
        return id;
    }

    String realmId() {
        return realmId;
    }

    LoginStatus status() {
        return status;
    }

}
