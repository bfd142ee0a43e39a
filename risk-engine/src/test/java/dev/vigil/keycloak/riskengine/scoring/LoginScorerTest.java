package dev.vigil.keycloak.riskengine.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import dev.vigil.keycloak.riskengine.features.Feature;
import dev.vigil.keycloak.riskengine.features.LoginFeatures;
import dev.vigil.keycloak.riskengine.features.PastLogin;
import dev.vigil.keycloak.riskengine.features.UserHistory;
import org.junit.jupiter.api.Test;

class LoginScorerTest {

    /** The mean over every stored vector that decodes, as scoring computed it when it decoded all of them. */
    static double[] fullMean(UserHistory history) {
        double[] sum = new double[Feature.COUNT];
        int n = 0;
        for (PastLogin p : history.successes()) {
            double[] x = LoginFeatures.decode(p.features());
            if (x != null) {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += x[i];
                }
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= n;
        }
        return sum;
    }

    @Test
    void userTypicalReadsOnlyTheNeededComponentsAndAgreesWithTheFullMean() {
        Random random = new Random(3);
        List<PastLogin> past = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double[] x = new double[Feature.COUNT];
            for (int j = 0; j < x.length; j++) {
                x[j] = random.nextGaussian() * 3;
            }
            String text = switch (i % 17) {
                case 3 -> null;                        // not scored yet
                case 5 -> "1,2,3";                     // another layout
                case 7 -> LoginFeatures.encode(x).replaceFirst("^[^,]+", "NaN"); // damaged where it is read
                default -> LoginFeatures.encode(x);
            };
            past.add(new PastLogin(i, "ip", "net", "dev", "client", text));
        }
        UserHistory history = new UserHistory(past, 0, 0);
        double[] full = fullMean(history);
        boolean[] all = new boolean[Feature.COUNT];
        Arrays.fill(all, true);
        assertThat(LoginScorer.userTypical(history, all)).containsExactly(full);

        boolean[] some = new boolean[Feature.COUNT];
        some[Feature.HOUR_SIN.ordinal()] = true;
        some[Feature.HOUR_COS.ordinal()] = true;
        some[Feature.NEW_NETWORK.ordinal()] = true;
        double[] partial = LoginScorer.userTypical(history, some);
        for (int i = 0; i < Feature.COUNT; i++) {
            assertThat(partial[i]).isEqualTo(some[i] ? full[i] : 0.0);
        }
        assertThat(LoginScorer.userTypical(UserHistory.EMPTY, some)).isNull();
        assertThat(LoginScorer.userTypical(new UserHistory(List.of(new PastLogin(1, null, null, null, null, null)), 0, 0),
                some)).isNull();
    }

    @Test
    void componentsReadsSomeFieldsOfAStoredVector() {
        double[] x = new double[Feature.COUNT];
        for (int i = 0; i < x.length; i++) {
            x[i] = i - 4.25;
        }
        String text = LoginFeatures.encode(x);
        double[] out = new double[Feature.COUNT];
        assertThat(LoginFeatures.components(text, new int[] {0, 7, 14}, 3, out)).isTrue();
        assertThat(out[0]).isEqualTo(-4.25);
        assertThat(out[7]).isEqualTo(2.75);
        assertThat(out[14]).isEqualTo(9.75);
        assertThat(LoginFeatures.components(text, new int[0], 0, out)).isTrue();
        assertThat(LoginFeatures.components(null, new int[] {1}, 1, out)).isFalse();
        assertThat(LoginFeatures.components("1,2", new int[] {1}, 1, out)).isFalse();
        assertThat(LoginFeatures.components(text + ",1", new int[] {1}, 1, out)).isFalse();
        assertThat(LoginFeatures.components(text.replaceFirst("^[^,]+", "x"), new int[] {0}, 1, out)).isFalse();
        assertThat(LoginFeatures.components(text.replaceFirst("^[^,]+", "Infinity"), new int[] {0}, 1, out)).isFalse();
    }
}
