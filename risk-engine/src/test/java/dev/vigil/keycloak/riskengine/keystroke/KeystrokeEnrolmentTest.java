package dev.vigil.keycloak.riskengine.keystroke;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import dev.vigil.keycloak.riskengine.keystroke.KeystrokeDetector.Outcome;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeEnrolment.Problem;
import org.junit.jupiter.api.Test;

class KeystrokeEnrolmentTest {

    private static List<String> typings(int subject, int from, int to) {
        return MeuData.subjects().get(subject).subList(from, to).stream().map(KeystrokeSample::toJson).toList();
    }

    @Test
    void tenTypingsMakeATemplateThatRecognisesThePerson() {
        KeystrokeEnrolment.Result r = KeystrokeEnrolment.of(typings(0, 0, 10), 10);
        assertThat(r.ok()).isTrue();
        assertThat(r.problem()).isNull();
        assertThat(r.template().sampleCount()).isEqualTo(10);
        assertThat(r.template().isEnrolled()).isTrue();
        KeystrokeDetector detector = new KeystrokeDetector();
        long matches = MeuData.subjects().get(0).subList(10, 30).stream()
                .filter(s -> detector.verify(r.template(), s).outcome() == Outcome.MATCH).count();
        long impostorMatches = MeuData.subjects().subList(1, 21).stream()
                .filter(other -> detector.verify(r.template(), other.get(0)).outcome() == Outcome.MATCH).count();
        // subject 0 drifts over the session; its later typings still match far more often than strangers'
        assertThat(matches).as("later typings of the same person, of 20").isGreaterThanOrEqualTo(12);
        assertThat(impostorMatches).as("first typings of 20 other people").isLessThanOrEqualTo(8);
    }

    @Test
    void fewerTypingsThanAskedForAreRefused() {
        assertThat(KeystrokeEnrolment.of(typings(0, 0, 9), 10).problem()).isEqualTo(Problem.TOO_FEW);
        assertThat(KeystrokeEnrolment.of(List.of(), 10).problem()).isEqualTo(Problem.TOO_FEW);
        assertThat(KeystrokeEnrolment.of(null, 10).problem()).isEqualTo(Problem.TOO_FEW);
        // never fewer than the detector needs, whatever was asked for
        assertThat(KeystrokeEnrolment.of(typings(0, 0, 4), 2).problem()).isEqualTo(Problem.TOO_FEW);
    }

    @Test
    void anUnreadableTypingOrTooManyAreRefused() {
        List<String> fields = new ArrayList<>(typings(0, 0, 10));
        fields.set(4, "{\"v\":1,\"h\":[1e999]}");
        assertThat(KeystrokeEnrolment.of(fields, 10).problem()).isEqualTo(Problem.UNUSABLE);
        fields.set(4, "x".repeat(1_000_000));
        assertThat(KeystrokeEnrolment.of(fields, 10).problem()).isEqualTo(Problem.UNUSABLE);
        assertThat(KeystrokeEnrolment.of(typings(0, 0, 31), 10).problem()).isEqualTo(Problem.UNUSABLE);
    }

    @Test
    void typingsWithDifferentKeysAreRefused() {
        List<String> fields = new ArrayList<>(typings(0, 0, 10));
        KeystrokeSample s = MeuData.subjects().get(0).get(3);
        double[] h = Arrays.copyOf(s.hold(), s.keyCount() - 1);
        double[] dd = Arrays.copyOf(s.downDown(), s.keyCount() - 2);
        fields.set(3, KeystrokeSample.of(h, dd, null).toJson());
        assertThat(KeystrokeEnrolment.of(fields, 10).problem()).isEqualTo(Problem.MIXED_LAYOUT);
    }

    @Test
    void oneRecordingSentAgainOrMachineTimingsAreRefused() {
        List<String> fields = new ArrayList<>(typings(0, 0, 10));
        fields.set(7, fields.get(2));
        assertThat(KeystrokeEnrolment.of(fields, 10).problem()).isEqualTo(Problem.MACHINE_MADE);

        double[] h = new double[14];
        double[] dd = new double[13];
        Arrays.fill(h, 101.3);
        Arrays.fill(dd, 163.9);
        List<String> robot = Collections.nCopies(10, KeystrokeSample.of(h, dd, null).toJson());
        assertThat(KeystrokeEnrolment.of(robot, 10).problem()).isEqualTo(Problem.MACHINE_MADE);
    }
}
