package dev.vigil.keycloak.riskengine.keystroke;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import dev.vigil.keycloak.riskengine.keystroke.KeystrokeDetector.Outcome;
import org.junit.jupiter.api.Test;

class TypingRhythmSignalTest {

    @Test
    void readsTheOutcomeFromEventDetailsAndIgnoresAnythingElse() {
        assertThat(TypingRhythmSignal.of(Map.of("vigil_keystroke", "MISMATCH"))).contains(Outcome.MISMATCH);
        assertThat(TypingRhythmSignal.of(Map.of("vigil_keystroke", "mismatch"))).isEmpty();
        assertThat(TypingRhythmSignal.of(Map.of("vigil_keystroke", "DROP TABLE"))).isEmpty();
        assertThat(TypingRhythmSignal.of(Map.of("username", "alice"))).isEmpty();
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("vigil_keystroke", null);
        assertThat(TypingRhythmSignal.of(nullValue)).isEmpty();
        assertThat(TypingRhythmSignal.of((Map<String, String>) null)).isEmpty();
        for (Outcome o : Outcome.values()) {
            assertThat(TypingRhythmSignal.of(Map.of("vigil_keystroke", o.name()))).contains(o);
        }
    }
}
