package dev.vigil.keycloak.riskengine.scoring;

import dev.vigil.keycloak.riskengine.metrics.VigilMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.vigil.keycloak.riskengine.features.LoginFeatures;
import dev.vigil.keycloak.riskengine.features.PastLogin;
import dev.vigil.keycloak.riskengine.features.UserHistory;
import dev.vigil.keycloak.riskengine.features.UserProfile;
import dev.vigil.keycloak.riskengine.features.ValueHasher;
import dev.vigil.keycloak.riskengine.history.Assessment;
import dev.vigil.keycloak.riskengine.history.LoginEventStore;
import dev.vigil.keycloak.riskengine.history.LoginRecord;
import dev.vigil.keycloak.riskengine.history.LoginStatus;
import dev.vigil.keycloak.riskengine.history.ModelStore;
import dev.vigil.keycloak.riskengine.history.RealmSecrets;
import dev.vigil.keycloak.riskengine.history.StoredLogin;
import dev.vigil.keycloak.riskengine.history.UserProfileStore;
import dev.vigil.keycloak.riskengine.model.AnomalyModel;
import dev.vigil.keycloak.riskengine.risk.RecordedLogins;
import dev.vigil.keycloak.riskengine.geo.GeoIpProvider;
import dev.vigil.keycloak.riskengine.geo.GeoLocation;
import dev.vigil.keycloak.riskengine.model.Reason;
import dev.vigil.keycloak.riskengine.settings.FlagAction;
import dev.vigil.keycloak.riskengine.settings.VigilRealmSettings;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Scores one recorded login: features from the user's profile of earlier logins, the realm's model, calibrated
 * flag, reasons; then folds the login into the profile.
 */
public class LoginScorer {

    /** previous logins read to build a user's profile when there is none */
    public static final int HISTORY_LIMIT = 200;
    private static final long DAY = 86_400_000L;

    private final KeycloakSession session;
    private final LoginEventStore logins;
    private final ModelStore models;
    private final UserProfileStore profiles;
    private final ModelRegistry registry;

    public LoginScorer(KeycloakSession session, LoginEventStore logins, ModelStore models, UserProfileStore profiles,
            ModelRegistry registry) {
        this.session = session;
        this.logins = logins;
        this.models = models;
        this.profiles = profiles;
        this.registry = registry;
    }

    /** @return the scored row, or empty when there is no such row or it is not waiting for scoring */
    public Optional<StoredLogin> score(RealmModel realm, VigilRealmSettings settings, String loginId) {
        List<StoredLogin> scored = scoreAll(realm, settings, List.of(loginId), row -> {
        });
        return scored.isEmpty() ? Optional.empty() : Optional.of(scored.get(0));
    }

    /**
     * Scores the logins among {@code loginIds} that wait for scoring, in that order, and hands each scored row
     * to {@code then} before the next is scored (so that what it does, e.g. revoking sessions, is seen by the
     * next). The rows with their failure counts, and the users' session counts, are read in one query each for
     * all of them; each login then costs a read of its user's profile (once per user and batch), the update of
     * its row and the profile's.
     *
     * @return the scored rows
     */
    public List<StoredLogin> scoreAll(RealmModel realm, VigilRealmSettings settings, List<String> loginIds,
            Consumer<StoredLogin> then) {
        Map<String, LoginEventStore.ScoringInput> waiting = new HashMap<>();
        for (LoginEventStore.ScoringInput input : logins.waitingForScoring(realm.getId(), new LinkedHashSet<>(loginIds))) {
            waiting.put(input.login().id(), input);
        }
        if (waiting.isEmpty()) {
            return List.of();
        }
        Set<String> users = new HashSet<>();
        waiting.values().forEach(input -> {
            if (input.login().userId() != null) {
                users.add(input.login().userId());
            }
        });
        Map<String, Integer> sessions = ActiveSessions.ofUsers(session, realm, users);
        Set<String> recount = new HashSet<>();
        Map<String, TrackedProfile> batchProfiles = new HashMap<>();
        AnomalyModel model = registry.current(realm.getId(), models, settings.contamination());
        VigilMetrics.modelInUse(realm.getName(),
                model.info().kind() == dev.vigil.keycloak.riskengine.model.ModelKind.BOOTSTRAP ? 0 : model.info().version(),
                model.info().trainedAt());
        List<StoredLogin> scored = new ArrayList<>(waiting.size());
        for (String loginId : loginIds) {
            LoginEventStore.ScoringInput input = waiting.remove(loginId);
            if (input == null) {
                continue;
            }
            LoginRecord login = input.login();
            int active = otherActiveSessions(realm, login, sessions, recount);
            StoredLogin row = score(realm, settings, model, input, active, batchProfiles).orElse(null);
            if (row != null) {
                scored.add(row);
                then.accept(row);
                if (row.status() == LoginStatus.FLAGGED && login.userId() != null) {
                    recount.add(login.userId()); // a response action may have ended the user's sessions
                }
            }
        }
        return scored;
    }

    private Optional<StoredLogin> score(RealmModel realm, VigilRealmSettings settings, AnomalyModel model,
            LoginEventStore.ScoringInput input, int activeSessions, Map<String, TrackedProfile> batchProfiles) {
        LoginRecord login = input.login();
        long since = login.time() - settings.historyDays() * DAY;
        TrackedProfile tracked = login.userId() == null ? null : profile(realm, login, since, batchProfiles);
        UserProfile profile = tracked == null ? UserProfile.empty() : tracked.profile;
        UserHistory history = new UserHistory(profile, since, input.userFailures1h(), input.ipFailures1h());
        double[] x = LoginFeatures.of(login, history, activeSessions, settings.timeZone());

        double score = model.score(x);
        double threshold = settings.flagThreshold() != null ? settings.flagThreshold() : model.info().threshold();
        boolean flagged = score >= threshold;
        List<Reason> reasons = model.explain(x, profile.typical());
        String settled = flagged ? settledAction(settings, model, profile, login, reasons,
                () -> model.score(ActionGate.withoutFailureCounts(x)) >= threshold) : null;
        long now = Time.currentTimeMillis();
        Optional<StoredLogin> row = logins.assess(login, new Assessment(x, score, threshold, flagged, reasons,
                model.info(), now, settled, settings.dryRun()));
        if (row.isPresent() && tracked != null) {
            profile.add(login.time(), login.ipAddress(), login.network(), login.deviceId(), login.clientId(), x, since);
            RecordedLogins.observe(profile, login, settings.timeZone(),
                    login.geo() != null ? login.geo() : locate(login.ipAddress()));
            tracked.version = profiles.save(realm.getId(), login.userId(), profile, tracked.version, now);
        }
        return row;
    }

    /**
     * The action of a flagged login when it is settled at scoring time, or null when the realm's policy is to be
     * applied: {@code NONE} when the policy has no effect (or the login has no user), {@code WITHHELD_…} when
     * the flag is not evidence enough to act on the user ({@link ActionGate}).
     */
    private static String settledAction(VigilRealmSettings settings, AnomalyModel model, UserProfile profile,
            LoginRecord login, List<Reason> reasons, BooleanSupplier flaggedWithoutFailureCounts) {
        if (!ActionGate.acts(settings.action()) || login.userId() == null) {
            return FlagAction.NONE.name(); // no action to gate: the second score is not needed
        }
        return ActionGate.check(model.info().kind(), profile.scoredLogins(), reasons,
                flaggedWithoutFailureCounts.getAsBoolean())
                .map(ActionGate.Withheld::actionTaken).orElse(null);
    }

    /**
     * The user's profile as this batch left it, else as stored, else (no row yet, or one that cannot be read)
     * built from the user's login rows: up to {@link #HISTORY_LIMIT} of them within the history window.
     */
    private TrackedProfile profile(RealmModel realm, LoginRecord login, long since,
            Map<String, TrackedProfile> batchProfiles) {
        TrackedProfile tracked = batchProfiles.get(login.userId());
        if (tracked == null) {
            ValueHasher hasher = RealmSecrets.hasher(session, realm.getId(), ValueHasher.PROFILE);
            UserProfileStore.Stored stored = profiles.find(realm.getId(), login.userId(), hasher);
            if (stored != null && stored.profile() != null) {
                tracked = new TrackedProfile(stored.profile(), stored.version());
            } else {
                List<PastLogin> successes = logins.successes(realm.getId(), login.userId(), login.time(), since,
                        HISTORY_LIMIT);
                tracked = new TrackedProfile(UserProfile.fromHistory(hasher, successes, since),
                        stored == null ? 0 : stored.version());
            }
            batchProfiles.put(login.userId(), tracked);
        }
        return tracked;
    }

    /**
     * Where the IP is, from the node's GeoIP databases, for a row recorded without a location (before GeoIP was
     * configured); null when none is configured, the address is unknown, or the lookup failed.
     */
    private GeoLocation locate(String ip) {
        try {
            GeoIpProvider geo = session.getProvider(GeoIpProvider.class);
            return geo == null ? null : geo.locate(ip).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A profile being worked on in a batch, with the version stored last. */
    private static final class TrackedProfile {
        final UserProfile profile;
        long version;

        TrackedProfile(UserProfile profile, long version) {
            this.profile = profile;
            this.version = version;
        }
    }

    private int otherActiveSessions(RealmModel realm, LoginRecord login, Map<String, Integer> sessions,
            Set<String> recount) {
        if (login.userId() == null) {
            return 0;
        }
        UserModel user = session.users().getUserById(realm, login.userId());
        if (user == null) {
            return 0;
        }
        int count = recount.remove(login.userId()) ? ActiveSessions.of(session, realm, user)
                : sessions.getOrDefault(login.userId(), 0);
        sessions.put(login.userId(), count);
        return Math.max(0, count - 1);
    }
}
