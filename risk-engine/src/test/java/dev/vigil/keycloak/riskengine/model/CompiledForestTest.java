package dev.vigil.keycloak.riskengine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import dev.vigil.keycloak.riskengine.features.Feature;
import org.junit.jupiter.api.Test;
import smile.anomaly.IsolationForest;

/** Vigil's layout of a forest scores every login exactly as smile's own code does. */
class CompiledForestTest {

    @Test
    void sameScoreAsSmileForVigilsForestsBitForBit() {
        double[][] normal = BootstrapModel.normalBehaviour(2_000, new Random(7));
        IsolationForest forest = IsolationForest.fit(normal, ModelTrainer.TREES, ModelTrainer.MAX_DEPTH, 0.128,
                ModelTrainer.EXTENSION_LEVEL);
        assertSameScores(forest, new Random(11), Feature.COUNT);
    }

    @Test
    void sameScoreWithSplitsAcrossSeveralFeatures() {
        // an extension level above 0 gives each split several non-zero weights: summed in smile's order
        double[][] normal = BootstrapModel.normalBehaviour(1_000, new Random(3));
        IsolationForest forest = IsolationForest.fit(normal, 50, 8, 0.256, 3);
        assertSameScores(forest, new Random(5), Feature.COUNT);
    }

    @Test
    void featuresItCannotScoreExactlyAreLeftToSmile() {
        double[][] normal = BootstrapModel.normalBehaviour(500, new Random(1));
        IsolationForest forest = IsolationForest.fit(normal, 20, 6, 0.5, 0);
        CompiledForest compiled = CompiledForest.of(forest).orElseThrow();
        double[] x = normal[0].clone();
        assertThat(compiled.accepts(x)).isTrue();
        x[2] = Double.NaN;
        assertThat(compiled.accepts(x)).isFalse();
        x[2] = Double.POSITIVE_INFINITY;
        assertThat(compiled.accepts(x)).isFalse();
        assertThat(compiled.accepts(new double[Feature.COUNT - 1])).isFalse();

        // and the model then gives smile's score, whatever it is
        AnomalyModel model = ModelTrainer.train(normal, 0.01, ModelKind.REALM, 1L);
        double[] odd = normal[1].clone();
        odd[0] = Double.NaN;
        assertThat(Double.compare(model.score(odd), forestOf(model).score(odd))).isZero();
    }

    @Test
    void aTrainedModelScoresWithTheLayout() {
        AnomalyModel model = ModelTrainer.train(BootstrapModel.normalBehaviour(1_000, new Random(9)), 0.01,
                ModelKind.REALM, 1L);
        Random random = new Random(13);
        for (int i = 0; i < 2_000; i++) {
            double[] x = point(random, Feature.COUNT);
            assertThat(Double.compare(model.score(x), forestOf(model).score(x))).isZero();
        }
        // the same after the model is stored under its version (withInfo keeps the layout)
        AnomalyModel stored = model.withInfo(new ModelInfo(2L, ModelKind.REALM, model.info().trainedAt(),
                model.info().samples(), model.info().threshold(), model.info().contamination(),
                model.info().parameters()));
        double[] x = point(random, Feature.COUNT);
        assertThat(Double.compare(stored.score(x), model.score(x))).isZero();
    }

    private static void assertSameScores(IsolationForest forest, Random random, int dimension) {
        CompiledForest compiled = CompiledForest.of(forest).orElseThrow();
        for (int i = 0; i < 20_000; i++) {
            double[] x = point(random, dimension);
            assertThat(compiled.accepts(x)).isTrue();
            double expected = forest.score(x);
            double actual = compiled.score(x);
            assertThat(Double.compare(actual, expected)).as("x = %s: %s vs smile's %s", java.util.Arrays.toString(x),
                    actual, expected).isZero();
        }
    }

    /** Values in and far outside the training range, exact zeros and negative zeros among them. */
    private static double[] point(Random random, int dimension) {
        double[] x = new double[dimension];
        for (int j = 0; j < dimension; j++) {
            x[j] = switch (random.nextInt(6)) {
                case 0 -> 0.0;
                case 1 -> -0.0;
                case 2 -> random.nextGaussian() * 100;
                default -> random.nextDouble() * 2 - 0.5;
            };
        }
        return x;
    }

    private static IsolationForest forestOf(AnomalyModel model) {
        try {
            var f = AnomalyModel.class.getDeclaredField("forest");
            f.setAccessible(true);
            return (IsolationForest) f.get(model);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
