package dev.vigil.keycloak.riskengine.scoring;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import dev.vigil.keycloak.riskengine.history.ModelStore;
import dev.vigil.keycloak.riskengine.model.AnomalyModel;
import dev.vigil.keycloak.riskengine.model.BootstrapModel;
import dev.vigil.keycloak.riskengine.model.ModelCodec;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The models in use on this node, one per realm. Every node checks the realm's newest stored version at
 * most every {@code recheckMillis} and loads it when it changed — so a model trained on one node of a
 * cluster reaches all of them without cross-node messaging. A model that cannot be read or decoded is
 * logged once and ignored: the previous model, or the bootstrap model, keeps scoring.
 */
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);
    /** Looks for newer models for {@link #onHand}, off the login's request path; one thread per node. */
    private static final ExecutorService CHECKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vigil-model-check");
        t.setDaemon(true);
        return t;
    });

    private final long recheckMillis;
    private final Map<String, Entry> byRealm = new ConcurrentHashMap<>();
    private final Set<String> checking = ConcurrentHashMap.newKeySet();
    /** One bootstrap forest per node, built on first use; calibrated per realm setting on demand. */
    private volatile BootstrapModel bootstrapForest;
    /** The last calibration handed out: realms usually share one contamination value. Bounded to one entry. */
    private volatile AnomalyModel lastBootstrap;

    public ModelRegistry(long recheckMillis) {
        this.recheckMillis = recheckMillis;
    }

    /** The model scoring the realm's logins now. Never throws. */
    public AnomalyModel current(String realmId, ModelStore store, double contamination) {
        long now = System.currentTimeMillis();
        Entry entry = byRealm.get(realmId);
        if (entry != null && now - entry.checkedAt < recheckMillis) {
            return entry.model != null ? entry.model : bootstrap(contamination);
        }
        Entry next = refresh(realmId, store, entry, now);
        byRealm.put(realmId, next);
        return next.model != null ? next.model : bootstrap(contamination);
    }

    /**
     * The realm's own model as this node holds it, or null when it holds none (none trained yet, or not loaded on
     * this node yet). Never waits for the database: when the node is due to look for a newer version it does so on
     * a background thread, and this call returns what it has meanwhile. For a login's request path, where loading a
     * model (a few MB, decoded) or building the bootstrap forest would stall the login. Never throws.
     */
    public AnomalyModel onHand(String realmId, KeycloakSessionFactory factory, double contamination) {
        Entry entry = byRealm.get(realmId);
        if ((entry == null || System.currentTimeMillis() - entry.checkedAt >= recheckMillis) && checking.add(realmId)) {
            try {
                CHECKER.execute(() -> {
                    try {
                        KeycloakModelUtils.runJobInTransaction(factory,
                                s -> current(realmId, s.getProvider(RiskEngine.class).models(), contamination));
                    } catch (RuntimeException e) {
                        LOG.debugf(e, "Vigil could not look for a newer model of realm %s", realmId);
                    } finally {
                        checking.remove(realmId);
                    }
                });
            } catch (RejectedExecutionException e) {
                checking.remove(realmId);
            }
        }
        return entry == null ? null : entry.model;
    }

    /** Forget what is cached for the realm (after training here, or removal). */
    public void invalidate(String realmId) {
        byRealm.remove(realmId);
    }

    /**
     * The bootstrap model calibrated to {@code contamination}. Memory stays bounded whatever the number of
     * distinct settings across realms: one forest, and one cached calibration (a threshold and a small wrapper).
     */
    public AnomalyModel bootstrap(double contamination) {
        AnomalyModel last = lastBootstrap;
        if (last != null && last.info().contamination() == contamination) {
            return last;
        }
        BootstrapModel forest = bootstrapForest;
        if (forest == null) {
            synchronized (this) {
                forest = bootstrapForest;
                if (forest == null) {
                    forest = BootstrapModel.train();
                    bootstrapForest = forest;
                }
            }
        }
        AnomalyModel calibrated = forest.calibrated(contamination);
        lastBootstrap = calibrated;
        return calibrated;
    }

    /** For tests: the bootstrap forest in use, null before first use. */
    BootstrapModel bootstrapForest() {
        return bootstrapForest;
    }

    private Entry refresh(String realmId, ModelStore store, Entry previous, long now) {
        AnomalyModel previousModel = previous == null ? null : previous.model;
        long knownVersion = previous == null ? -1 : previous.version;
        try {
            long latest = store.latestVersion(realmId);
            if (latest == knownVersion) {
                return new Entry(latest, previousModel, now);
            }
            if (latest == 0) {
                return new Entry(0, null, now);
            }
            ModelStore.StoredModel stored = store.latest(realmId).orElse(null);
            if (stored == null) {
                return new Entry(0, null, now);
            }
            try {
                AnomalyModel model = ModelCodec.decode(stored.data(), stored.info());
                LOG.infof("Vigil model v%d (%s, %d samples) in use for realm %s", stored.info().version(),
                        stored.info().kind(), stored.info().samples(), realmId);
                return new Entry(stored.info().version(), model, now);
            } catch (ModelCodec.ModelFormatException e) {
                // remember the bad version so that it is reported once, not at every login
                LOG.errorf("Vigil model v%d of realm %s cannot be used (%s); scoring goes on with the %s model",
                        stored.info().version(), realmId, e.getMessage(),
                        previousModel != null ? "previous" : "bootstrap");
                return new Entry(stored.info().version(), previousModel, now);
            }
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError | LinkageError e) {
            if (previous == null || !previous.failed) {
                LOG.errorf(e, "Vigil could not read the model of realm %s; scoring goes on with the %s model",
                        realmId, previousModel != null ? "previous" : "bootstrap");
            }
            return new Entry(knownVersion, previousModel, now, true);
        }
    }

    private record Entry(long version, AnomalyModel model, long checkedAt, boolean failed) {
        Entry(long version, AnomalyModel model, long checkedAt) {
            this(version, model, checkedAt, false);
        }
    }
}
