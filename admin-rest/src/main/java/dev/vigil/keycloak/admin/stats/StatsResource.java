package dev.vigil.keycloak.admin.stats;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.keycloak.admin.loginevents.LoginEventsParams;
import dev.vigil.keycloak.admin.loginevents.LoginEventsResource;
import dev.vigil.keycloak.admin.rest.AdminContext;
import dev.vigil.keycloak.admin.rest.VigilSubresource;
import dev.vigil.keycloak.riskengine.history.LoginAggregates;
import dev.vigil.keycloak.riskengine.risk.AssessmentTimings;
import dev.vigil.keycloak.riskengine.settings.VigilRealmSettings;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.common.util.Time;

/**
 * {@code GET /admin/realms/{realm}/vigil/stats?from=&to=}: the dashboard's figures for a window (default: the last
 * 30 days, from the whole hour), counted by the database ({@link LoginAggregates}) and folded here into days, hours and weekdays of the
 * realm's Vigil time zone. {@code assessmentOnThisNode}: how long the in-flow risk assessments of this node that
 * ended in the window took (all realms; of the last 10,000): wall time ({@code p50Millis}, {@code p99Millis},
 * {@code maxMillis}) and the request thread's CPU time ({@code cpuP50Millis}, {@code cpuP99Millis}).
 */
public class StatsResource extends VigilSubresource {

    private static final long DAY = 86_400_000L;
    private static final long HOUR = 3_600_000L;
    /** countries and networks listed */
    static final int TOP = 10;

    public StatsResource(AdminContext context) {
        super(context);
    }

    /**
     * @param steppedUp logins (successful or not) the in-flow assessment put at MEDIUM, the step-up level
     * @param denied    refused by "Vigil - deny high risk"
     * @param sprayBlocked refused by the password-spray guard
     */
    public record DayCounts(long logins, long failures, long flagged, long steppedUp, long denied,
            long sprayBlocked) {
    }

    /**
     * @param weekdayHour logins by weekday (0 = Monday) and hour of day, realm time zone
     * @param signals     in-flow signals by how many MEDIUM or HIGH logins they were a reason of, most first
     * @param activeSessions the realm's active client sessions now (Keycloak's count, all clients)
     * @param rolledUpTo  the window's logins before this time (epoch ms) were counted from the hourly roll-up, the rest
     *                    from the rows; absent when none came from the roll-up
     */
    public record Stats(long from, long to, String timeZone, Map<String, DayCounts> perDay, long[] loginsPerHour,
            long[][] weekdayHour, long logins, long failures, long flagged, long steppedUp, long denied,
            long sprayBlocked, long activeSessions, Map<String, Long> actions, long[] scoreHistogram,
            Map<String, Long> signals, List<LoginAggregates.Top> countries, List<LoginAggregates.Top> networks,
            Long rolledUpTo, AssessmentTimings.Summary assessmentOnThisNode) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Stats get(@QueryParam("from") String from, @QueryParam("to") String to) {
        auth.realm().requireViewEvents();
        long[] window = LoginEventsResource.badRequestOnError(
                () -> LoginEventsParams.window(from, to, Time.currentTimeMillis(), 30 * DAY));
        if (from == null || from.isBlank()) {
            // the default "last 30 days" starts at a whole hour: every hour of it but the last is read from the
            // roll-up, none of its start has to be counted from the rows
            window[0] = Math.floorDiv(window[0], HOUR) * HOUR;
        }
        ZoneId zone = VigilRealmSettings.of(realm).timeZone();
        LoginAggregates a = session.getProvider(RiskEngine.class).loginEvents().aggregates(realm.getId(), window[0],
                window[1], TOP);
        long activeSessions = session.sessions().getActiveClientSessionStats(realm, false).values().stream()
                .mapToLong(Long::longValue).sum();
        return fold(a, window[0], window[1], zone, activeSessions);
    }

    /** Folds quarter-hour counts into the zone's days, hours and weekdays. */
    static Stats fold(LoginAggregates a, long from, long to, ZoneId zone, long activeSessions) {
        Map<String, long[]> days = new TreeMap<>();
        long[] perHour = new long[24];
        long[][] weekdayHour = new long[7][24];
        long[] totals = new long[6];
        for (LoginAggregates.Bucket b : a.buckets()) {
            ZonedDateTime t = Instant.ofEpochMilli(b.quarter() * LoginAggregates.QUARTER).atZone(zone);
            long[] day = days.computeIfAbsent(t.toLocalDate().toString(), k -> new long[6]);
            long[] add = {b.logins(), b.failures(), b.flagged(), b.steppedUp(), b.denied(), b.sprayBlocked()};
            perHour[t.getHour()] += b.logins();
            weekdayHour[t.getDayOfWeek().getValue() - 1][t.getHour()] += b.logins();
            for (int i = 0; i < 6; i++) {
                day[i] += add[i];
                totals[i] += add[i];
            }
        }
        Map<String, DayCounts> perDay = new TreeMap<>();
        days.forEach((d, c) -> perDay.put(d, new DayCounts(c[0], c[1], c[2], c[3], c[4], c[5])));
        Map<String, Long> signals = new LinkedHashMap<>();
        a.signals().entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> signals.put(e.getKey(), e.getValue()));
        return new Stats(from, to, zone.getId(), perDay, perHour, weekdayHour, totals[0], totals[1], totals[2],
                totals[3], totals[4], totals[5], activeSessions, a.actions(), a.scoreBins(), signals, a.countries(),
                a.networks(), a.rolledUpTo() == 0 ? null : a.rolledUpTo(), AssessmentTimings.summary(from, to));
    }
}
