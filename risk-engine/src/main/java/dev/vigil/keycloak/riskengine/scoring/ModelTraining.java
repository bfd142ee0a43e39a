package dev.vigil.keycloak.riskengine.scoring;

import java.util.Random;

import dev.vigil.keycloak.riskengine.history.LoginEventStore;
import dev.vigil.keycloak.riskengine.history.ModelStore;
import dev.vigil.keycloak.riskengine.model.AnomalyModel;
import dev.vigil.keycloak.riskengine.model.ModelInfo;
import dev.vigil.keycloak.riskengine.model.ModelKind;
import dev.vigil.keycloak.riskengine.model.ModelTrainer;
import dev.vigil.keycloak.riskengine.model.PerUserCap;
import dev.vigil.keycloak.riskengine.settings.VigilRealmSettings;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.RealmModel;

/**
 * Trains a realm's own model from a bounded random sample of its normal successful logins (see
 * {@link dev.vigil.keycloak.riskengine.history.LoginEventStore#trainingSample}), each user contributing at most
 * {@link PerUserCap#DEFAULT_CAP} of them.
 */
public class ModelTraining {

    private static final Logger LOG = Logger.getLogger(ModelTraining.class);
    private static final long DAY = 86_400_000L;

    private final LoginEventStore logins;
    private final ModelStore models;
    private final ModelRegistry registry;

    public ModelTraining(LoginEventStore logins, ModelStore models, ModelRegistry registry) {
        this.logins = logins;
        this.models = models;
        this.registry = registry;
    }

    /** What a training attempt did. */
    public record Outcome(boolean trained, ModelInfo model, long realLogins, int needed, long millis) {
    }

    public Outcome retrain(RealmModel realm) {
        return retrain(realm, 0);
    }

    /**
     * The scheduled retraining: every node runs the task once per interval (Keycloak's cluster-aware runner only keeps
     * two nodes from running it at the same time), so a realm whose newest model was trained less than 90 % of an
     * interval ago — by this node or another — is left as it is: one new version per interval, whatever the number of
     * nodes.
     *
     * @param intervalMillis the retraining interval; 0 trains regardless
     */
    public Outcome retrain(RealmModel realm, long intervalMillis) {
        if (intervalMillis > 0) {
            long newest = models.latestTrainedAt(realm.getId());
            if (newest >= 0 && Time.currentTimeMillis() - newest < intervalMillis * 9 / 10) {
                VigilRealmSettings settings = VigilRealmSettings.of(realm);
                AnomalyModel current = registry.current(realm.getId(), models, settings.contamination());
                LOG.debugf("Vigil: the model of realm %s was trained %d s ago; not retrained in this interval",
                        realm.getName(), (Time.currentTimeMillis() - newest) / 1000);
                return new Outcome(false, current.info(), -1, settings.minRealLogins(), 0);
            }
        }
        long start = System.nanoTime();
        VigilRealmSettings settings = VigilRealmSettings.of(realm);
        long since = Time.currentTimeMillis() - settings.historyDays() * DAY;
        long real = logins.countScored(realm.getId(), since, settings.minRealLogins());
        if (real < settings.minRealLogins()) {
            AnomalyModel current = registry.current(realm.getId(), models, settings.contamination());
            return new Outcome(false, current.info(), real, settings.minRealLogins(), elapsed(start));
        }
        ModelTrainer.Reservoir reservoir = new ModelTrainer.Reservoir(ModelTrainer.MAX_SAMPLES, new Random());
        PerUserCap capped = new PerUserCap(PerUserCap.DEFAULT_CAP, reservoir);
        logins.trainingSample(realm.getId(), since, capped);
        double[][] sample = reservoir.sample();
        if (sample.length < ModelTrainer.MIN_SAMPLES) {
            AnomalyModel current = registry.current(realm.getId(), models, settings.contamination());
            return new Outcome(false, current.info(), real, settings.minRealLogins(), elapsed(start));
        }
        AnomalyModel trained = ModelTrainer.train(sample, settings.contamination(), ModelKind.REALM,
                Time.currentTimeMillis());
        AnomalyModel stored = models.save(realm.getId(), trained);
        registry.invalidate(realm.getId());
        long millis = elapsed(start);
        LOG.infof("Vigil trained model v%d for realm %s on %d of %d logins (%d over the per-user cap) in %d ms"
                + " (threshold %.4f)", stored.info().version(), realm.getName(), sample.length, reservoir.seen(),
                capped.skipped(), millis, stored.info().threshold());
        return new Outcome(true, stored.info(), real, settings.minRealLogins(), millis);
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
