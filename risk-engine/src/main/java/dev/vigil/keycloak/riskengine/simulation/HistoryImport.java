package dev.vigil.keycloak.riskengine.simulation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.vigil.keycloak.riskengine.features.Networks;
import dev.vigil.keycloak.riskengine.features.UserAgents;
import dev.vigil.keycloak.riskengine.geo.GeoIpProvider;
import dev.vigil.keycloak.riskengine.geo.GeoLocation;
import dev.vigil.keycloak.riskengine.history.LoginRecord;
import dev.vigil.keycloak.riskengine.risk.LoginFacts;
import dev.vigil.keycloak.riskengine.risk.LoginRiskAssessor;
import dev.vigil.keycloak.riskengine.risk.RiskAssessment;
import dev.vigil.keycloak.riskengine.risk.RiskLevel;
import dev.vigil.keycloak.riskengine.risk.VigilEventErrors;
import dev.vigil.keycloak.riskengine.settings.VigilRealmSettings;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import jakarta.persistence.EntityManager;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Replays past logins of a simulation realm (realm attribute {@value #REALM_ATTRIBUTE} = true) through what a live
 * login goes through, in time order: the in-flow assessment as the flow would have made it then, the login row, and
 * the after-login scoring that updates the user's profile — so that a demo realm gets weeks of history in seconds.
 * A login the assessment puts at {@code HIGH} is replayed as the demo flow ends it: denied ({@code LOGIN_ERROR},
 * {@value VigilEventErrors#HIGH_RISK}), not scored and not learnt, as a live denial is.
 * Response actions and alerts are not run for replayed logins. Never for a production realm: whoever can import can
 * teach the model what is normal (the endpoint requires manage-realm and the attribute, which the README says to
 * leave unset).
 */
public final class HistoryImport {

    public static final String REALM_ATTRIBUTE = "vigil.simulation";
    public static final int MAX_LOGINS = 5000;
    /** the client id replayed logins are recorded with when they name none */
    static final String DEFAULT_CLIENT = "vigil-simulation";
    private static final long DAY = 86_400_000L;

    /**
     * One past login attempt.
     *
     * @param device       the device cookie the simulated browser sent ({@code d:sim-} is added), or null for a
     *                     browser without Vigil's cookie
     * @param issuedDevice the cookie Vigil gave a browser that sent none, after the login (what the row records), or null
     * @param typing       the typing-rhythm outcome ({@code MATCH}, …) or null
     */
    public record PastAttempt(long time, String username, boolean success, String ip, String userAgent, String device,
            String issuedDevice, String clientId, String typing) {
    }

    /** What an import did. */
    public record Result(int imported, int unknownUsers, int scored, long low, long medium, long high) {
    }

    private HistoryImport() {
    }

    public static boolean enabled(RealmModel realm) {
        return "true".equalsIgnoreCase(realm.getAttribute(REALM_ATTRIBUTE));
    }

    /** Checks the attempts; throws {@link IllegalArgumentException} saying what is wrong with the first bad one. */
    public static void validate(List<PastAttempt> attempts, long now, int historyDays) {
        if (attempts.size() > MAX_LOGINS) {
            throw new IllegalArgumentException("at most " + MAX_LOGINS + " logins per request, got " + attempts.size());
        }
        long oldest = now - historyDays * DAY;
        for (int i = 0; i < attempts.size(); i++) {
            PastAttempt a = attempts.get(i);
            String where = "logins[" + i + "]: ";
            if (a == null) {
                throw new IllegalArgumentException(where + "missing");
            }
            if (a.time() < oldest || a.time() > now) {
                throw new IllegalArgumentException(where + "time must be within the realm's history window ("
                        + Instant.ofEpochMilli(oldest) + " to now)");
            }
            if (a.username() == null || a.username().isBlank() || a.username().length() > 255) {
                throw new IllegalArgumentException(where + "username must be 1 to 255 characters");
            }
            if (a.username().chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException(where + "username must not contain control characters");
            }
            if (a.ip() == null || Networks.prefixOf(a.ip()) == null) {
                throw new IllegalArgumentException(where + "ip must be an IPv4 or IPv6 address");
            }
            for (String d : new String[] {a.device(), a.issuedDevice()}) {
                if (d != null && !d.matches("[A-Za-z0-9_-]{1,40}")) {
                    throw new IllegalArgumentException(where + "device ids must be 1 to 40 letters, digits, _ or -");
                }
            }
            if (a.typing() != null && !a.typing().matches("MATCH|MISMATCH|NO_SAMPLE|ENROLLING|REPLAY|UNVERIFIED")) {
                throw new IllegalArgumentException(where + "typing must be a typing-rhythm outcome (MATCH, …)");
            }
        }
    }

    /** Replays the attempts in time order in the session's transaction. */
    public static Result replay(KeycloakSession session, RealmModel realm, List<PastAttempt> attempts) {
        RiskEngine engine = session.getProvider(RiskEngine.class);
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        VigilRealmSettings settings = VigilRealmSettings.of(realm);
        List<PastAttempt> ordered = new ArrayList<>(attempts);
        ordered.sort(Comparator.comparingLong(PastAttempt::time));
        int unknown = 0;
        int scored = 0;
        long[] levels = new long[3];
        for (PastAttempt a : ordered) {
            UserModel user = session.users().getUserByUsername(realm, a.username().toLowerCase(Locale.ROOT));
            if (user == null) {
                unknown++;
            }
            String device = a.device() == null ? null : "d:sim-" + a.device();
            String recorded = device != null ? device
                    : a.issuedDevice() != null && a.success() ? "d:sim-" + a.issuedDevice()
                    : "ua:" + UserAgents.family(a.userAgent());
            String network = Networks.prefixOf(a.ip());
            String risk = null;
            Double riskScore = null;
            String reasons = null;
            // located like a live login's row (country, network, coordinates), failed attempts included
            GeoIpProvider geoIp = session.getProvider(GeoIpProvider.class);
            GeoLocation g = geoIp == null ? null : geoIp.locate(a.ip()).orElse(null);
            if (user != null && a.success()) {
                int hour = Instant.ofEpochMilli(a.time()).atZone(settings.timeZone()).getHour();
                LoginFacts facts = LoginFacts.of(a.time(), hour, a.ip(), network, g, device, false, a.userAgent(),
                        a.typing(), 0, 0, 0, 0, null);
                RiskAssessment assessed = LoginRiskAssessor.assessRecorded(session, realm, user.getId(), facts);
                risk = assessed.level().name();
                riskScore = assessed.score();
                reasons = assessed.reasonsText();
                levels[assessed.level().ordinal()]++;
            }
            String id = UUID.randomUUID().toString();
            boolean denied = RiskLevel.HIGH.name().equals(risk);
            boolean login = a.success() && !denied;
            String error = login ? null : denied ? VigilEventErrors.HIGH_RISK
                    : user == null ? "user_not_found" : "invalid_user_credentials";
            LoginRecord record = new LoginRecord(id, realm.getId(), login ? "LOGIN" : "LOGIN_ERROR", error, a.time(),
                    user == null ? null : user.getId(), a.username().toLowerCase(Locale.ROOT),
                    a.clientId() == null ? DEFAULT_CLIENT : a.clientId(), null, a.ip(), a.userAgent(),
                    recorded, network, "openid-connect", null, a.typing(), risk, riskScore,
                    reasons).withGeo(g);
            boolean toScore = login && user != null;
            engine.loginEvents().add(record, toScore);
            em.flush();
            if (toScore) {
                scored += engine.score(realm, settings, List.of(id), row -> {
                }).size();
            }
        }
        if (!ordered.isEmpty()) { // the dashboard's roll-up counts these hours again
            engine.loginEvents().rowsAddedSince(realm.getId(), ordered.get(0).time());
        }
        return new Result(ordered.size(), unknown, scored, levels[0], levels[1], levels[2]);
    }

    /** Now, as the server sees it (tests move it). */
    public static long now() {
        return Time.currentTimeMillis();
    }
}
