package dev.vigil.keycloak.riskengine.spray;

import java.util.concurrent.atomic.AtomicLong;

import dev.vigil.keycloak.riskengine.device.DeviceCookie;
import dev.vigil.keycloak.riskengine.features.Networks;
import dev.vigil.keycloak.riskengine.features.UserProfile;
import dev.vigil.keycloak.riskengine.features.ValueHasher;
import dev.vigil.keycloak.riskengine.history.GuardedReads;
import dev.vigil.keycloak.riskengine.history.RealmSecrets;
import dev.vigil.keycloak.riskengine.history.UserProfileStore;
import dev.vigil.keycloak.riskengine.settings.VigilRealmSettings;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The password-spray guard's decision: are sign-ins from this client's network refused right now? A network
 * (IPv4 /24, IPv6 /48) is refused while its sign-ins failed against at least {@code sprayAccounts} different
 * usernames within the last {@code sprayWindowMinutes} (Vigil's recorded {@code LOGIN_ERROR} rows, so every node
 * of a cluster counts the same attempts). Asked before any password is checked, so a refusal says nothing about
 * the password. Keycloak's brute-force detection stays in charge of attempts against one account.
 * <p>One exemption, so that a sprayer sharing a network with real users (an office, a carrier's NAT) cannot lock
 * them out: a browser whose signed device cookie is one the attempted user has already signed in with (it is in
 * the user's profile). A cookie of the sprayer's own account does not help them: it is not in their victims'
 * profiles. Vigil's own failure (database hiccup) never refuses anyone: the attempt goes on, logged.
 */
public final class SprayCheck {

    private static final Logger LOG = Logger.getLogger(SprayCheck.class);
    private static final long MINUTE = 60_000L;
    private static final long DAY = 86_400_000L;
    private static final AtomicLong LAST_FAILURE_LOG = new AtomicLong();

    private SprayCheck() {
    }

    /**
     * @param network        the client's network, or null
     * @param failedAccounts different usernames failed from it within the window
     * @param limit          the realm's {@code sprayAccounts} (0: the guard is off)
     * @param exempted       refused but for a device the attempted user signed in with before
     */
    public record Verdict(boolean refused, String network, long failedAccounts, int limit, boolean exempted) {
        static Verdict allowed(String network, long failedAccounts, int limit) {
            return new Verdict(false, network, failedAccounts, limit, false);
        }
    }

    /**
     * @param ip       the client address Keycloak sees (behind a proxy: only as good as its proxy-header setting)
     * @param username the username or e-mail being tried, if the request carries one
     */
    public static Verdict check(KeycloakSession session, RealmModel realm, String ip, String username) {
        VigilRealmSettings settings = VigilRealmSettings.of(realm);
        String network = Networks.prefixOf(ip);
        if (settings.sprayAccounts() <= 0 || network == null) {
            return Verdict.allowed(network, 0, settings.sprayAccounts());
        }
        long since = Time.currentTimeMillis() - settings.sprayWindowMinutes() * MINUTE;
        long failed;
        try {
            failed = failedAccounts(session, realm.getId(), network, since);
        } catch (RuntimeException e) {
            logFailure(realm, e);
            return Verdict.allowed(network, 0, settings.sprayAccounts());
        }
        if (failed < settings.sprayAccounts()) {
            return Verdict.allowed(network, failed, settings.sprayAccounts());
        }
        boolean exempted = knownDeviceOfUser(session, realm, username, settings);
        return new Verdict(!exempted, network, failed, settings.sprayAccounts(), exempted);
    }

    /**
     * The network's failed accounts: read in the login's transaction, guarded ({@link GuardedReads}), when there is
     * one; else in a transaction of its own.
     */
    private static long failedAccounts(KeycloakSession session, String realmId, String network, long since) {
        KeycloakTransactionManager tx = session.getTransactionManager();
        if (tx != null && tx.isActive() && !tx.getRollbackOnly()) {
            return GuardedReads.run(session.getProvider(JpaConnectionProvider.class).getEntityManager(),
                    () -> session.getProvider(RiskEngine.class).loginEvents().failedAccountsFromNetwork(realmId,
                            network, since));
        }
        return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(),
                s -> s.getProvider(RiskEngine.class).loginEvents().failedAccountsFromNetwork(realmId, network, since));
    }

    private static boolean knownDeviceOfUser(KeycloakSession session, RealmModel realm, String username,
            VigilRealmSettings settings) {
        if (username == null || username.isBlank() || username.length() > 255) {
            return false;
        }
        try {
            var device = DeviceCookie.read(session, realm);
            if (device.isEmpty()) {
                return false;
            }
            UserModel user = KeycloakModelUtils.findUserByNameOrEmail(session, realm, username.trim());
            if (user == null) {
                return false;
            }
            String userId = user.getId();
            String deviceId = "d:" + device.get().id();
            long since = Time.currentTimeMillis() - settings.historyDays() * DAY;
            return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), s -> {
                ValueHasher hasher = RealmSecrets.hasher(s, realm.getId(), ValueHasher.PROFILE);
                UserProfileStore.Stored stored = s.getProvider(RiskEngine.class).profiles().find(realm.getId(), userId,
                        hasher);
                UserProfile profile = stored == null ? null : stored.profile();
                return profile != null && profile.knowsDevice(deviceId, since);
            });
        } catch (RuntimeException e) {
            logFailure(realm, e);
            return false;
        }
    }

    private static void logFailure(RealmModel realm, RuntimeException e) {
        long now = System.currentTimeMillis();
        long last = LAST_FAILURE_LOG.get();
        if (now - last > MINUTE && LAST_FAILURE_LOG.compareAndSet(last, now)) {
            LOG.errorf(e, "Vigil's password-spray check failed in realm %s; sign-ins go on unchecked (logged at most"
                    + " once a minute)", realm.getName());
        } else {
            LOG.debugf(e, "Vigil's password-spray check failed in realm %s", realm.getName());
        }
    }
}
