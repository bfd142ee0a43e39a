package dev.vigil.keycloak.riskengine.keystroke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.keycloak.riskengine.keystroke.KeystrokeDetector.Outcome;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeDetector.Verdict;

/** On the real MEU-Mobile data: enrol on the first 10 typings, later typings vs. other people's first 5. */
class KeystrokeDetectorTest {

    @Test
    void acceptsOwnLaterTypingAndRejectsOthers() {
        List<List<KeystrokeSample>> subjects = MeuData.subjects();
        assertThat(subjects).hasSize(40);
        KeystrokeDetector detector = new KeystrokeDetector();
        int genuine = 0;
        int genuineMatch = 0;
        int impostor = 0;
        int impostorMatch = 0;
        int separated = 0;
        for (int s = 0; s < subjects.size(); s++) {
            KeystrokeTemplate t = KeystrokeTemplate.enrol(subjects.get(s).subList(0, 10), s);
            double gSum = 0;
            double iSum = 0;
            int gN = 0;
            int iN = 0;
            for (KeystrokeSample x : subjects.get(s).subList(10, 51)) {
                Verdict v = detector.verify(t, x);
                assertThat(v.outcome()).isIn(Outcome.MATCH, Outcome.MISMATCH);
                genuine++;
                genuineMatch += v.isMatch() ? 1 : 0;
                gSum += v.score();
                gN++;
            }
            for (int o = 0; o < subjects.size(); o++) {
                if (o == s) {
                    continue;
                }
                for (KeystrokeSample x : subjects.get(o).subList(0, 5)) {
                    Verdict v = detector.verify(t, x);
                    assertThat(v.outcome()).isIn(Outcome.MATCH, Outcome.MISMATCH);
                    impostor++;
                    impostorMatch += v.isMatch() ? 1 : 0;
                    iSum += v.score();
                    iN++;
                }
            }
            separated += gSum / gN < iSum / iN ? 1 : 0;
        }
        double frr = 1 - (double) genuineMatch / genuine;
        double far = (double) impostorMatch / impostor;
        // measured: FRR 3.6 %, FAR 21.9 % at the default sensitivity (bench/keystroke)
        assertThat(frr).isLessThan(0.07);
        assertThat(far).isLessThan(0.25);
        assertThat(separated).isGreaterThanOrEqualTo(38);
    }

    @Test
    void sensitivityMapsToThreshold() {
        assertThat(new KeystrokeDetector().threshold()).isEqualTo(KeystrokeDetector.DEFAULT_THRESHOLD);
        assertThat(new KeystrokeDetector(0).threshold()).isEqualTo(2 * KeystrokeDetector.DEFAULT_THRESHOLD);
        assertThat(new KeystrokeDetector(1).threshold()).isEqualTo(KeystrokeDetector.DEFAULT_THRESHOLD / 2);
        assertThat(new KeystrokeDetector(0.8).threshold()).isLessThan(new KeystrokeDetector(0.2).threshold());
        assertThatThrownBy(() -> new KeystrokeDetector(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeystrokeDetector(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noSampleEnrollingAndLayout() {
        List<KeystrokeSample> s = MeuData.subjects().get(0);
        KeystrokeTemplate t = KeystrokeTemplate.enrol(s.subList(0, 10), 1L);
        KeystrokeDetector d = new KeystrokeDetector();
        assertThat(d.verify(t, (KeystrokeSample) null).outcome()).isEqualTo(Outcome.NO_SAMPLE);
        assertThat(d.verify(t, "not json").outcome()).isEqualTo(Outcome.NO_SAMPLE);
        assertThat(d.verify(null, s.get(20)).outcome()).isEqualTo(Outcome.ENROLLING);
        assertThat(d.verify(KeystrokeTemplate.enrol(s.subList(0, 4), 1L), s.get(20)).outcome()).isEqualTo(Outcome.ENROLLING);
        KeystrokeSample otherLength = KeystrokeSample.of(new double[] {90, 80, 100, 85}, new double[] {300, 250, 400}, null);
        Verdict v = d.verify(t, otherLength);
        assertThat(v.outcome()).isEqualTo(Outcome.NO_SAMPLE);
        assertThat(v.reason()).isEqualTo("layout");
        assertThat(d.verify(t, s.get(20).toJson()).outcome()).isIn(Outcome.MATCH, Outcome.MISMATCH);
    }

    @Test
    void templateOfHoldAndFlightOnlyWorksToo() {
        List<List<KeystrokeSample>> subjects = MeuData.subjects();
        KeystrokeDetector d = new KeystrokeDetector();
        int gm = 0;
        int im = 0;
        for (int s = 0; s < 10; s++) {
            List<KeystrokeSample> mine = subjects.get(s).stream()
                    .map(x -> KeystrokeSample.of(null, x.downDown(), null)).toList();
            KeystrokeTemplate t = KeystrokeTemplate.enrol(mine.subList(0, 10), 1L);
            assertThat(t.kinds()).isEqualTo(KeystrokeSample.DOWN_DOWN);
            for (KeystrokeSample x : mine.subList(10, 51)) {
                gm += d.verify(t, x).isMatch() ? 1 : 0;
            }
            // full samples of others are comparable: they have the DD kind
            for (KeystrokeSample x : subjects.get((s + 1) % 40).subList(0, 5)) {
                im += d.verify(t, x).isMatch() ? 1 : 0;
            }
        }
        assertThat(gm).isGreaterThan(300); // of 410
        assertThat(im).isLessThan(25);     // of 50
    }

    @Test
    void verificationIsFast() {
        List<KeystrokeSample> s = MeuData.subjects().get(4);
        KeystrokeTemplate t = KeystrokeTemplate.enrol(s.subList(0, 10), 1L);
        KeystrokeDetector d = new KeystrokeDetector();
        long sink = 0;
        for (int i = 0; i < 50_000; i++) {
            sink += d.verify(t, s.get(10 + i % 41)).outcome().ordinal() + 1;
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < 50_000; i++) {
            sink += d.verify(t, s.get(10 + i % 41)).outcome().ordinal() + 1;
        }
        double perCallMicros = (System.nanoTime() - t0) / 50_000 / 1000.0;
        assertThat(sink).isPositive();
        assertThat(perCallMicros).isLessThan(100); // measured ~1 µs
    }
}
