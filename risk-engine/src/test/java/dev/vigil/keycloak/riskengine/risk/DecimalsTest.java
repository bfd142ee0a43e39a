package dev.vigil.keycloak.riskengine.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void sameDigitsAsStringFormat() {
        Random random = new Random(20261206);
        for (int i = 0; i < 100_000; i++) {
            double v = switch (i % 4) {
                case 0 -> random.nextDouble();                       // scores
                case 1 -> (random.nextDouble() - 0.5) * 20;          // points
                case 2 -> Math.round(random.nextDouble() * 2000) / 2000.0; // halves at the last kept place
                default -> random.nextGaussian() * 1e4;
            };
            for (int places : new int[] {2, 3}) {
                String formatted = String.format(Locale.ROOT, "%." + places + "f", v);
                // a negative that rounds to zero: String.format keeps its sign ("-0.00"), Decimals does not
                String expected = formatted.matches("-0\\.0+") ? formatted.substring(1) : formatted;
                assertThat(Decimals.fixed(v, places)).as("%s", v).isEqualTo(expected);
            }
        }
        assertThat(Decimals.fixed(0.0005, 3)).isEqualTo("0.001");
        assertThat(Decimals.fixed(1, 3)).isEqualTo("1.000");
        assertThat(Decimals.fixed(Double.NaN, 3)).isEqualTo("NaN");
    }
}
