package dev.vigil.keycloak.eventlistener.training;

import dev.vigil.keycloak.eventlistener.support.OptedInRealms;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;

/**
 * Retrains the model of every realm that uses the {@code vigil} listener and has enough logins. Runs on
 * one node of a cluster per interval (ClusterAwareScheduledTaskRunner); the other nodes pick the new
 * version up from the database. A realm that fails is logged and skipped.
 */
public class RetrainTask implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(RetrainTask.class);

    @Override
    public void run(KeycloakSession session) {
        OptedInRealms.ids(session).forEach(realmId -> retrain(session.getKeycloakSessionFactory(), realmId));
    }

    /** Each realm in its own transaction: one realm's failure does not cost the others their model. */
    private void retrain(KeycloakSessionFactory factory, String realmId) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, s -> {
                RealmModel realm = s.realms().getRealm(realmId);
                if (realm != null) {
                    s.getContext().setRealm(realm);
                    s.getProvider(RiskEngine.class).retrain(realm);
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
