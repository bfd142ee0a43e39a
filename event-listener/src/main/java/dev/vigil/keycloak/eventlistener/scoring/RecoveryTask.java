package dev.vigil.keycloak.eventlistener.scoring;

import dev.vigil.keycloak.riskengine.history.LoginEventStore;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * Finds successful logins left unscored (crash, restart, full queue, a failure while scoring) and queues
 * them again. Runs at start-up and then periodically, on one node of a cluster at a time.
 */
public class RecoveryTask implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(RecoveryTask.class);
    static final int BATCH = 500;

    private final ScoringService scoring;
    private final long graceMillis;

    public RecoveryTask(ScoringService scoring, long graceMillis) {
        this.scoring = scoring;
        this.graceMillis = graceMillis;
    }

    @Override
    public void run(KeycloakSession session) {
        var pending = session.getProvider(RiskEngine.class).loginEvents()
                .unscored(Time.currentTimeMillis() - graceMillis, BATCH);
        if (!pending.isEmpty()) {
            LOG.infof("Vigil re-queues %d unscored logins", pending.size());
        }
        for (LoginEventStore.Pending p : pending) {
            scoring.submit(p.realmId(), p.id());
        }
    }

    @Override
    public String getTaskName() {
        return "vigil-scoring-recovery";
    }
}
