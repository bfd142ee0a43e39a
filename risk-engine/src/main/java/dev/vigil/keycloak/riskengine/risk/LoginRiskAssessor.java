package dev.vigil.keycloak.riskengine.risk;

import dev.vigil.keycloak.riskengine.metrics.VigilMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.vigil.keycloak.riskengine.device.DeviceCookie;
import dev.vigil.keycloak.riskengine.device.TrustedDevices;
import dev.vigil.keycloak.riskengine.features.LoginFeatures;
import dev.vigil.keycloak.riskengine.features.Networks;
import dev.vigil.keycloak.riskengine.features.PastLogin;
import dev.vigil.keycloak.riskengine.features.UserAgents;
import dev.vigil.keycloak.riskengine.features.UserHistory;
import dev.vigil.keycloak.riskengine.features.UserProfile;
import dev.vigil.keycloak.riskengine.features.ValueHasher;
import dev.vigil.keycloak.riskengine.geo.GeoIpProvider;
import dev.vigil.keycloak.riskengine.geo.GeoLocation;
import dev.vigil.keycloak.riskengine.history.GuardedReads;
import dev.vigil.keycloak.riskengine.history.LoginEventStore;
import dev.vigil.keycloak.riskengine.history.LoginRecord;
import dev.vigil.keycloak.riskengine.history.RealmSecrets;
import dev.vigil.keycloak.riskengine.history.UserProfileStore;
import dev.vigil.keycloak.riskengine.model.AnomalyModel;
import dev.vigil.keycloak.riskengine.model.ModelKind;
import dev.vigil.keycloak.riskengine.settings.VigilRealmSettings;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Gathers what the assessment reads for a login in progress and runs {@link RiskScorer}: what the request shows
 * (IP as Keycloak sees it, user agent, Vigil's device cookie) in the request's session, and what Vigil knows (the
 * user's profile by key, failure counts, where the user's active sessions were opened, trust) as guarded reads in
 * the login's transaction, or in a transaction of its own when a read needs JPA, so that a database error there
 * cannot spoil the login's transaction; the realm's model and population as this node holds them (loaded off the
 * request path). Writes nothing.
 */
public final class LoginRiskAssessor {

    private static final long DAY = 86_400_000L;
    private static final long MINUTE = 60_000L;
    /** sessions of the user looked at for "sessions elsewhere" */
    private static final int SESSIONS_LOOKED_AT = 20;
    /** earlier logins a profile is rebuilt from when none is stored */
    private static final int HISTORY_LIMIT = 200;

    private LoginRiskAssessor() {
    }

    /** What the request shows, read in the request's own session; {@code geo} may be null. */
    record Request(long time, String ip, String userAgent, String deviceId, GeoLocation geo) {
    }

    /**
     * @param typing  the typing-rhythm outcome of this login, or null when no typing-rhythm form ran
     * @param counted whether this is the login's assessment (timed and counted in the metrics), or a question asked
     *                on the way (the level without the typing, {@code RiskEngine.levelWithoutTyping})
     * @throws RuntimeException when something could not be read: the caller applies the fallback level
     */
    public static RiskAssessment assess(KeycloakSession session, RealmModel realm, UserModel user, String typing,
            boolean counted) {
        long start = System.nanoTime();
        long cpuStart = counted ? threadCpuNanos() : -1;
        Request request = request(session, realm, user);
        String userId = user.getId();
        RiskAssessment a = inRequestTransaction(session, realm, userId, request, typing);
        if (a == null) {
            String realmId = realm.getId();
            a = KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), s -> {
                RealmModel r = s.realms().getRealm(realmId);
                s.getContext().setRealm(r); // a user's credentials are read through the session's realm
                return assess(session, s, r, userId, request, typing, false);
            });
        }
        if (counted) {
            long took = System.nanoTime() - start;
            long cpuEnd = cpuStart < 0 ? -1 : threadCpuNanos();
            AssessmentTimings.record(took, cpuEnd < 0 ? -1 : cpuEnd - cpuStart, Time.currentTimeMillis());
            VigilMetrics.assessed(realm.getName(), a.level().name(), took);
        }
        return a;
    }

    /** CPU time of the current thread (ns), or -1 where the JVM cannot tell. */
    private static long threadCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    }

    /**
     * The assessment with its reads in the request's transaction, guarded ({@link GuardedReads}); null when that
     * cannot be (no active transaction, or a read that needs JPA: the realm's secret not read on this node yet, a
     * user without a stored profile, sessions not readable with plain statements), and the caller makes it in a
     * transaction of its own.
     */
    private static RiskAssessment inRequestTransaction(KeycloakSession session, RealmModel realm, String userId,
            Request request, String typing) {
        KeycloakTransactionManager tx = session.getTransactionManager();
        if (tx == null || !tx.isActive() || tx.getRollbackOnly() || !RealmSecrets.isCached(realm.getId())) {
            return null;
        }
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        if (!ActiveSessionPlaces.readsPlainly(em)) {
            return null;
        }
        try {
            return GuardedReads.run(em, () -> assess(session, session, realm, userId, request, typing, true));
        } catch (NeedsOwnTransaction e) {
            return null;
        }
    }

    /** Thrown among the guarded reads when one needs JPA: the assessment is then made in a transaction of its own. */
    private static final class NeedsOwnTransaction extends RuntimeException {
        NeedsOwnTransaction() {
            super("a read needs JPA", null, false, false);
        }
    }

    private static Request request(KeycloakSession session, RealmModel realm, UserModel user) {
        String ip = session.getContext().getConnection() == null ? null : session.getContext().getConnection().getRemoteAddr();
        HttpRequest http = session.getContext().getHttpRequest();
        HttpHeaders headers = http == null ? null : http.getHttpHeaders();
        String ua = headers == null ? null : headers.getHeaderString(HttpHeaders.USER_AGENT);
        Optional<String> cookie = DeviceCookie.read(session, realm).map(DeviceCookie.Known::id);
        String device;
        if (cookie.isPresent()) {
            device = "d:" + cookie.get();
        } else if (http != null && http.getUri() != null && http.getUri().getPath().endsWith("/token")) {
            // a password grant never carries cookies: its device is its user-agent family, as the recorder keeps it
            device = "ua:" + UserAgents.family(ua);
        } else {
            device = null; // a browser without Vigil's cookie: never seen, whatever the user's history
        }
        GeoIpProvider geoIp = session.getProvider(GeoIpProvider.class);
        GeoLocation geo = geoIp == null ? null : geoIp.locate(ip).orElse(null);
        return new Request(Time.currentTimeMillis(), ip, ua == null || ua.isBlank() ? null : ua, device, geo);
    }

    /** @param plainOnly whether only plain statements may run (among guarded reads): else NeedsOwnTransaction */
    private static RiskAssessment assess(KeycloakSession requestSession, KeycloakSession s, RealmModel realm,
            String userId, Request req, String typing, boolean plainOnly) {
        RiskEngine engine = s.getProvider(RiskEngine.class);
        VigilRealmSettings vs = VigilRealmSettings.of(realm);
        RiskSettings settings = RiskSettings.of(realm);
        long since = req.time() - vs.historyDays() * DAY;
        UserProfile profile = profile(s, engine, realm, userId, req.time(), since, plainOnly);

        long window = req.time() - settings.failureWindowMinutes() * MINUTE;
        LoginEventStore.Failures failures = engine.loginEvents().failuresSince(realm.getId(), userId, req.ip(), window);
        int userFailures = (int) Math.min(1000, failures.user());
        int ipFailures = (int) Math.min(1000, failures.ip());

        String network = Networks.prefixOf(req.ip());
        List<ActiveSessionPlaces.Place> sessions = ActiveSessionPlaces.of(requestSession, s, realm, userId, req.time(),
                s.getProvider(GeoIpProvider.class), SESSIONS_LOOKED_AT);
        int otherNetworks = (int) sessions.stream().map(ActiveSessionPlaces.Place::network)
                .filter(n -> n != null && !n.equals(network)).distinct().count();
        String country = req.geo() == null ? null : req.geo().country();
        int otherCountries = country == null ? 0 : (int) sessions.stream().map(ActiveSessionPlaces.Place::country)
                .filter(c -> c != null && !c.equals(country)).distinct().count();
        int hour = Instant.ofEpochMilli(req.time()).atZone(vs.timeZone()).getHour();

        Boolean flagged = null;
        // only the realm's own model, as this node holds it (never loaded on the request path): the bootstrap model
        // knows nothing of the realm, and what it flags (mostly a new device or network) the signals above count
        AnomalyModel model = engine.realmModelOnHand(realm);
        if (model != null && model.info().kind() == ModelKind.REALM) {
            LoginRecord login = new LoginRecord("in-flow", realm.getId(), "LOGIN", null, req.time(), userId, null,
                    null, null, req.ip(), req.userAgent(), req.deviceId() == null ? "d:none" : req.deviceId(), network,
                    null, null, typing);
            double[] x = LoginFeatures.of(login, new UserHistory(profile, since, userFailures, ipFailures),
                    sessions.size(), vs.timeZone());
            flagged = model.isFlagged(model.score(x), vs.flagThreshold());
        }
        LoginFacts facts = LoginFacts.of(req.time(), hour, req.ip(), network, req.geo(), req.deviceId(),
                trusted(s, realm, userId, req, settings), req.userAgent(), typing, userFailures, ipFailures,
                otherCountries, otherNetworks, flagged);
        return RiskScorer.assess(settings, profile, since, facts, RealmPopulation.of(s, realm));
    }

    /** Whether the request's verified device cookie is one the user trusts (and trust is switched on). */
    private static boolean trusted(KeycloakSession s, RealmModel realm, String userId, Request req,
            RiskSettings settings) {
        if (settings.trustedDeviceDays() == 0 || req.deviceId() == null || !req.deviceId().startsWith("d:")) {
            return false;
        }
        UserModel user = s.users().getUserById(realm, userId);
        return user != null && TrustedDevices.isTrusted(s, realm, user, req.deviceId().substring(2), req.time());
    }

    /**
     * The assessment of a login that already happened, as the flow would have made it then: the user's profile and
     * the realm's population as they are now (the caller replays logins in time order), the facts as given.
     * Used by the history import of simulation realms; reads only.
     */
    public static RiskAssessment assessRecorded(KeycloakSession s, RealmModel realm, String userId, LoginFacts facts) {
        RiskEngine engine = s.getProvider(RiskEngine.class);
        VigilRealmSettings vs = VigilRealmSettings.of(realm);
        long since = facts.time() - vs.historyDays() * DAY;
        UserProfile profile = profile(s, engine, realm, userId, facts.time(), since, false);
        return RiskScorer.assess(RiskSettings.of(realm), profile, since, facts, RealmPopulation.of(s, realm));
    }

    /** The user's stored profile, else one built from their login rows (no row yet, or one that cannot be read). */
    private static UserProfile profile(KeycloakSession s, RiskEngine engine, RealmModel realm, String userId, long now,
            long since, boolean plainOnly) {
        ValueHasher hasher = RealmSecrets.hasher(s, realm.getId(), ValueHasher.PROFILE);
        UserProfileStore.Stored stored = engine.profiles().find(realm.getId(), userId, hasher);
        if (stored != null && stored.profile() != null) {
            return stored.profile();
        }
        if (plainOnly) {
            throw new NeedsOwnTransaction(); // the history is read with JPA
        }
        List<PastLogin> successes = engine.loginEvents().successes(realm.getId(), userId, now, since, HISTORY_LIMIT);
        return UserProfile.fromHistory(hasher, successes, since);
    }
}
