package dev.vigil.keycloak.admin.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import dev.vigil.keycloak.riskengine.history.LoginAggregates;
import dev.vigil.keycloak.riskengine.history.LoginAggregates.Bucket;
import org.junit.jupiter.api.Test;

class StatsFoldTest {

    private static long quarter(String utc) {
        return Instant.parse(utc).toEpochMilli() / LoginAggregates.QUARTER;
    }

    private static LoginAggregates of(List<Bucket> buckets) {
        return new LoginAggregates(buckets, new long[10], Map.of(), Map.of("new_device", 3L, "new_ip", 0L,
                "impossible_travel", 5L), List.of(), List.of(), 0);
    }

    @Test
    void quarterHoursFallOnTheDayAndHourOfTheRealmsZoneEvenAtHalfHourOffsets() {
        // 18:15 UTC is 23:45 in Kolkata (UTC+5:30), a Tuesday; 18:30 UTC is 00:00 on Wednesday there
        List<Bucket> buckets = List.of(
                new Bucket(quarter("2026-12-01T18:15:00Z"), 4, 0, 0, 0, 0, 0),
                new Bucket(quarter("2026-12-01T18:30:00Z"), 2, 3, 2, 2, 3, 0),
                new Bucket(quarter("2026-12-01T18:45:00Z"), 0, 7, 0, 0, 0, 7));
        StatsResource.Stats s = StatsResource.fold(of(buckets), 0, 1, ZoneId.of("Asia/Kolkata"), 12);

        assertThat(s.perDay()).containsOnlyKeys("2026-12-01", "2026-12-02");
        assertThat(s.perDay().get("2026-12-01")).isEqualTo(new StatsResource.DayCounts(4, 0, 0, 0, 0, 0));
        assertThat(s.perDay().get("2026-12-02")).isEqualTo(new StatsResource.DayCounts(2, 10, 2, 2, 3, 7));
        assertThat(s.loginsPerHour()[23]).isEqualTo(4);
        assertThat(s.loginsPerHour()[0]).isEqualTo(2);
        assertThat(s.weekdayHour()[1][23]).as("Tuesday 23h").isEqualTo(4);
        assertThat(s.weekdayHour()[2][0]).as("Wednesday 0h").isEqualTo(2);
        assertThat(List.of(s.logins(), s.failures(), s.flagged(), s.steppedUp(), s.denied(), s.sprayBlocked(),
                s.activeSessions())).containsExactly(6L, 10L, 2L, 2L, 3L, 7L, 12L);
        assertThat(s.signals()).containsExactly(Map.entry("impossible_travel", 5L), Map.entry("new_device", 3L));

        StatsResource.Stats utc = StatsResource.fold(of(buckets), 0, 1, ZoneId.of("UTC"), 0);
        assertThat(utc.perDay()).containsOnlyKeys("2026-12-01");
        assertThat(utc.loginsPerHour()[18]).isEqualTo(6);
    }
}
