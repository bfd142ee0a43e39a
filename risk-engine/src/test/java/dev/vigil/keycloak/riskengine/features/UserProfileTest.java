package dev.vigil.keycloak.riskengine.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class UserProfileTest {

    static final byte[] SECRET = "realm one's secret".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    static final byte[] OTHER_SECRET = "realm two's secret".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    static final ValueHasher KEYS = new ValueHasher(SECRET, ValueHasher.PROFILE);

    @Test
    void valuesAreHashedWithTheRealmsKeyStableWithinARealmDifferentAcrossRealms() {
        ValueHasher realmOne = new ValueHasher(SECRET, ValueHasher.PROFILE);
        ValueHasher realmTwo = new ValueHasher(OTHER_SECRET, ValueHasher.PROFILE);
        assertThat(realmOne.hash("198.51.100.7")).isEqualTo(KEYS.hash("198.51.100.7")).hasSize(16);
        assertThat(realmTwo.hash("198.51.100.7")).isNotEqualTo(realmOne.hash("198.51.100.7"));
        assertThat(new ValueHasher(SECRET, ValueHasher.USERNAME).hash("198.51.100.7"))
                .as("another purpose, another key").isNotEqualTo(realmOne.hash("198.51.100.7"));
        assertThat(realmOne.keyId()).isNotEqualTo(realmTwo.keyId());

        UserProfile one = UserProfile.empty(realmOne);
        one.add(1_000, "198.51.100.7", null, "d:a", "app", null, 0);
        String text = UserProfileCodec.encode(one);
        assertThat(text).doesNotContain("198.51.100.7").doesNotContain("d:a")
                .contains(realmOne.hash("198.51.100.7")).doesNotContain(realmTwo.hash("198.51.100.7"));
        assertThat(UserProfileCodec.decode(text, realmOne).knowsDevice("d:a", 0)).isTrue();
    }


    static final long H = 3_600_000L;
    static final long T0 = 1_790_000_000_000L;
    static final long WINDOW = 90 * 24 * H;

    @Test
    void remembersThePreviousLoginAndWhatWasSeen() {
        UserProfile p = UserProfile.empty(KEYS);
        assertThat(p.isFirstLogin()).isTrue();
        assertThat(p.ipChanged("10.0.0.1")).as("nothing to compare with").isFalse();
        assertThat(p.typical()).isNull();

        p.add(T0, "10.0.0.1", "10.0.0.0/24", "d:laptop", "portal", vector(1), T0 - WINDOW);
        p.add(T0 + H, "10.0.0.2", "10.0.0.0/24", "d:phone", "portal", vector(3), T0 + H - WINDOW);

        assertThat(p.lastLogin()).isEqualTo(T0 + H);
        assertThat(p.ipChanged("10.0.0.2")).isFalse();
        assertThat(p.ipChanged("10.0.0.1")).isTrue();
        assertThat(p.knowsDevice("d:laptop", T0 - WINDOW)).isTrue();
        assertThat(p.knowsDevice("d:laptop", T0 + 1)).as("last seen before the window").isFalse();
        assertThat(p.knowsDevice("d:tablet", T0 - WINDOW)).isFalse();
        assertThat(p.knowsDevice(null, T0 - WINDOW)).isFalse();
        assertThat(p.knowsNetwork("10.0.0.0/24", 0)).isTrue();
        assertThat(p.knowsNetwork("192.0.2.0/24", 0)).isFalse();
        assertThat(p.knowsClient("portal", 0)).isTrue();
        assertThat(p.knowsClient("admin-cli", 0)).isFalse();
        assertThat(p.distinctIps("10.0.0.3", T0 - 1)).isEqualTo(3);
        assertThat(p.distinctIps("10.0.0.2", T0 + 1)).as("the login's own IP counts once").isEqualTo(1);
        assertThat(p.distinctDevices("d:phone", T0 - 1)).isEqualTo(2);
        assertThat(p.typical()[0]).as("plain mean at first").isEqualTo(2.0);
    }

    @Test
    void aLateLoginUpdatesWhatWasSeenButNotThePreviousLogin() {
        UserProfile p = UserProfile.empty(KEYS);
        p.add(T0, "10.0.0.1", "10.0.0.0/24", "d:a", "portal", null, 0);
        p.add(T0 - H, "10.9.9.9", "10.9.9.0/24", "d:b", "portal", null, 0);
        assertThat(p.lastLogin()).isEqualTo(T0);
        assertThat(p.ipChanged("10.0.0.1")).isFalse();
        assertThat(p.knowsNetwork("10.9.9.0/24", 0)).isTrue();
    }

    @Test
    void countsTheLoginsOfTheLast24HoursToTheHour() {
        UserProfile p = UserProfile.empty(KEYS);
        long hour = Math.floorDiv(T0, H) * H;
        p.add(hour - 30 * H, "ip", null, null, null, null, 0); // beyond 24 h
        p.add(hour - 23 * H, "ip", null, null, null, null, 0);
        p.add(hour - 2 * H + 5, "ip", null, null, null, null, 0);
        p.add(hour - 2 * H + 9, "ip", null, null, null, null, 0);
        p.add(hour + 10, "ip", null, null, null, null, 0);
        assertThat(p.loginsInDayBefore(hour + 20)).isEqualTo(4);
        assertThat(p.loginsInDayBefore(hour + 2 * H)).as("the hour 23 h back has left the window").isEqualTo(3);
        assertThat(p.loginsInDayBefore(hour + 40 * H)).isZero();
        p.add(hour - 40 * H, "ip", null, null, null, null, 0);
        assertThat(p.loginsInDayBefore(hour + 20)).as("a login older than the hours kept is not counted").isEqualTo(4);
    }

    @Test
    void keepsTheMostRecentlySeenValuesOfEachKind() {
        UserProfile p = UserProfile.empty(KEYS);
        for (int i = 0; i < UserProfile.MAX_KNOWN + 4; i++) {
            p.add(T0 + i * H, "ip", null, "d:" + i, null, null, 0);
        }
        assertThat(p.knowsDevice("d:0", 0)).as("forgotten: the oldest of more than MAX_KNOWN").isFalse();
        assertThat(p.knowsDevice("d:3", 0)).isFalse();
        assertThat(p.knowsDevice("d:4", 0)).isTrue();
        p.add(T0 + 100 * H, "ip", null, "d:0", null, null, 0); // back again: now the most recent, d:4 goes
        assertThat(p.knowsDevice("d:0", 0)).isTrue();
        assertThat(p.knowsDevice("d:4", 0)).isFalse();
        assertThat(p.knowsDevice("d:5", 0)).isTrue();
        assertThat(p.knowsDevice("d:19", 0)).isTrue();
        assertThat(p.distinctDevices("d:19", 0)).isEqualTo(UserProfile.MAX_KNOWN);
    }

    @Test
    void theTypicalValuesFollowAboutTheLastMeanWindowLogins() {
        UserProfile p = UserProfile.empty(KEYS);
        for (int i = 0; i < 1000; i++) {
            p.add(T0 + i, "ip", null, null, null, vector(0), 0);
        }
        for (int i = 0; i < UserProfile.MEAN_WINDOW * 3; i++) {
            p.add(T0 + 2000 + i, "ip", null, null, null, vector(10), 0);
        }
        assertThat(p.typical()[0]).as("old habits fade").isGreaterThan(9.0);
    }

    @Test
    void theProfileOfAHistoryIsTheLoginsFoldedOldestFirst() {
        List<PastLogin> newestFirst = new ArrayList<>();
        UserProfile folded = UserProfile.empty(KEYS);
        for (int i = 0; i < 30; i++) {
            long t = T0 + i * 7 * H;
            String features = LoginFeatures.encode(vector(i));
            folded.add(t, "10.0.0." + (i % 3), "10.0.0.0/24", "d:" + (i % 2), "portal", LoginFeatures.decode(features), 0);
            newestFirst.add(0, new PastLogin(t, "10.0.0." + (i % 3), "10.0.0.0/24", "d:" + (i % 2), "portal", features));
        }
        assertThat(UserProfileCodec.encode(UserProfile.fromHistory(KEYS, newestFirst, 0)))
                .isEqualTo(UserProfileCodec.encode(folded));
    }

    @Test
    void theStoredTextRoundTripsHoldsNoRawValuesAndFitsTheColumn() {
        UserProfile p = UserProfile.empty(KEYS);
        String longClient = "c".repeat(255);
        for (int i = 0; i < 40; i++) {
            p.add(T0 + i * H, "2001:db8:ffff:ffff:ffff:ffff:ffff:" + i, "2001:db8:" + i + "::/48", "d:" + "x".repeat(60) + i,
                    longClient + i, vector(-123456.789 * i), 0);
        }
        String text = UserProfileCodec.encode(p);
        assertThat(text.length()).isLessThanOrEqualTo(UserProfileCodec.MAX_LENGTH);
        assertThat(text).doesNotContain("2001:db8").doesNotContain("xxxx").doesNotContain("cccc");

        UserProfile back = UserProfileCodec.decode(text, KEYS);
        assertThat(UserProfileCodec.encode(back)).isEqualTo(text);
        long t = T0 + 40 * H;
        assertThat(back.knowsClient(longClient + 39, 0)).isTrue();
        assertThat(back.ipChanged("2001:db8:ffff:ffff:ffff:ffff:ffff:39")).isFalse();
        assertThat(back.loginsInDayBefore(t)).isEqualTo(p.loginsInDayBefore(t)).isEqualTo(23);
        assertThat(back.typical()[0]).isCloseTo(p.typical()[0], offset(Math.abs(p.typical()[0]) * 1e-6));
    }

    @Test
    void unreadableTextDecodesToNull() {
        String good = UserProfileCodec.encode(UserProfile.empty(KEYS));
        assertThat(UserProfileCodec.decode(good, KEYS)).isNotNull();
        assertThat(UserProfileCodec.decode(null, KEYS)).isNull();
        assertThat(UserProfileCodec.decode("", KEYS)).isNull();
        assertThat(UserProfileCodec.decode("1" + good.substring(1), KEYS)).as("another format").isNull();
        assertThat(UserProfileCodec.decode(good, new ValueHasher(OTHER_SECRET, ValueHasher.PROFILE)))
                .as("hashed with another key: rebuilt from the rows").isNull();
        assertThat(UserProfileCodec.decode(good.replace(";-1;", ";x;"), KEYS)).isNull();
        assertThat(UserProfileCodec.decode(good + ";extra", KEYS)).isNull();
        assertThat(UserProfileCodec.decode(good.replaceFirst(";0,0,", ";0,"), KEYS)).isNull();
        assertThat(UserProfileCodec.decode(good.substring(0, good.length() - 3) + "a=b", KEYS)).isNull();
    }

    private static double[] vector(double first) {
        double[] x = new double[Feature.COUNT];
        x[0] = first;
        return x;
    }
}
