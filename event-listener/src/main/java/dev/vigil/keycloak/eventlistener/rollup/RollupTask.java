package dev.vigil.keycloak.eventlistener.rollup;

import dev.vigil.keycloak.eventlistener.support.VigilScheduledTask;
import dev.vigil.keycloak.eventlistener.support.OptedInRealms;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Keeps each opted-in realm's dashboard roll-up current (see {@code LoginRollup} in risk-engine): rolls up the hours
 * that have settled, a week of hours per transaction and at most {@link #MAX_BATCHES} per realm and run (a year's
 * backlog after an upgrade is worked off in one run), then counts again the hours whose rows were deleted. Runs on
 * one node of a cluster per interval; the roll-up's mark is moved by compare-and-set, so even two nodes running it at
 * once roll each hour once.
 */
public class RollupTask extends VigilScheduledTask {

    static final int MAX_BATCHES = 60;
    /** changed hours counted again per transaction */
    static final int RECOUNT_BATCH = 48;
    private static final Logger LOG = Logger.getLogger(RollupTask.class);

    @Override
    protected void runTask(KeycloakSession session) {
        OptedInRealms.ids(session).forEach(realmId -> rollUp(session.getKeycloakSessionFactory(), realmId));
    }

    private static void rollUp(KeycloakSessionFactory factory, String realmId) {
        try {
            long hours = 0;
            for (int i = 0; i < MAX_BATCHES; i++) {
                int done = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> s
                        .getProvider(RiskEngine.class).loginEvents().rollUpNextHours(realmId, Time.currentTimeMillis()));
                hours += done;
                if (done == 0) {
                    break;
                }
            }
            long recounted = 0;
            for (int i = 0; i < MAX_BATCHES; i++) {
                int done = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> s
                        .getProvider(RiskEngine.class).loginEvents().recountChangedHours(realmId, RECOUNT_BATCH));
                recounted += done;
                if (done < RECOUNT_BATCH) {
                    break;
                }
            }
            if (hours > 24 || recounted > 0) {
                LOG.debugf("Vigil roll-up in realm %s: %d hours rolled up, %d changed hours counted again", realmId,
                        hours, recounted);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Vigil's dashboard roll-up failed for realm %s; the dashboard counts the rows meanwhile, and"
                    + " the roll-up is tried again at the next run", realmId);
        }
    }

    @Override
    public String getTaskName() {
        return "vigil-rollup";
    }
}
