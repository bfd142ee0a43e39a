package dev.vigil.keycloak.riskengine.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import dev.vigil.keycloak.riskengine.history.LoginRecord;
import org.junit.jupiter.api.Test;

class LoginFeaturesTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    static LoginRecord login(ZonedDateTime at, String ip, String device, String client) {
        return new LoginRecord("id", "realm", "LOGIN", null, at.toInstant().toEpochMilli(), "u1", "alice", client, "s1",
                ip, "UA", device, Networks.prefixOf(ip), "openid-connect", "password", null);
    }

    @Test
    void hourIsCircularInTheRealmTimeZone() {
        ZonedDateTime lateEvening = ZonedDateTime.of(2026, 11, 23, 23, 0, 0, 0, PARIS);
        ZonedDateTime earlyMorning = ZonedDateTime.of(2026, 11, 24, 1, 0, 0, 0, PARIS);
        ZonedDateTime noon = ZonedDateTime.of(2026, 11, 24, 12, 0, 0, 0, PARIS);
        double[] a = LoginFeatures.of(login(lateEvening, "1.2.3.4", "d:x", "app"), UserHistory.empty(), 0, PARIS);
        double[] b = LoginFeatures.of(login(earlyMorning, "1.2.3.4", "d:x", "app"), UserHistory.empty(), 0, PARIS);
        double[] c = LoginFeatures.of(login(noon, "1.2.3.4", "d:x", "app"), UserHistory.empty(), 0, PARIS);
        assertThat(hourDistance(a, b)).isLessThan(hourDistance(a, c) / 3);
        // the same instant seen from UTC is a different hour
        double[] utc = LoginFeatures.of(login(noon, "1.2.3.4", "d:x", "app"), UserHistory.empty(), 0, ZoneId.of("UTC"));
        assertThat(utc[Feature.HOUR_SIN.ordinal()]).isNotEqualTo(c[Feature.HOUR_SIN.ordinal()]);
    }

    @Test
    void noveltyAndVelocityComeFromHistory() {
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 24, 10, 0, 0, 0, PARIS);
        long t = now.toInstant().toEpochMilli();
        long since = t - 90 * 24 * 3_600_000L;
        UserHistory history = new UserHistory(UserProfile.fromHistory(new ValueHasher(new byte[32], ValueHasher.PROFILE), List.of(
                new PastLogin(t - 3_600_000, "198.51.100.7", "198.51.100.0/24", "d:known", "app", null),
                new PastLogin(t - 30 * 3_600_000L, "198.51.100.8", "198.51.100.0/24", "d:known", "app", null)), since),
                since, 2, 5);

        double[] same = LoginFeatures.of(login(now, "198.51.100.7", "d:known", "app"), history, 1, PARIS);
        assertThat(same[Feature.NEW_DEVICE.ordinal()]).isZero();
        assertThat(same[Feature.NEW_NETWORK.ordinal()]).isZero();
        assertThat(same[Feature.IP_CHANGED.ordinal()]).isZero();
        assertThat(same[Feature.NEW_CLIENT.ordinal()]).isZero();
        assertThat(same[Feature.LOGINS_TODAY.ordinal()]).isEqualTo(1);
        assertThat(same[Feature.USER_FAILURES_1H.ordinal()]).isEqualTo(2);
        assertThat(same[Feature.IP_FAILURES_1H.ordinal()])
                .as("other accounts' failures from a network the user logs in from (NAT) are not counted").isZero();
        assertThat(same[Feature.ACTIVE_SESSIONS.ordinal()]).isEqualTo(1);
        assertThat(same[Feature.LOG_HOURS_SINCE_LAST.ordinal()]).isEqualTo(Math.log1p(1), org.assertj.core.data.Offset.offset(1e-9));

        double[] other = LoginFeatures.of(login(now, "203.0.113.9", "ua:curl", "cli"), history, 0, PARIS);
        assertThat(other[Feature.NEW_DEVICE.ordinal()]).isEqualTo(1);
        assertThat(other[Feature.NEW_NETWORK.ordinal()]).isEqualTo(1);
        assertThat(other[Feature.IP_CHANGED.ordinal()]).isEqualTo(1);
        assertThat(other[Feature.NEW_CLIENT.ordinal()]).isEqualTo(1);
        assertThat(other[Feature.DISTINCT_IPS_24H.ordinal()]).isEqualTo(2);
        assertThat(other[Feature.IP_FAILURES_1H.ordinal()]).as("failures from a network new for the user count")
                .isEqualTo(5);
        assertThat(other[Feature.DISTINCT_DEVICES_24H.ordinal()]).isEqualTo(2);

        UserHistory windowClosed = new UserHistory(history.profile(), t - 1_000, 0, 0);
        double[] afterWindow = LoginFeatures.of(login(now, "198.51.100.7", "d:known", "app"), windowClosed, 0, PARIS);
        assertThat(afterWindow[Feature.NEW_DEVICE.ordinal()]).as("last seen before the history window").isEqualTo(1);
        assertThat(afterWindow[Feature.NEW_NETWORK.ordinal()]).isEqualTo(1);
        assertThat(afterWindow[Feature.DISTINCT_IPS_24H.ordinal()]).isEqualTo(1);
    }

    @Test
    void aUsersFirstLoginIsNotNewInAnyWay() {
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 24, 10, 0, 0, 0, PARIS);
        UserHistory none = new UserHistory(UserProfile.empty(), 0, 0, 3);
        double[] first = LoginFeatures.of(login(now, "203.0.113.9", "d:new", "app"), none, 0, PARIS);
        assertThat(first[Feature.NEW_DEVICE.ordinal()]).isZero();
        assertThat(first[Feature.NEW_NETWORK.ordinal()]).isZero();
        assertThat(first[Feature.NEW_CLIENT.ordinal()]).isZero();
        assertThat(first[Feature.IP_CHANGED.ordinal()]).isZero();
        assertThat(first[Feature.LOG_HOURS_SINCE_LAST.ordinal()]).as("a day since a 'previous' login, not a year")
                .isEqualTo(Math.log1p(24), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(first[Feature.IP_FAILURES_1H.ordinal()]).as("nothing known: the address's failures still count")
                .isEqualTo(3);
    }

    @Test
    void encodingRoundTripsAndRejectsGarbage() {
        double[] x = LoginFeatures.of(login(ZonedDateTime.now(PARIS), "10.0.0.1", "d:a", "app"), UserHistory.empty(), 0, PARIS);
        double[] back = LoginFeatures.decode(LoginFeatures.encode(x));
        assertThat(back).hasSize(Feature.COUNT);
        for (int i = 0; i < x.length; i++) {
            assertThat(back[i]).isCloseTo(x[i], org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThat(LoginFeatures.decode("1,2,3")).isNull();
        assertThat(LoginFeatures.decode("a,b,c,d,e,f,g,h,i,j,k,l,m,n,o")).isNull();
        assertThat(LoginFeatures.decode(null)).isNull();
    }

    private static double hourDistance(double[] a, double[] b) {
        return Math.hypot(a[Feature.HOUR_SIN.ordinal()] - b[Feature.HOUR_SIN.ordinal()],
                a[Feature.HOUR_COS.ordinal()] - b[Feature.HOUR_COS.ordinal()]);
    }
}
