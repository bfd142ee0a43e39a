package dev.vigil.keycloak.eventlistener.training;

import dev.vigil.keycloak.eventlistener.support.VigilScheduledTask;
import dev.vigil.keycloak.eventlistener.support.OptedInRealms;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.RealmModel;

/**
 * Retrains the model of every realm that uses the {@code vigil} listener and has enough logins. Every node runs it
 * once per interval, never two at once (ClusterAwareScheduledTaskRunner); a realm whose model another node trained
 * within the interval is skipped, so a cluster makes one new version per interval, and the other nodes pick it up
 * from the database. A realm that fails is logged and skipped.
 */
public class RetrainTask extends VigilScheduledTask {

    private static final Logger LOG = Logger.getLogger(RetrainTask.class);

    private final long intervalMillis;

    /** @param intervalMillis the task's interval: a realm trained within it (by any node) is not trained again */
    public RetrainTask(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    @Override
    protected void runTask(KeycloakSession session) {
        OptedInRealms.ids(session).forEach(realmId -> retrain(session.getKeycloakSessionFactory(), realmId));
    }

    /** Each realm in its own transaction: one realm's failure does not cost the others their model. */
    private void retrain(KeycloakSessionFactory factory, String realmId) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, s -> {
                RealmModel realm = s.realms().getRealm(realmId);
                if (realm != null) {
                    s.getContext().setRealm(realm);
                    s.getProvider(RiskEngine.class).retrainIfDue(realm, intervalMillis);
                }
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "Vigil could not retrain the model of realm %s; the current model stays", realmId);
        }
    }

    @Override
    public String getTaskName() {
        return "vigil-model-retraining";
    }
}
