package dev.vigil.keycloak.riskengine.risk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AssessmentTimingsTest {

    /** far beyond any time other tests record at, so that their assessments stay out of these windows */
    private static final long T = 4_000_000_000_000L;

    @Test
    void onlyAssessmentsThatEndedInTheWindowAreSummarised() {
        // a slow warm-up before the window, then 100 quick ones (1..100 ms) in it, then one after it
        // (the thread's CPU time a tenth of the wall time each, and one not measurable)
        AssessmentTimings.record(500_000_000L, 50_000_000L, T - 1);
        for (int ms = 1; ms <= 100; ms++) {
            AssessmentTimings.record(ms * 1_000_000L, ms == 100 ? -1 : ms * 100_000L, T + ms);
        }
        AssessmentTimings.record(900_000_000L, 90_000_000L, T + 1_000);

        AssessmentTimings.Summary s = AssessmentTimings.summary(T, T + 100);
        assertThat(s.inWindow()).isEqualTo(100);
        assertThat(s.count()).isGreaterThanOrEqualTo(102);
        assertThat(s.p50Millis()).isEqualTo(50.0);
        assertThat(s.p99Millis()).isEqualTo(99.0);
        assertThat(s.maxMillis()).isEqualTo(100.0);
        // CPU of the 99 measurable ones: 0.1 .. 9.9 ms
        assertThat(s.cpuP50Millis()).isEqualTo(5.0);
        assertThat(s.cpuP99Millis()).isEqualTo(9.9);

        assertThat(AssessmentTimings.summary(T + 101, T + 999).inWindow()).isZero();
        assertThat(AssessmentTimings.summary(T + 101, T + 999).p99Millis()).isZero();
        assertThat(AssessmentTimings.summary(T - 1, T + 1_000).maxMillis()).isEqualTo(900.0);
    }
}
