package dev.vigil.keycloak.riskengine.keystroke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeystrokeTemplateTest {

    private static KeystrokeTemplate enrolled(int subject, int n) {
        return KeystrokeTemplate.enrol(MeuData.subjects().get(subject).subList(0, n), 42L);
    }

    @Test
    void jsonRoundTripKeepsEverything() {
        KeystrokeTemplate t = enrolled(0, 10);
        String json = t.toJson();
        KeystrokeTemplate back = KeystrokeTemplate.fromJson(json).orElseThrow();
        assertThat(back.toJson()).isEqualTo(json);
        assertThat(back.sampleCount()).isEqualTo(10);
        assertThat(back.keyCount()).isEqualTo(14);
        assertThat(back.kinds()).isEqualTo(KeystrokeSample.ALL_KINDS);
        assertThat(back.fingerprintCount()).isEqualTo(10);
        assertThat(back.location()).containsExactly(t.location(), offset(1e-4));
        assertThat(back.scale()).containsExactly(t.scale(), offset(1e-4));
        KeystrokeDetector d = new KeystrokeDetector();
        for (KeystrokeSample s : MeuData.subjects().get(0).subList(10, 51)) {
            KeystrokeDetector.Verdict a = d.verify(t, s);
            KeystrokeDetector.Verdict b = d.verify(back, s);
            assertThat(b.outcome()).isEqualTo(a.outcome());
            if (!Double.isNaN(a.score())) {
                assertThat(b.score()).isCloseTo(a.score(), offset(1e-3));
            }
        }
    }

    @Test
    void rejectedTypingsAreCountedKeptInJsonAndClearedByASecondFactor() {
        KeystrokeTemplate t = enrolled(0, 10);
        assertThat(t.rejectedTypings()).isZero();
        assertThat(t.toJson()).doesNotContain("\"rej\"");
        List<KeystrokeSample> others = MeuData.subjects().get(5).subList(0, 2);
        KeystrokeTemplate twice = t.remember(others.get(0)).remember(others.get(1));
        assertThat(twice.rejectedTypings()).isEqualTo(2);
        assertThat(twice.sampleCount()).as("statistics unchanged").isEqualTo(10);
        assertThat(twice.location()).containsExactly(t.location(), offset(1e-12));
        KeystrokeTemplate back = KeystrokeTemplate.fromJson(twice.toJson()).orElseThrow();
        assertThat(back.rejectedTypings()).isEqualTo(2);
        assertThat(back.toJson()).endsWith(",\"rej\":2}").isEqualTo(twice.toJson());
        // a matching typing learnt later keeps the count: only a second factor clears it
        assertThat(back.update(MeuData.subjects().get(0).get(20)).rejectedTypings()).isEqualTo(2);
        KeystrokeTemplate cleared = back.cleared();
        assertThat(cleared.rejectedTypings()).isZero();
        assertThat(cleared.toJson()).as("the rejected typings' fingerprints stay: sent again, they are replays")
                .isEqualTo(twice.toJson().replace(",\"rej\":2", ""));
        assertThat(t.cleared()).isSameAs(t);
        // a count of 0 or below is never written, so it is not read either
        String base = t.toJson();
        assertThat(KeystrokeTemplate.fromJson(base.substring(0, base.length() - 1) + ",\"rej\":0}")).isEmpty();
        assertThat(KeystrokeTemplate.fromJson(base.substring(0, base.length() - 1) + ",\"rej\":-1}")).isEmpty();
        assertThat(KeystrokeTemplate.fromJson(base.substring(0, base.length() - 1) + ",\"rej\":1.5}")).isEmpty();
    }

    @Test
    void jsonHoldsStatisticsOnly() {
        List<KeystrokeSample> enrolment = MeuData.subjects().get(3).subList(0, 10);
        String json = KeystrokeTemplate.enrol(enrolment, 7L).toJson();
        assertThat(json).startsWith("{\"v\":1,\"keys\":14,\"kinds\":[\"h\",\"dd\",\"ud\"],\"n\":10,\"loc\":[")
                .contains("\"scale\":[", "\"norm\":", "\"salt\":\"0000000000000007\"", "\"fp\":[")
                .doesNotContain("\"h\":", "\"dd\":", "\"ud\":[");
        // no raw typing in it: its hold times in ms appear nowhere as a sequence
        for (KeystrokeSample s : enrolment) {
            double[] h = s.hold();
            String raw = MiniJson.num(h[0], 1) + "," + MiniJson.num(h[1], 1) + "," + MiniJson.num(h[2], 1);
            assertThat(json).doesNotContain(raw);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "{}", "[]", "null", "{\"v\":1}",
        "{\"v\":2,\"keys\":4,\"kinds\":[\"h\"],\"n\":1,\"loc\":[1,1,1,1],\"scale\":[0,0,0,0],\"norm\":5,\"salt\":\"0000000000000001\",\"fp\":[]}",
        "{\"v\":1,\"keys\":4,\"kinds\":[\"h\"],\"n\":1,\"loc\":[1,1,1],\"scale\":[0,0,0,0],\"norm\":5,\"salt\":\"0000000000000001\",\"fp\":[]}",
        "{\"v\":1,\"keys\":4,\"kinds\":[\"h\"],\"n\":1,\"loc\":[1,1,1,1],\"scale\":[0,0,-1,0],\"norm\":5,\"salt\":\"0000000000000001\",\"fp\":[]}",
        "{\"v\":1,\"keys\":4,\"kinds\":[\"h\"],\"n\":0,\"loc\":[1,1,1,1],\"scale\":[0,0,0,0],\"norm\":5,\"salt\":\"0000000000000001\",\"fp\":[]}",
        "{\"v\":1,\"keys\":4,\"kinds\":[\"x\"],\"n\":1,\"loc\":[1,1,1,1],\"scale\":[0,0,0,0],\"norm\":5,\"salt\":\"0000000000000001\",\"fp\":[]}",
        "{\"v\":1,\"keys\":4,\"kinds\":[\"h\"],\"n\":1,\"loc\":[1,1,1,1],\"scale\":[0,0,0,0],\"norm\":0,\"salt\":\"0000000000000001\",\"fp\":[]}",
        "{\"v\":1,\"keys\":4,\"kinds\":[\"h\"],\"n\":1,\"loc\":[1,1,1,1],\"scale\":[0,0,0,0],\"norm\":5,\"salt\":\"zz\",\"fp\":[]}",
        "{\"v\":1,\"keys\":4,\"kinds\":[\"h\"],\"n\":1,\"loc\":[1,1,1,1],\"scale\":[0,0,0,0],\"norm\":5,\"salt\":\"0000000000000001\",\"fp\":[\"!!\"]}",
        "{\"v\":1,\"keys\":4,\"kinds\":[\"h\"],\"n\":1.5,\"loc\":[1,1,1,1],\"scale\":[0,0,0,0],\"norm\":5,\"salt\":\"0000000000000001\",\"fp\":[]}",
        "{\"v\":1,\"keys\":4,\"kinds\":[\"h\"],\"n\":1,\"loc\":[1,1,1,1],\"scale\":[0,0,0,0],\"norm\":5,\"salt\":\"0000000000000001\",\"fp\":[],\"x\":1}",
    })
    void garbageGivesEmpty(String json) {
        assertThat(KeystrokeTemplate.fromJson(json)).isEmpty();
    }

    @Test
    void minimalValidJsonIsAccepted() {
        assertThat(KeystrokeTemplate.fromJson("{\"v\":1,\"keys\":4,\"kinds\":[\"h\"],\"n\":1,\"loc\":[1,1,1,1],"
                + "\"scale\":[0,0,0,0],\"norm\":5,\"salt\":\"0000000000000001\",\"fp\":[]}")).isPresent();
        assertThat(KeystrokeTemplate.fromJson(null)).isEmpty();
        assertThat(KeystrokeTemplate.fromJson(" ".repeat(KeystrokeTemplate.MAX_JSON_CHARS + 1))).isEmpty();
    }

    @Test
    void corruptedJsonNeverThrows() {
        String json = enrolled(1, 10).toJson();
        Random rnd = new Random(1);
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder(json);
            for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                int p = rnd.nextInt(b.length());
                switch (rnd.nextInt(3)) {
                    case 0 -> b.deleteCharAt(p);
                    case 1 -> b.insert(p, "{}[],:\"-0.e9x".charAt(rnd.nextInt(13)));
                    default -> b.setCharAt(p, (char) rnd.nextInt(128));
                }
            }
            KeystrokeTemplate.fromJson(b.toString()); // must not throw
        }
    }

    @Test
    void updateMovesTheTemplateTowardsNewTyping() {
        List<KeystrokeSample> s = MeuData.subjects().get(5);
        KeystrokeTemplate t = KeystrokeTemplate.enrol(s.subList(0, 10), 1L);
        KeystrokeSample probe = s.get(50);
        double before = KeystrokeDetector.score(t, probe);
        KeystrokeTemplate u = t;
        for (KeystrokeSample x : s.subList(30, 50)) {
            u = u.update(x);
        }
        assertThat(u.sampleCount()).isEqualTo(30);
        assertThat(KeystrokeDetector.score(u, probe)).isLessThan(before);
        assertThat(t.sampleCount()).isEqualTo(10); // immutable
        assertThat(u.fingerprintCount()).isEqualTo(30);
        u = u.update(s.get(20)).update(s.get(21)).update(s.get(22));
        assertThat(u.fingerprintCount()).isEqualTo(ReplayGuard.MAX_FINGERPRINTS);
    }

    @Test
    void updateIsBoundedPerTypingAndForgetsOldTyping() {
        List<KeystrokeSample> s = MeuData.subjects().get(7);
        KeystrokeTemplate t = KeystrokeTemplate.enrol(s.subList(0, 20), 1L);
        double[] loc = t.location();
        double[] floors = KeystrokeFeatures.floors(t.keyCount(), t.kinds());
        // one absurd typing (everything 5x slower) moves each location by at most a * 2 scales
        double[] h = s.get(20).hold();
        double[] dd = s.get(20).downDown();
        for (int i = 0; i < h.length; i++) {
            h[i] *= 5;
        }
        for (int i = 0; i < dd.length; i++) {
            dd[i] *= 5;
        }
        KeystrokeTemplate u = t.update(KeystrokeSample.of(h, dd, null));
        double a = 2.0 / (KeystrokeTemplate.WINDOW + 1);
        double[] scale = t.scale();
        for (int i = 0; i < loc.length; i++) {
            assertThat(Math.abs(u.location()[i] - loc[i])).isLessThanOrEqualTo(a * 2 * Math.max(scale[i], floors[i]) + 1e-9);
        }
        // a persistent change is followed: 60 typings 30 % slower than the same typings at their own pace
        // move the tempo feature most of the way (ln 1.3 = 0.26)
        int tempo = t.keyCount() + t.keyCount() - 1;
        KeystrokeTemplate v = t;
        KeystrokeTemplate same = t;
        for (int r = 0; r < 60; r++) {
            KeystrokeSample x = s.get(20 + r % 31);
            double[] d2 = x.downDown();
            for (int i = 0; i < d2.length; i++) {
                d2[i] *= 1.3;
            }
            v = v.update(KeystrokeSample.of(x.hold(), d2, null));
            same = same.update(x);
        }
        assertThat(v.location()[tempo] - same.location()[tempo]).isGreaterThan(0.6 * Math.log(1.3));
        assertThat(v.sampleCount()).isEqualTo(80);
    }

    @Test
    void incrementalEnrolmentFromOneTyping() {
        List<KeystrokeSample> s = MeuData.subjects().get(2);
        KeystrokeTemplate t = KeystrokeTemplate.enrol(List.of(s.get(0)), 3L);
        KeystrokeDetector d = new KeystrokeDetector();
        assertThat(t.isEnrolled()).isFalse();
        for (int i = 1; i < 5; i++) {
            assertThat(d.verify(t, s.get(i)).outcome()).isEqualTo(KeystrokeDetector.Outcome.ENROLLING);
            t = t.update(s.get(i));
        }
        assertThat(t.isEnrolled()).isTrue();
        int match = 0;
        for (KeystrokeSample x : s.subList(5, 51)) {
            match += d.verify(t, x).isMatch() ? 1 : 0;
        }
        assertThat(match).isGreaterThan(30);
    }

    @Test
    void enrolLeansTowardsTheLatestTypings() {
        // five typings with 100 ms holds, then five with 150 ms holds: a plain median would sit between
        // them; the recency-weighted median gives the latest habit (the last five weigh 1.65x the first five)
        List<KeystrokeSample> batch = new ArrayList<>();
        for (int r = 0; r < 10; r++) {
            double hold = r < 5 ? 100 : 150;
            batch.add(KeystrokeSample.of(new double[] {hold, hold + r, hold, hold}, new double[] {300, 250 + r, 400},
                    null));
        }
        KeystrokeTemplate t = KeystrokeTemplate.enrol(batch, 5L);
        assertThat(t.location()[0]).isCloseTo(Math.log(150), offset(1e-9));
        assertThat(t.location()[2]).isCloseTo(Math.log(150), offset(1e-9));
        // order matters, not just the values: the same typings the other way round give the old habit
        List<KeystrokeSample> oldestLast = new ArrayList<>(batch);
        Collections.reverse(oldestLast);
        KeystrokeTemplate reversed = KeystrokeTemplate.enrol(oldestLast, 5L);
        assertThat(reversed.location()[0]).isCloseTo(Math.log(100), offset(1e-9));
    }

    @Test
    void enrolRefusesMixedLayouts() {
        List<KeystrokeSample> mixed = new ArrayList<>(MeuData.subjects().get(0).subList(0, 3));
        mixed.add(KeystrokeSample.of(new double[] {90, 80, 100, 85}, new double[] {300, 250, 400}, null));
        assertThatThrownBy(() -> KeystrokeTemplate.enrol(mixed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeystrokeTemplate.enrol(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tuningSettingsChangeTheScoreButAreNeverStored() {
        List<KeystrokeSample> s = MeuData.subjects().get(4);
        List<KeystrokeSample> enrolment = s.subList(0, 10);
        KeystrokeSample probe = MeuData.subjects().get(9).get(0);
        KeystrokeTemplate shipped = KeystrokeTemplate.enrol(enrolment, KeystrokeSettings.DEFAULT);
        assertThat(KeystrokeDetector.score(shipped, probe))
                .isEqualTo(KeystrokeDetector.score(KeystrokeTemplate.enrol(enrolment), probe));

        KeystrokeSettings holdOnly = KeystrokeSettings.DEFAULT.withKinds(KeystrokeSample.HOLD);
        KeystrokeTemplate tuned = KeystrokeTemplate.enrol(enrolment, holdOnly);
        assertThat(tuned.kinds()).isEqualTo(KeystrokeSample.HOLD);
        assertThat(tuned.location()).hasSize(enrolment.get(0).keyCount());

        KeystrokeTemplate wideUd = KeystrokeTemplate.enrol(enrolment,
                KeystrokeSettings.DEFAULT.withFloors(0.10, 0.13, 0.15, 100.0));
        assertThat(KeystrokeDetector.score(wideUd, probe)).isNotEqualTo(KeystrokeDetector.score(shipped, probe));
        // the settings are not stored: read back from JSON, the same statistics score with the shipped floors
        KeystrokeTemplate back = KeystrokeTemplate.fromJson(wideUd.toJson()).orElseThrow();
        assertThat(back.toJson()).isEqualTo(wideUd.toJson());
        assertThat(KeystrokeDetector.score(back, probe)).isNotEqualTo(KeystrokeDetector.score(wideUd, probe));
        assertThatThrownBy(() -> KeystrokeSettings.DEFAULT.withKinds(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeystrokeSettings.DEFAULT.withWindow(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
