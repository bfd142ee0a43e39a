package dev.vigil.keycloak.eventlistener.scoring;

import dev.vigil.keycloak.eventlistener.support.VigilScheduledTask;
import dev.vigil.keycloak.riskengine.metrics.VigilMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.keycloak.riskengine.history.LoginEventStore;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;

/**
 * Finds successful logins left unscored (crash, restart, full queue, a failure while scoring) and queues
 * them again. Runs at start-up and then periodically, on one node of a cluster at a time.
 * <ul>
 *   <li><b>Fair between realms.</b> At most {@value #BATCH} rows per run, shared out between the realms that
 *       have unscored logins ({@link #shares}): a realm with a large backlog cannot keep another realm's logins
 *       from being scored.</li>
 *   <li><b>Bounded retries.</b> Each re-queue counts one scoring attempt on the row; a row found unscored again
 *       after {@link LoginEventStore#MAX_SCORING_ATTEMPTS} attempts is given up: its status becomes
 *       {@code FAILED}, which admins see in {@code GET …/vigil/login-events}, and it is never queued again.</li>
 * </ul>
 */
public class RecoveryTask extends VigilScheduledTask {

    private static final Logger LOG = Logger.getLogger(RecoveryTask.class);
    static final int BATCH = 500;

    private final ScoringService scoring;
    private final long graceMillis;

    public RecoveryTask(ScoringService scoring, long graceMillis) {
        this.scoring = scoring;
        this.graceMillis = graceMillis;
    }

    @Override
    protected void runTask(KeycloakSession session) {
        LoginEventStore store = session.getProvider(RiskEngine.class).loginEvents();
        long olderThan = Time.currentTimeMillis() - graceMillis;
        int queued = 0;
        int failed = 0;
        List<String> realms = session.realms().getRealmsStream().map(org.keycloak.models.RealmModel::getId).toList();
        for (Map.Entry<String, Integer> share : shares(store.unscoredByRealm(realms, olderThan, BATCH), BATCH)
                .entrySet()) {
            String realmId = share.getKey();
            List<String> retry = new ArrayList<>();
            List<String> giveUp = new ArrayList<>();
            for (LoginEventStore.Pending p : store.unscored(realmId, olderThan, share.getValue())) {
                (p.scoringAttempts() >= LoginEventStore.MAX_SCORING_ATTEMPTS ? giveUp : retry).add(p.id());
            }
            // an attempt is counted only when the login is really queued: under load, a full queue refuses
            // re-queues, and a login that was never tried must not run out of attempts
            List<String> queuedNow = new ArrayList<>(retry.size());
            for (String id : retry) {
                if (scoring.submit(realmId, id)) {
                    queuedNow.add(id);
                }
            }
            store.countScoringAttempt(realmId, queuedNow);
            if (!queuedNow.isEmpty()) {
                var realm = session.realms().getRealm(realmId);
                VigilMetrics.requeued(realm == null ? realmId : realm.getName(), queuedNow.size());
            }
            int gaveUp = store.giveUpScoring(realmId, giveUp);
            if (gaveUp > 0) {
                LOG.warnf("Vigil gave up scoring %d logins in realm %s after %d attempts each; their status is FAILED",
                        gaveUp, realmId, LoginEventStore.MAX_SCORING_ATTEMPTS);
            }
            failed += gaveUp;
            queued += queuedNow.size();
        }
        if (queued > 0) {
            LOG.infof("Vigil re-queues %d unscored logins", queued);
        }
    }

    /**
     * How many rows each realm may re-queue in one run: {@code batch} shared equally, a realm that needs less
     * leaving the rest to the others (max-min fairness); every realm with unscored rows gets at least one while
     * there are no more realms than {@code batch}, taken in the order given (oldest backlog first).
     */
    static Map<String, Integer> shares(Map<String, Long> pending, int batch) {
        Map<String, Integer> shares = new LinkedHashMap<>();
        List<String> open = new ArrayList<>();
        for (Map.Entry<String, Long> e : pending.entrySet()) {
            if (e.getValue() > 0 && open.size() < batch) {
                open.add(e.getKey());
                shares.put(e.getKey(), 0);
            }
        }
        int left = batch;
        while (left > 0 && !open.isEmpty()) {
            int each = Math.max(1, left / open.size());
            for (var it = open.iterator(); it.hasNext() && left > 0; ) {
                String realm = it.next();
                int give = (int) Math.min(Math.min(each, left), pending.get(realm) - shares.get(realm));
                shares.put(realm, shares.get(realm) + give);
                left -= give;
                if (shares.get(realm) >= pending.get(realm)) {
                    it.remove();
                }
            }
        }
        return shares;
    }

    @Override
    public String getTaskName() {
        return "vigil-scoring-recovery";
    }
}
