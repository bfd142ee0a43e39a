package dev.vigil.keycloak.bench.overhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void theWarmUpIsLongEnoughForTheJitByDefault() {
        Options options = Options.parse(new String[0]);
        assertThat(options.warmupSeconds()).isEqualTo(600);
        assertThat(options.warmupMaxSeconds()).isEqualTo(900);
    }

    @Test
    void aShorterMaximumShortensTheDefaultWarmUpWithIt() {
        Options options = Options.parse(new String[] {"--warmup-max", "120"});
        assertThat(options.warmupSeconds()).isEqualTo(120);
        assertThat(Options.parse(new String[] {"--warmup", "20"}).warmupSeconds()).isEqualTo(20);
    }

    @Test
    void aWarmUpLongerThanItsMaximumIsRefused() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--warmup", "700", "--warmup-max", "300"}))
                .hasMessageContaining("--warmup-max must be at least --warmup");
    }
}
