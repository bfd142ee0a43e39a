package dev.vigil.keycloak.admin.loginevents;

import java.util.List;

import dev.vigil.keycloak.riskengine.history.StoredLogin;
import dev.vigil.keycloak.riskengine.model.Reason;

/**
 * JSON form of one recorded event; {@code time} is epoch milliseconds, as in Keycloak's own events API.
 * Scoring fields are present once the login is scored; {@code modelKind} says which model scored it.
 * {@code keystroke} is the typing-rhythm outcome when the login went through Vigil's typing-rhythm form.
 * {@code riskLevel}, {@code riskScore} and {@code riskReasons} are the in-flow assessment of the "Vigil - login risk"
 * condition ({@code signal=value(+points),...}), when the flow made one.
 * {@code country} (ISO 3166 alpha-2), {@code asn}, {@code asOrganization}, {@code latitude}, {@code longitude} and
 * {@code geoAccuracyKm}: where Vigil's GeoIP databases placed the IP when the login was recorded; null without a
 * database or an answer.
 * {@code status}: RECORDED (not scored), NEW (waiting), SCORED, FLAGGED, or FAILED (given up after
 * {@code scoringAttempts} re-queues by the recovery task).
 */
public record LoginEventRepresentation(
        String id,
        long time,
        String type,
        String error,
        String userId,
        String username,
        String clientId,
        String sessionId,
        String ipAddress,
        String userAgent,
        String deviceId,
        String network,
        String authMethod,
        String grantType,
        String keystroke,
        String status,
        Double score,
        Double threshold,
        List<Reason> reasons,
        Long modelVersion,
        String modelKind,
        String actionTaken,
        Boolean dryRun,
        String feedback,
        String feedbackBy,
        Long feedbackAt,
        int scoringAttempts,
        String riskLevel,
        Double riskScore,
        String riskReasons,
        String country,
        Long asn,
        String asOrganization,
        Double latitude,
        Double longitude,
        Integer geoAccuracyKm) {

    public static LoginEventRepresentation of(StoredLogin s) {
        var r = s.login();
        var geo = r.geo();
        return new LoginEventRepresentation(r.id(), r.time(), r.type(), r.error(), r.userId(), r.username(),
                r.clientId(), r.sessionId(), r.ipAddress(), r.userAgent(), r.deviceId(), r.network(), r.authMethod(),
                r.grantType(), r.keystroke(), s.status().name(), s.score(), s.threshold(), s.reasons().isEmpty() ? null : s.reasons(),
                s.modelVersion(), s.modelKind() == null ? null : s.modelKind().name(), s.actionTaken(), s.dryRun(),
                s.feedback() == null ? null : s.feedback().name(), s.feedbackBy(), s.feedbackAt(), s.scoringAttempts(),
                r.riskLevel(), r.riskScore(), r.riskReasons(),
                geo == null ? null : geo.country(), geo == null ? null : geo.asn(),
                geo == null ? null : geo.asOrganization(), geo == null ? null : geo.latitude(),
                geo == null ? null : geo.longitude(), geo == null ? null : geo.accuracyKm());
    }
}
