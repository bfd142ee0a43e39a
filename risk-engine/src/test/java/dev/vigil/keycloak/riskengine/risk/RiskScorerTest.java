package dev.vigil.keycloak.riskengine.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import dev.vigil.keycloak.riskengine.features.LoginAttribute;
import dev.vigil.keycloak.riskengine.features.UserProfile;
import dev.vigil.keycloak.riskengine.features.UserProfileCodec;
import dev.vigil.keycloak.riskengine.features.ValueHasher;
import org.junit.jupiter.api.Test;

class RiskScorerTest {

    static final ValueHasher KEYS = new ValueHasher("a realm secret".getBytes(StandardCharsets.UTF_8), ValueHasher.PROFILE);
    static final String UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36";
    static final long DAY = 86_400_000L;
    static final long T0 = 1_780_000_000_000L;

    /** A user who logged in 30 times from Paris, one network, one device, around 9 am. */
    static UserProfile habitual(Counting population) {
        UserProfile p = UserProfile.empty(KEYS);
        for (int i = 0; i < 30; i++) {
            long t = T0 + i * DAY;
            LoginFacts f = facts(t, 9, "198.51.100.7", "FR", 3215L, 48.86, 2.35, "d:laptop", UA);
            p.add(t, f.ip(), f.network(), f.deviceId(), "app", null, 0);
            p.observe(t, RiskScorer.attributes(f), 9, new double[] {48.86, 2.35, 20});
            population.add(f);
        }
        return p;
    }

    static LoginFacts facts(long t, int hour, String ip, String country, Long asn, Double lat, Double lon,
            String device, String ua) {
        String network = ip.substring(0, ip.lastIndexOf('.')) + ".0/24";
        return new LoginFacts(t, hour, ip, network, country, asn, lat, lon, lat == null ? null : 20, device, false,
                ua, null, 0, 0, 0, 0, null);
    }

    @Test
    void theUsualLoginIsLowAndANewDeviceFromANewNetworkIsMedium() {
        Counting pop = new Counting();
        UserProfile p = habitual(pop);
        long t = T0 + 31 * DAY;
        RiskAssessment usual = RiskScorer.assess(RiskSettings.DEFAULTS, p, 0,
                facts(t, 9, "198.51.100.7", "FR", 3215L, 48.86, 2.35, "d:laptop", UA), pop);
        assertThat(usual.level()).isEqualTo(RiskLevel.LOW);
        assertThat(usual.reasonsText()).doesNotContain("new_device");

        RiskAssessment elsewhere = RiskScorer.assess(RiskSettings.DEFAULTS, p, 0,
                facts(t, 9, "203.0.113.9", "FR", 3215L, 48.86, 2.35, null, UA), pop);
        assertThat(elsewhere.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(elsewhere.reasonsText()).contains("new_device=no device cookie(+2.00)", "new_network=new(+0.75)");
    }

    @Test
    void aTrustedLaptopAbroadIsLowWhereAnUntrustedOneIsSteppedUp() {
        Counting pop = new Counting();
        UserProfile p = habitual(pop);
        long t = T0 + 31 * DAY;
        // her known laptop in Germany, a day after the last login in Paris: new IP, network, ISP and country
        LoginFacts known = facts(t, 9, "192.0.2.44", "DE", 3320L, 52.5, 13.4, "d:laptop", UA);
        RiskAssessment untrusted = RiskScorer.assess(RiskSettings.DEFAULTS, p, 0, known, pop);
        assertThat(untrusted.level()).isEqualTo(RiskLevel.MEDIUM);
        LoginFacts trusted = new LoginFacts(known.time(), known.hourOfDay(), known.ip(), known.network(), known.country(),
                known.asn(), known.latitude(), known.longitude(), known.accuracyKm(), known.deviceId(), true,
                known.userAgent(), null, 0, 0, 0, 0, null);
        RiskAssessment a = RiskScorer.assess(RiskSettings.DEFAULTS, p, 0, trusted, pop);
        assertThat(a.level()).isEqualTo(RiskLevel.LOW);
        assertThat(a.reasonsText()).contains("trusted_device=trusted(-2.00)", "new_country=DE").doesNotContain("new_device");
        // a trusted browser does not hide impossible travel: Sydney 30 minutes after Paris is still stepped up
        LoginFacts jump = new LoginFacts(T0 + 29 * DAY + 1_800_000, 9, "192.0.2.44", "192.0.2.0/24", "AU", 1221L,
                -33.87, 151.21, 20, "d:laptop", true, UA, null, 0, 0, 0, 0, null);
        assertThat(RiskScorer.assess(RiskSettings.DEFAULTS, p, 0, jump, pop).level()).isNotEqualTo(RiskLevel.LOW);
    }

    @Test
    void withoutGeoIpANewAddressOnHerNetworkIsNotMadeUnlikelyByTheLikelihood() {
        Counting pop = new Counting();
        UserProfile p = UserProfile.empty(KEYS);
        for (int i = 0; i < 60; i++) {
            long t = T0 + i * DAY;
            LoginFacts f = facts(t, 9, "198.51.100." + (10 + i % 10), null, null, null, null, "d:laptop", UA);
            p.add(t, f.ip(), f.network(), f.deviceId(), "app", null, 0);
            p.observe(t, RiskScorer.attributes(f), 9, null);
            pop.add(f);
        }
        // her laptop, her network, an address of it she never had (a dynamic line): no GeoIP, so the network part of
        // the likelihood has one level only (the exact IP) and is left out; the browser part favours her
        RiskAssessment a = RiskScorer.assess(RiskSettings.DEFAULTS, p, 0,
                facts(T0 + 61 * DAY, 9, "198.51.100.40", null, null, null, null, "d:laptop", UA), pop);
        assertThat(a.level()).isEqualTo(RiskLevel.LOW);
        assertThat(a.points()).isLessThanOrEqualTo(0.25);
        assertThat(a.reasonsText()).contains("new_ip").doesNotContain("likelihood=log10 ratio 1");
    }

    @Test
    void someoneElsesTypingAtHerOwnTrustedLaptopIsSteppedUp() {
        Counting pop = new Counting();
        UserProfile p = habitual(pop);
        long t = T0 + 31 * DAY;
        // her laptop, trusted, her network at her usual hour: everything familiar lowers the points (likelihood,
        // trusted browser) — but the typing is not hers
        for (String typing : new String[] {"MISMATCH", "UNVERIFIED", "REPLAY"}) {
            LoginFacts f = new LoginFacts(t, 9, "198.51.100.7", "198.51.100.0/24", "FR", 3215L, 48.86, 2.35, 20,
                    "d:laptop", true, UA, typing, 0, 0, 0, 0, null);
            RiskAssessment a = RiskScorer.assess(RiskSettings.DEFAULTS, p, 0, f, pop);
            assertThat(a.points()).as("%s: the sum alone is below MEDIUM", typing).isLessThan(RiskScorer.POINTS_AT_HALF);
            assertThat(a.level()).as("%s at her trusted laptop: %s", typing, a.reasonsText()).isEqualTo(RiskLevel.MEDIUM);
        }
        LoginFacts hers = new LoginFacts(t, 9, "198.51.100.7", "198.51.100.0/24", "FR", 3215L, 48.86, 2.35, 20,
                "d:laptop", true, UA, "MATCH", 0, 0, 0, 0, null);
        assertThat(RiskScorer.assess(RiskSettings.DEFAULTS, p, 0, hers, pop).level()).isEqualTo(RiskLevel.LOW);
        // an operator who weighs typing rhythm at 0 switches the floor off with it
        RiskSettings noTyping = RiskSettings.DEFAULTS.withChanges(java.util.Map.of("weight.typing_rhythm", "0"));
        LoginFacts mismatch = new LoginFacts(t, 9, "198.51.100.7", "198.51.100.0/24", "FR", 3215L, 48.86, 2.35, 20,
                "d:laptop", true, UA, "MISMATCH", 0, 0, 0, 0, null);
        assertThat(RiskScorer.assess(noTyping, p, 0, mismatch, pop).level()).isEqualTo(RiskLevel.LOW);
    }

    @Test
    void impossibleTravelIsHighAndAFlightIsNot() {
        Counting pop = new Counting();
        UserProfile p = habitual(pop);
        long last = T0 + 29 * DAY;
        // Paris -> Sydney (about 16,960 km) 30 minutes after the last login
        RiskAssessment jump = RiskScorer.assess(RiskSettings.DEFAULTS, p, 0,
                facts(last + 1_800_000, 9, "198.51.100.7", "AU", 1221L, -33.87, 151.21, "d:laptop", UA), pop);
        assertThat(jump.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(jump.reasons().get(0).signal()).isEqualTo(RiskSignal.IMPOSSIBLE_TRAVEL);
        // the same trip after 24 hours is a flight
        RiskAssessment flight = RiskScorer.assess(RiskSettings.DEFAULTS, p, 0,
                facts(last + DAY, 9, "198.51.100.7", "AU", 1221L, -33.87, 151.21, "d:laptop", UA), pop);
        assertThat(flight.reasonsText()).doesNotContain("impossible_travel").contains("new_country=AU");
        // two fixes 80 km apart with 50 km accuracy each, a minute apart: within the locations' accuracy
        RiskAssessment fuzzy = RiskScorer.assess(RiskSettings.DEFAULTS, p, 0, new LoginFacts(last + 60_000, 9,
                "198.51.100.7", "198.51.100.0/24", "FR", 3215L, 49.5, 2.9, 60, "d:laptop", false, UA, null, 0, 0, 0, 0,
                null), pop);
        assertThat(fuzzy.reasonsText()).doesNotContain("impossible_travel");
    }

    @Test
    void aFirstLoginIsNotANewDeviceAndTypingIsOneInput() {
        UserProfile nobody = UserProfile.empty(KEYS);
        LoginFacts first = facts(T0, 3, "203.0.113.9", "US", 7922L, 40.7, -74.0, null, UA);
        assertThat(RiskScorer.assess(RiskSettings.DEFAULTS, nobody, 0, first, Population.NONE).level())
                .isEqualTo(RiskLevel.LOW);
        LoginFacts mismatch = new LoginFacts(T0, 3, "203.0.113.9", "203.0.113.0/24", null, null, null, null, null,
                null, false, UA, "MISMATCH", 0, 0, 0, 0, null);
        RiskAssessment a = RiskScorer.assess(RiskSettings.DEFAULTS, nobody, 0, mismatch, Population.NONE);
        assertThat(a.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(a.reasonsText()).isEqualTo("typing_rhythm=MISMATCH(+2.00)");
        assertThat(a.score()).isEqualTo(0.5);
    }

    @Test
    void unusualHourNeedsHistoryAndLikelihoodFavoursTheUsual() {
        Counting pop = new Counting();
        UserProfile p = habitual(pop);
        long t = T0 + 31 * DAY;
        RiskAssessment night = RiskScorer.assess(RiskSettings.DEFAULTS, p, 0,
                facts(t, 3, "198.51.100.7", "FR", 3215L, 48.86, 2.35, "d:laptop", UA), pop);
        assertThat(night.reasonsText()).contains("unusual_hour=03 h: 0 of 30 logins");
        assertThat(RiskScorer.log10LikelihoodRatio(p,
                facts(t, 9, "198.51.100.7", "FR", 3215L, 48.86, 2.35, "d:laptop", UA), pop)).isLessThanOrEqualTo(0.0);
        // other users log in from elsewhere, so a foreign network and browser are rarer for this user than overall
        for (int i = 0; i < 300; i++) {
            pop.add(facts(t, 9, "192.0.2." + (i % 200), "DE", 3320L, 52.5, 13.4, "d:x", "Mozilla/5.0 (Macintosh) Firefox/120"));
        }
        assertThat(RiskScorer.log10LikelihoodRatio(p, facts(t, 9, "192.0.2.1", "DE", 3320L, 52.5, 13.4, null,
                "Mozilla/5.0 (Macintosh) Firefox/120"), pop)).isGreaterThan(0.5);
    }

    @Test
    void settingsAreReadLenientlyAndValidatedStrictly() {
        RiskSettings s = RiskSettings.DEFAULTS.withChanges(Map.of("weight.new_device", "3", "denyCidrs", "203.0.113.0/24"));
        assertThat(s.weight(RiskSignal.NEW_DEVICE)).isEqualTo(3.0);
        assertThat(Cidr.anyContains(s.denyCidrs(), "203.0.113.77")).isTrue();
        assertThatThrownBy(() -> RiskSettings.DEFAULTS.withChanges(Map.of("highScore", "0.2", "denyCidrs", "10.0.0.0/33",
                "bogus", "1"))).hasMessageContaining("bogus");
        assertThatThrownBy(() -> RiskSettings.DEFAULTS.withChanges(Map.of("highScore", "0.2", "denyCidrs", "10.0.0.0/33")))
                .hasMessageContaining("highScore: must be at least mediumScore")
                .hasMessageContaining("denyCidrs: prefix length out of range");
        assertThat(Cidr.parse("2001:db8::/32").contains("2001:db8:1::5")).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains("not-an-ip")).isFalse();
    }

    @Test
    void theProfileKeepsWhatTheSignalsReadThroughItsTextForm() {
        Counting pop = new Counting();
        UserProfile p = habitual(pop);
        String text = UserProfileCodec.encode(p);
        assertThat(text).doesNotContain("198.51.100").doesNotContain("Chrome");
        UserProfile back = UserProfileCodec.decode(text, KEYS);
        assertThat(UserProfileCodec.encode(back)).isEqualTo(text);
        assertThat(back.count(LoginAttribute.COUNTRY, "FR")).isEqualTo(30);
        assertThat(back.lastLocation()[1]).isEqualTo(48.86, org.assertj.core.data.Offset.offset(0.001));
    }

    /** The benchmark-style population: running counts. */
    static final class Counting implements Population {
        long logins;
        final Map<LoginAttribute, Map<String, Long>> counts = new EnumMap<>(LoginAttribute.class);

        void add(LoginFacts f) {
            logins++;
            RiskScorer.attributes(f).forEach((a, v) -> {
                if (v != null) {
                    counts.computeIfAbsent(a, k -> new HashMap<>()).merge(v, 1L, Long::sum);
                }
            });
        }

        @Override
        public long logins() {
            return logins;
        }

        @Override
        public long count(LoginAttribute attribute, String value) {
            return counts.getOrDefault(attribute, Map.of()).getOrDefault(value, 0L);
        }

        @Override
        public long distinct(LoginAttribute attribute) {
            return counts.getOrDefault(attribute, Map.of()).size();
        }
    }
}
