package dev.vigil.keycloak.riskengine.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import dev.vigil.keycloak.riskengine.history.ModelStore;
import dev.vigil.keycloak.riskengine.model.AnomalyModel;
import dev.vigil.keycloak.riskengine.model.BootstrapModel;
import dev.vigil.keycloak.riskengine.model.ModelCodec;
import dev.vigil.keycloak.riskengine.model.ModelInfo;
import dev.vigil.keycloak.riskengine.model.ModelKind;
import org.junit.jupiter.api.Test;

/** The registry's fallbacks, with a hand-written in-memory store (the real store is exercised in the ITs). */
class ModelRegistryTest {

    static final class MemoryStore implements ModelStore {
        long version;
        String data;
        RuntimeException failure;

        @Override
        public long latestVersion(String realmId) {
            if (failure != null) {
                throw failure;
            }
            return version;
        }

        @Override
        public long latestTrainedAt(String realmId) {
            return version == 0 ? -1 : 1L;
        }

        @Override
        public Optional<StoredModel> latest(String realmId) {
            return version == 0 ? Optional.empty() : Optional.of(new StoredModel(
                    new ModelInfo(version, ModelKind.REALM, 1L, 100, 0.6, 0.01, "p"), data));
        }

        @Override
        public AnomalyModel save(String realmId, AnomalyModel model) {
            ModelInfo i = model.info();
            version++;
            AnomalyModel stored = model.withInfo(new ModelInfo(version, i.kind(), i.trainedAt(), i.samples(),
                    i.threshold(), i.contamination(), i.parameters()));
            data = ModelCodec.encode(stored);
            return stored;
        }

        @Override
        public int deleteByRealm(String realmId) {
            return 0;
        }

        @Override
        public int deleteTrainedBefore(String realmId, long before) {
            return 0;
        }
    }

    @Test
    void noStoredModelMeansBootstrap() {
        ModelRegistry registry = new ModelRegistry(0);
        assertThat(registry.current("r", new MemoryStore(), 0.01).info().kind()).isEqualTo(ModelKind.BOOTSTRAP);
    }

    @Test
    void anUnreadableModelFallsBackToBootstrapThenToThePreviousGoodOne() {
        ModelRegistry registry = new ModelRegistry(0);
        MemoryStore store = new MemoryStore();
        store.version = 1;
        store.data = "garbage";
        assertThat(registry.current("r", store, 0.01).info().kind()).isEqualTo(ModelKind.BOOTSTRAP);

        store.save("r", BootstrapModel.create(0.01)); // version 2, readable
        AnomalyModel good = registry.current("r", store, 0.01);
        assertThat(good.info().version()).isEqualTo(2);
        assertThat(good.info().kind()).isEqualTo(ModelKind.REALM);

        store.version = 3;
        store.data = "garbage again";
        assertThat(registry.current("r", store, 0.01).info().version()).as("previous good model").isEqualTo(2);

        store.failure = new IllegalStateException("database down");
        assertThat(registry.current("r", store, 0.01).info().version()).as("database down: keep what we have").isEqualTo(2);
    }

    @Test
    void manyDistinctContaminationsShareOneBootstrapForest() {
        ModelRegistry registry = new ModelRegistry(0);
        MemoryStore store = new MemoryStore();
        AnomalyModel first = registry.current("r0", store, 0.01);
        var forest = registry.bootstrapForest();
        double previousThreshold = Double.MAX_VALUE;
        for (int k = 1; k <= 1000; k++) {
            double contamination = 0.0001 + k * 0.00024; // 1,000 distinct settings up to 0.24
            AnomalyModel m = registry.current("r" + k, store, contamination);
            assertThat(m.info().contamination()).isEqualTo(contamination);
            assertThat(m.info().threshold()).as("more contamination, lower threshold").isLessThanOrEqualTo(previousThreshold);
            previousThreshold = m.info().threshold();
        }
        assertThat(registry.bootstrapForest()).as("no new forest per setting").isSameAs(forest);
        assertThat(registry.current("r0", store, 0.01).info().threshold()).isEqualTo(first.info().threshold());
        AnomalyModel five = registry.bootstrap(0.05);
        double[][] normal = BootstrapModel.normalBehaviour(4000, new java.util.Random(99));
        long flagged = java.util.Arrays.stream(normal).filter(x -> five.isFlagged(five.score(x), null)).count();
        assertThat(flagged / 4000.0).as("a recalibrated threshold still flags about its contamination of normal logins")
                .isBetween(0.02, 0.10);
    }
}
