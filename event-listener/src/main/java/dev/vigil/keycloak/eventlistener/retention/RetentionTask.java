package dev.vigil.keycloak.eventlistener.retention;

import dev.vigil.keycloak.eventlistener.support.VigilScheduledTask;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.vigil.keycloak.eventlistener.support.OptedInRealms;
import dev.vigil.keycloak.riskengine.device.TrustedDevices;
import dev.vigil.keycloak.riskengine.settings.VigilRealmSettings;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Enforces each opted-in realm's retention ({@code retentionDays}, {@code unknownUsernameDays}): deletes login
 * rows older than the retention, profiles not updated for as long, models trained before it (never the newest),
 * and erases the usernames of failed attempts that match no user once they are {@code unknownUsernameDays} old.
 * Runs on one node of a cluster per interval, in batches of {@link #BATCH} rows per transaction and at most
 * {@link #MAX_BATCHES} batches per realm and kind per run, so a large backlog is worked off over several runs
 * without long transactions or locks.
 *
 * <p>It also sweeps orphans: the rows and profiles of user ids that no longer exist. Keycloak removes some users
 * without its per-user removal event (which {@code VigilDataCleanup} handles): removing a user-federation
 * provider deletes its imported users in bulk ({@code JpaUserProvider.preRemove} → {@code removeImportedUsers}).
 * Each run checks {@link #ORPHAN_CHECKS} user ids per realm, continuing where the previous run stopped.
 */
public class RetentionTask extends VigilScheduledTask {

    static final int BATCH = 1_000;
    static final int MAX_BATCHES = 50;
    static final int ORPHAN_CHECKS = 2_000;
    private static final long DAY = 86_400_000L;
    private static final Logger LOG = Logger.getLogger(RetentionTask.class);

    /** where each realm's orphan sweep goes on: after these user ids of the rows and of the profiles (this node) */
    private final Map<String, String[]> orphanCursors = new ConcurrentHashMap<>();

    @Override
    protected void runTask(KeycloakSession session) {
        OptedInRealms.ids(session).forEach(realmId -> purge(session.getKeycloakSessionFactory(), realmId));
    }

    private void purge(KeycloakSessionFactory factory, String realmId) {
        try {
            long rows = repeat(factory, realmId, (s, realm, settings, now) -> s.getProvider(RiskEngine.class)
                    .loginEvents().deleteBefore(realmId, now - settings.retentionDays() * DAY, BATCH));
            long names = repeat(factory, realmId, (s, realm, settings, now) -> s.getProvider(RiskEngine.class)
                    .loginEvents().forgetUnknownUsernames(realmId, now - settings.unknownUsernameDays() * DAY, BATCH));
            long profiles = repeat(factory, realmId, (s, realm, settings, now) -> s.getProvider(RiskEngine.class)
                    .profiles().deleteNotUpdatedSince(realmId, now - settings.retentionDays() * DAY, BATCH));
            long models = once(factory, realmId, (s, realm, settings, now) -> s.getProvider(RiskEngine.class)
                    .models().deleteTrainedBefore(realmId, now - settings.retentionDays() * DAY));
            long trusts = once(factory, realmId, (s, realm, settings, now) ->
                    TrustedDevices.deleteExpired(s, realmId, now));
            long orphans = once(factory, realmId, (s, realm, settings, now) -> sweepOrphans(s, realm));
            if (rows + names + profiles + models + trusts + orphans > 0) {
                LOG.infof("Vigil retention in realm %s: %d login rows, %d profiles, %d models and %d expired device"
                        + " trusts deleted, %d unknown usernames erased, %d rows of removed users deleted", realmId, rows,
                        profiles, models, trusts, names, orphans);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Vigil retention failed for realm %s; it is tried again at the next run", realmId);
        }
    }

    /** Deletes the rows and profile of each of the next {@link #ORPHAN_CHECKS} user ids that no longer exists. */
    private int sweepOrphans(KeycloakSession session, RealmModel realm) {
        String[] after = orphanCursors.computeIfAbsent(realm.getId(), k -> new String[2]);
        RiskEngine engine = session.getProvider(RiskEngine.class);
        int half = ORPHAN_CHECKS / 2;
        List<String> rowUsers = engine.loginEvents().userIds(realm.getId(), after[0], half);
        List<String> profileUsers = engine.profiles().userIds(realm.getId(), after[1], half);
        after[0] = rowUsers.size() < half ? null : rowUsers.get(rowUsers.size() - 1);
        after[1] = profileUsers.size() < half ? null : profileUsers.get(profileUsers.size() - 1);
        Set<String> ids = new LinkedHashSet<>(rowUsers);
        ids.addAll(profileUsers);
        int removed = 0;
        for (String userId : ids) {
            if (session.users().getUserById(realm, userId) == null) {
                removed += engine.loginEvents().deleteByUser(realm.getId(), userId, null)
                        + engine.profiles().deleteByUser(realm.getId(), userId)
                        + TrustedDevices.revokeAll(session, realm.getId(), userId);
            }
        }
        return removed;
    }

    @FunctionalInterface
    interface Step {
        int apply(KeycloakSession session, RealmModel realm, VigilRealmSettings settings, long now);
    }

    /** Runs {@code step} in its own transaction until it does less than a batch, at most {@link #MAX_BATCHES} times. */
    private static long repeat(KeycloakSessionFactory factory, String realmId, Step step) {
        long total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int done = once(factory, realmId, step);
            total += done;
            if (done < BATCH) {
                break;
            }
        }
        return total;
    }

    private static int once(KeycloakSessionFactory factory, String realmId, Step step) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> {
            RealmModel realm = s.realms().getRealm(realmId);
            if (realm == null) {
                return 0;
            }
            s.getContext().setRealm(realm);
            return step.apply(s, realm, VigilRealmSettings.of(realm), Time.currentTimeMillis());
        });
    }

    @Override
    public String getTaskName() {
        return "vigil-retention";
    }
}
