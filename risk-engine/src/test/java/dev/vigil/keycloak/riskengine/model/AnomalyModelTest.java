package dev.vigil.keycloak.riskengine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;

import dev.vigil.keycloak.riskengine.features.Feature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AnomalyModelTest {

    static AnomalyModel bootstrap;

    @BeforeAll
    static void train() {
        bootstrap = BootstrapModel.create(0.01);
    }

    static double[] officeLogin() {
        double[] x = new double[Feature.COUNT];
        double hour = 10.5;
        x[Feature.HOUR_SIN.ordinal()] = Math.sin(2 * Math.PI * hour / 24);
        x[Feature.HOUR_COS.ordinal()] = Math.cos(2 * Math.PI * hour / 24);
        double day = 1 + hour / 24;
        x[Feature.DAY_SIN.ordinal()] = Math.sin(2 * Math.PI * day / 7);
        x[Feature.DAY_COS.ordinal()] = Math.cos(2 * Math.PI * day / 7);
        x[Feature.LOGINS_TODAY.ordinal()] = 1;
        x[Feature.DISTINCT_IPS_24H.ordinal()] = 1;
        x[Feature.DISTINCT_DEVICES_24H.ordinal()] = 1;
        x[Feature.LOG_HOURS_SINCE_LAST.ordinal()] = Math.log1p(20);
        return x;
    }

    static double[] takeover() {
        double[] x = officeLogin();
        double hour = 3.2;
        x[Feature.HOUR_SIN.ordinal()] = Math.sin(2 * Math.PI * hour / 24);
        x[Feature.HOUR_COS.ordinal()] = Math.cos(2 * Math.PI * hour / 24);
        x[Feature.NEW_DEVICE.ordinal()] = 1;
        x[Feature.NEW_NETWORK.ordinal()] = 1;
        x[Feature.IP_CHANGED.ordinal()] = 1;
        x[Feature.DISTINCT_IPS_24H.ordinal()] = 2;
        x[Feature.DISTINCT_DEVICES_24H.ordinal()] = 2;
        return x;
    }

    @Test
    void bootstrapModelFlagsATakeoverNotAnOfficeLogin() {
        assertThat(bootstrap.info().kind()).isEqualTo(ModelKind.BOOTSTRAP);
        assertThat(bootstrap.isFlagged(bootstrap.score(officeLogin()), null)).isFalse();
        assertThat(bootstrap.isFlagged(bootstrap.score(takeover()), null)).isTrue();
        assertThat(bootstrap.score(takeover())).isGreaterThan(bootstrap.score(officeLogin()));
    }

    @Test
    void reasonsNameTheUnusualFeatures() {
        var reasons = bootstrap.explain(takeover(), officeLogin());
        assertThat(reasons).extracting(Reason::feature)
                .contains("new_device", "new_network", "hour_of_day")
                .doesNotContain("active_sessions");
        assertThat(bootstrap.explain(officeLogin(), null)).isEmpty();
        Reason hour = reasons.stream().filter(r -> r.feature().equals("hour_of_day")).findFirst().orElseThrow();
        assertThat(hour.value()).isCloseTo(3.2, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void thresholdIsTheContaminationQuantileOfTrainingScores() {
        double[][] normal = BootstrapModel.normalBehaviour(3000, new Random(7));
        AnomalyModel model = ModelTrainer.train(normal,
                0.05, ModelKind.REALM, 1L);
        long flagged = Arrays.stream(normal).filter(x -> model.isFlagged(model.score(x), null)).count();
        assertThat(flagged / (double) normal.length).isBetween(0.02, 0.08);
    }

    @Test
    void smallRealmsTrainToo() {
        for (int n : new int[] {ModelTrainer.MIN_SAMPLES, 30, 256, 257}) {
            AnomalyModel m = ModelTrainer.train(BootstrapModel.normalBehaviour(n, new Random(n)), 0.01, ModelKind.REALM, 1L);
            assertThat(m.info().samples()).isEqualTo(n);
            assertThat(m.score(takeover())).isGreaterThan(m.score(officeLogin()));
        }
    }

    @Test
    void trainingRefusesUnboundedOrTinyInput() {
        assertThatThrownBy(() -> ModelTrainer.train(new double[5][Feature.COUNT], 0.01, ModelKind.REALM, 0))
                .hasMessageContaining("at least");
        assertThatThrownBy(() -> ModelTrainer.train(new double[ModelTrainer.MAX_SAMPLES + 1][Feature.COUNT], 0.01,
                ModelKind.REALM, 0)).hasMessageContaining("bounded");
    }

    @Test
    void reservoirKeepsABoundedUniformSample() {
        ModelTrainer.Reservoir r = new ModelTrainer.Reservoir(100, new Random(1));
        for (int i = 0; i < 10_000; i++) {
            r.offer(new double[] {i});
        }
        assertThat(r.seen()).isEqualTo(10_000);
        double[][] sample = r.sample();
        assertThat(sample.length).isEqualTo(100);
        double mean = Arrays.stream(sample).mapToDouble(x -> x[0]).average().orElseThrow();
        assertThat(mean).isBetween(3_500.0, 6_500.0);
    }

    @Test
    void codecRoundTripsAndRejectsDamage() throws Exception {
        ModelInfo info = new ModelInfo(3, ModelKind.REALM, 42L, bootstrap.info().samples(), bootstrap.info().threshold(),
                0.01, "p");
        String data = ModelCodec.encode(bootstrap.withInfo(info));
        AnomalyModel back = ModelCodec.decode(data, info);
        assertThat(back.score(takeover())).isEqualTo(bootstrap.score(takeover()));
        assertThat(back.info().version()).isEqualTo(3);

        assertThatThrownBy(() -> ModelCodec.decode("not base64 !!", info)).isInstanceOf(ModelCodec.ModelFormatException.class);
        assertThatThrownBy(() -> ModelCodec.decode(data.substring(0, data.length() / 2), info))
                .isInstanceOf(ModelCodec.ModelFormatException.class);
        assertThatThrownBy(() -> ModelCodec.decode("", info)).isInstanceOf(ModelCodec.ModelFormatException.class);
        String otherMagic = java.util.Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 0, 0, 0, 1});
        assertThatThrownBy(() -> ModelCodec.decode(otherMagic, info)).hasMessageContaining("not a Vigil model");
    }
}
