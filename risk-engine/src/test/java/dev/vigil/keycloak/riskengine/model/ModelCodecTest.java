package dev.vigil.keycloak.riskengine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;

import dev.vigil.keycloak.riskengine.features.Feature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;

/** The stored model is read through a filter that lets exactly a smile forest in, within size limits. */
class ModelCodecTest {

    private static final ModelInfo INFO = new ModelInfo(7, ModelKind.REALM, 1L, 100, 0.6, 0.01, "p");
    private static AnomalyModel model;

    @BeforeAll
    static void train() {
        model = BootstrapModel.create(0.01);
    }

    @Test
    void aRealModelRoundTripsAndScoresTheSame() throws Exception {
        AnomalyModel back = ModelCodec.decode(ModelCodec.encode(model.withInfo(INFO)), INFO);
        double[][] probes = BootstrapModel.normalBehaviour(50, new java.util.Random(5));
        for (double[] x : probes) {
            assertThat(back.score(x)).isEqualTo(model.score(x));
        }
    }

    @Test
    void aPayloadWithAClassOutsideTheForestIsRefused() {
        HashMap<String, Object> gadget = new HashMap<>();
        gadget.put("k", new ArrayList<>());
        assertThatThrownBy(() -> ModelCodec.decode(payload(gadget), INFO))
                .isInstanceOf(ModelCodec.ModelFormatException.class).hasMessageContaining("REJECTED");
    }

    @Test
    void anOversizedArrayIsRefusedBeforeItIsAllocated() {
        assertThatThrownBy(() -> ModelCodec.decode(payload(new double[5_000_000]), INFO))
                .isInstanceOf(ModelCodec.ModelFormatException.class).hasMessageContaining("REJECTED");
    }

    @Test
    void deepNestingIsRefused() {
        Nested deep = new Nested(null);
        for (int i = 0; i < 100; i++) {
            deep = new Nested(deep);
        }
        Nested payload = deep;
        assertThatThrownBy(() -> ModelCodec.decode(payload(payload), INFO))
                .isInstanceOf(ModelCodec.ModelFormatException.class).hasMessageContaining("REJECTED");
    }

    @Test
    void theFilterAllowsTheForestsClassesWithinItsLimitsAndNothingElse() {
        assertThat(check(IsolationForest.class, -1, 1, 1)).isEqualTo(ObjectInputFilter.Status.ALLOWED);
        assertThat(check(IsolationTree.class, -1, 13, 95_967)).isEqualTo(ObjectInputFilter.Status.ALLOWED);
        assertThat(check(IsolationTree.class, -1, ModelCodec.MAX_DEPTH + 1, 10))
                .as("depth beyond the limit").isEqualTo(ObjectInputFilter.Status.REJECTED);
        assertThat(check(IsolationTree.class, -1, 5, ModelCodec.MAX_REFS + 1))
                .as("references beyond the limit").isEqualTo(ObjectInputFilter.Status.REJECTED);
        assertThat(check(double[].class, ModelCodec.MAX_ARRAY + 1, 5, 10))
                .as("array beyond the limit").isEqualTo(ObjectInputFilter.Status.REJECTED);
        assertThat(check(Integer.class, -1, 1, 1)).as("not part of a forest").isEqualTo(ObjectInputFilter.Status.REJECTED);
        assertThat(ModelCodec.ALLOWED_CLASSES).hasSize(3);
    }

    /** A serializable chain, only here to nest objects deeply. */
    record Nested(Nested next) implements Serializable {
    }

    private static ObjectInputFilter.Status check(Class<?> type, long arrayLength, long depth, long refs) {
        return ModelCodec.FILTER.checkInput(new ObjectInputFilter.FilterInfo() {
            @Override
            public Class<?> serialClass() {
                return type;
            }

            @Override
            public long arrayLength() {
                return arrayLength;
            }

            @Override
            public long depth() {
                return depth;
            }

            @Override
            public long references() {
                return refs;
            }

            @Override
            public long streamBytes() {
                return 1_000;
            }
        });
    }

    /** A stored-model payload with a valid header and {@code body} where the forest belongs. */
    private static String payload(Object body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x56494746);
            out.writeInt(ModelCodec.FORMAT);
            out.writeInt(Feature.SCHEMA);
            out.writeInt(Feature.COUNT);
            for (int i = 0; i < 2 * Feature.COUNT; i++) {
                out.writeDouble(0);
            }
            ObjectOutputStream oos = new ObjectOutputStream(out);
            oos.writeObject(body);
            oos.flush();
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
