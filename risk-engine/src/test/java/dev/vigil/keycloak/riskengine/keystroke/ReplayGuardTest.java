package dev.vigil.keycloak.riskengine.keystroke;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.vigil.keycloak.riskengine.keystroke.KeystrokeDetector.Outcome;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeDetector.Verdict;

class ReplayGuardTest {

    private final KeystrokeDetector detector = new KeystrokeDetector();

    @Test
    void theSameTypingTwiceIsAReplay() {
        List<KeystrokeSample> s = MeuData.subjects().get(0);
        KeystrokeTemplate t = KeystrokeTemplate.enrol(s.subList(0, 10), 5L);
        KeystrokeSample login = s.get(12);
        Verdict first = detector.verify(t, login);
        assertThat(first.outcome()).isNotEqualTo(Outcome.REPLAY);
        t = first.isMatch() ? t.update(login) : t.remember(login);
        Verdict again = detector.verify(t, KeystrokeSample.parse(login.toJson()).orElseThrow());
        assertThat(again.outcome()).isEqualTo(Outcome.REPLAY);
        assertThat(again.reason()).isEqualTo("duplicate");
        // an enrolment typing sent again is a replay too
        assertThat(detector.verify(t, s.get(3)).outcome()).isEqualTo(Outcome.REPLAY);
    }

    @Test
    void copiesWithSmallJitterAreReplays() {
        Random rnd = new Random(11);
        int copies = 0;
        int caught1 = 0;
        int caught3 = 0;
        for (List<KeystrokeSample> s : MeuData.subjects()) {
            KeystrokeTemplate t = KeystrokeTemplate.enrol(s.subList(0, 10), rnd.nextLong());
            for (KeystrokeSample seen : s.subList(0, 10)) {
                copies++;
                caught1 += detector.verify(t, MeuData.jitter(seen, 1.0, rnd)).outcome() == Outcome.REPLAY ? 1 : 0;
                caught3 += detector.verify(t, MeuData.jitter(seen, 3.0, rnd)).outcome() == Outcome.REPLAY ? 1 : 0;
            }
        }
        assertThat(caught1).isEqualTo(copies); // ±1 ms: every copy
        assertThat(caught3).isGreaterThanOrEqualTo(copies * 99 / 100); // ±3 ms: 99 % or more
    }

    @Test
    void genuineRetypingIsNeverAReplay() {
        // every subject: enrol on 10, then each later typing is verified and folded in (32 fingerprints kept)
        int replays = 0;
        double worst = 0;
        for (List<KeystrokeSample> s : MeuData.subjects()) {
            KeystrokeTemplate t = KeystrokeTemplate.enrol(s.subList(0, 10), 9L);
            for (KeystrokeSample x : s.subList(10, s.size())) {
                worst = Math.max(worst, t.replaySimilarity(x));
                Verdict v = detector.verify(t, x);
                replays += v.outcome() == Outcome.REPLAY ? 1 : 0;
                t = t.update(x);
            }
        }
        assertThat(replays).isZero();
        assertThat(worst).isLessThan(ReplayGuard.REPLAY_SIMILARITY);
    }

    @Test
    void otherPeoplesTypingIsNotAReplay() {
        List<List<KeystrokeSample>> subjects = MeuData.subjects();
        KeystrokeTemplate t = KeystrokeTemplate.enrol(subjects.get(0).subList(0, 32), 2L);
        for (List<KeystrokeSample> other : subjects.subList(1, subjects.size())) {
            for (KeystrokeSample x : other) {
                assertThat(detector.verify(t, x).outcome()).isNotEqualTo(Outcome.REPLAY);
            }
        }
    }

    @Test
    void machineRegularTypingIsAReplay() {
        KeystrokeTemplate t = KeystrokeTemplate.enrol(MeuData.subjects().get(0).subList(0, 10), 1L);
        double[] h = new double[14];
        double[] dd = new double[13];
        // off any coarse clock's grid: constant values on one (all 80 and 160, say) are "no sample" instead
        java.util.Arrays.fill(h, 81.3);
        java.util.Arrays.fill(dd, 163.9);
        Verdict constant = detector.verify(t, KeystrokeSample.of(h, dd, null));
        assertThat(constant.outcome()).isEqualTo(Outcome.REPLAY);
        assertThat(constant.reason()).isEqualTo("regular-hold");

        // varied holds, but every flight the same (a script typing at a fixed rate)
        KeystrokeSample typed = MeuData.subjects().get(0).get(20);
        assertThat(detector.verify(t, KeystrokeSample.of(typed.hold(), dd, null)).reason()).isEqualTo("regular-dd");

        // human-looking values, all on a 6 ms scheduler grid: finer than any browser clamps its clock
        Random rnd = new Random(3);
        double q = 6.0;
        for (int i = 0; i < h.length; i++) {
            h[i] = Math.round((3 + rnd.nextInt(6)) * q * 10) / 10.0;
        }
        for (int i = 0; i < dd.length; i++) {
            dd[i] = Math.round((10 + rnd.nextInt(30)) * q * 10) / 10.0;
        }
        KeystrokeSample grid = KeystrokeSample.parse(KeystrokeSample.of(h, dd, null).toJson()).orElseThrow();
        Verdict g = detector.verify(t, grid);
        assertThat(g.outcome()).isEqualTo(Outcome.REPLAY);
        assertThat(g.reason()).isEqualTo("grid");
        // and in enrolment, before any template exists
        assertThat(detector.verify(null, grid).outcome()).isEqualTo(Outcome.REPLAY);
    }

    @Test
    void coarseBrowserClocksAreNeverAReplayByThemselves() {
        // genuine typings of the development file, as a browser that rounds performance.now() would report them
        List<List<KeystrokeSample>> subjects = MeuData.subjects();
        KeystrokeDetector detector = new KeystrokeDetector(KeystrokeDetector.DEFAULT_SENSITIVITY);
        for (double q : new double[] {1000.0 / 60, 15.6, 100.0}) {
            int typings = 0;
            int replays = 0;
            int noSample = 0;
            for (List<KeystrokeSample> typingsOfOne : subjects) {
                KeystrokeTemplate template = KeystrokeTemplate.enrol(typingsOfOne.subList(0, 10));
                for (KeystrokeSample genuine : typingsOfOne.subList(10, typingsOfOne.size())) {
                    KeystrokeSample coarse = quantise(genuine, q);
                    Outcome o = detector.verify(template, coarse).outcome();
                    typings++;
                    replays += o == Outcome.REPLAY ? 1 : 0;
                    noSample += o == Outcome.NO_SAMPLE ? 1 : 0;
                }
            }
            System.out.printf("coarse clock %.1f ms: %d genuine typings, %d REPLAY, %d NO_SAMPLE (coarse-timer)%n", q,
                    typings, replays, noSample);
            assertThat(replays).as("genuine typings called REPLAY at " + q + " ms").isZero();
            // most are recognised as a coarse clock; the rest (a clock of 16.67 ms read back to 0.1 ms drifts off
            // the grid over long intervals) are judged as typings, never as replays
            assertThat(noSample).as("judged honestly as 'cannot tell', at " + q + " ms").isGreaterThanOrEqualTo(typings * 9 / 10);
        }
        // a fine clock is not mistaken for a coarse one
        int coarse = 0;
        int all = 0;
        for (List<KeystrokeSample> typingsOfOne : subjects) {
            for (KeystrokeSample s : typingsOfOne) {
                all++;
                coarse += ReplayGuard.coarseTimer(s) ? 1 : 0;
            }
        }
        assertThat(coarse).as("of " + all + " typings as recorded").isZero();
    }

    /** The sample as a clock of resolution {@code q} ms would give it (the grid's phase fixed per key count). */
    private static KeystrokeSample quantise(KeystrokeSample s, double q) {
        return CoarseClock.quantise(s, q, new Random(s.hold().length).nextDouble() * q);
    }

    @Test
    void noGenuineTypingInTheDataLooksMachineMade() {
        for (List<KeystrokeSample> s : MeuData.subjects()) {
            for (KeystrokeSample x : s) {
                assertThat(ReplayGuard.machineRegularity(x)).isEmpty();
            }
        }
    }

    @Test
    void fingerprintsAreSaltedAndCompact() {
        KeystrokeSample x = MeuData.subjects().get(0).get(0);
        byte[] a = ReplayGuard.fingerprint(x, 1L);
        byte[] b = ReplayGuard.fingerprint(x, 2L);
        assertThat(a).hasSize(2 * 14); // 27 values -> 14 bands, 2 grids
        assertThat(ReplayGuard.similarity(a, a)).isEqualTo(1.0);
        assertThat(ReplayGuard.similarity(a, b)).isLessThan(0.3);
        assertThat(ReplayGuard.similarity(a, new byte[4])).isZero();
    }
}
