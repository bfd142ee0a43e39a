package dev.vigil.keycloak.riskengine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** One account flooding logins gets no more than its cap of the training sample. */
class PerUserCapTest {

    @Test
    void aFloodingUserGetsAtMostTheCapAndEveryoneElseIsKept() {
        ModelTrainer.Reservoir reservoir = new ModelTrainer.Reservoir(ModelTrainer.MAX_SAMPLES, new Random(1));
        PerUserCap sample = new PerUserCap(PerUserCap.DEFAULT_CAP, reservoir);
        // newest first: the attacker's 100,000 scripted logins come in between 200 users' 10 logins each
        for (int i = 0; i < 100_000; i++) {
            sample.offer("mallory", new double[] {1});
            if (i % 50 == 0) {
                sample.offer("user" + (i / 50 % 200), new double[] {0});
            }
        }
        double[][] rows = reservoir.sample();
        long mallory = Arrays.stream(rows).filter(r -> r[0] == 1).count();
        long others = Arrays.stream(rows).filter(r -> r[0] == 0).count();
        assertThat(mallory).isEqualTo(PerUserCap.DEFAULT_CAP).isEqualTo(81);
        assertThat(others).as("200 users x 10 logins, all under the cap").isEqualTo(2000);
        assertThat((double) mallory / rows.length).as("mallory's share").isLessThan(0.04);
        assertThat(sample.skipped()).isEqualTo(100_000 - 81);
    }

    @Test
    void loginsWithoutAUserShareOneCap() {
        ModelTrainer.Reservoir reservoir = new ModelTrainer.Reservoir(100, new Random(1));
        PerUserCap sample = new PerUserCap(3, reservoir);
        for (int i = 0; i < 10; i++) {
            sample.offer(null, new double[] {i});
        }
        assertThat(reservoir.sample()).hasNumberOfRows(3);
    }
}
