package dev.vigil.keycloak.admin.stats;

import dev.vigil.keycloak.riskengine.risk.AssessmentTimings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.keycloak.admin.loginevents.LoginEventsParams;
import dev.vigil.keycloak.admin.loginevents.LoginEventsResource;
import dev.vigil.keycloak.admin.rest.AdminContext;
import dev.vigil.keycloak.admin.rest.VigilSubresource;
import dev.vigil.keycloak.riskengine.history.LoginEventStore.StatRow;
import dev.vigil.keycloak.riskengine.history.LoginStatus;
import dev.vigil.keycloak.riskengine.settings.VigilRealmSettings;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.common.util.Time;

/**
 * {@code GET /admin/realms/{realm}/vigil/stats?from=&to=}: counts per day and per hour of day (in the
 * realm's Vigil time zone), flags, actions, and a histogram of scores in ten bins. Defaults to the last
 * 30 days; reads at most {@link #MAX_ROWS} rows (newest first) and says so when it had to stop. {@code
 * assessmentOnThisNode}: how long the in-flow risk assessments of this node that ended in the window took (all
 * realms; of the last 10,000).
 */
public class StatsResource extends VigilSubresource {

    static final int MAX_ROWS = 100_000;
    private static final long DAY = 86_400_000L;

    public StatsResource(AdminContext context) {
        super(context);
    }

    public record DayCounts(long logins, long failures, long flagged) {
    }

    public record Stats(long from, long to, String timeZone, Map<String, DayCounts> perDay, long[] loginsPerHour,
            long logins, long failures, long flagged, Map<String, Long> actions, long[] scoreHistogram,
            boolean truncated, AssessmentTimings.Summary assessmentOnThisNode) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Stats get(@QueryParam("from") String from, @QueryParam("to") String to) {
        auth.realm().requireViewEvents();
        long[] window = LoginEventsResource.badRequestOnError(
                () -> LoginEventsParams.window(from, to, Time.currentTimeMillis(), 30 * DAY));
        long fromMillis = window[0];
        long toMillis = window[1];
        VigilRealmSettings settings = VigilRealmSettings.of(realm);
        var rows = session.getProvider(RiskEngine.class).loginEvents().statRows(realm.getId(), fromMillis, toMillis,
                MAX_ROWS + 1);
        boolean truncated = rows.size() > MAX_ROWS;
        Map<String, long[]> days = new TreeMap<>();
        long[] perHour = new long[24];
        long[] histogram = new long[10];
        Map<String, Long> actions = new TreeMap<>();
        long logins = 0;
        long failures = 0;
        long flagged = 0;
        for (StatRow r : truncated ? rows.subList(0, MAX_ROWS) : rows) {
            ZonedDateTime t = Instant.ofEpochMilli(r.time()).atZone(settings.timeZone());
            long[] day = days.computeIfAbsent(LocalDate.from(t).toString(), k -> new long[3]);
            if ("LOGIN".equals(r.type())) {
                logins++;
                day[0]++;
                perHour[t.getHour()]++;
            } else if ("LOGIN_ERROR".equals(r.type())) {
                failures++;
                day[1]++;
            }
            if (r.status() == LoginStatus.FLAGGED) {
                flagged++;
                day[2]++;
            }
            if (r.score() != null) {
                histogram[Math.max(0, Math.min(9, (int) (r.score() * 10)))]++;
            }
            if (r.action() != null) {
                actions.merge(r.action() + (Boolean.TRUE.equals(r.dryRun()) ? " (dry run)" : ""), 1L, Long::sum);
            }
        }
        Map<String, DayCounts> perDay = new TreeMap<>();
        days.forEach((d, c) -> perDay.put(d, new DayCounts(c[0], c[1], c[2])));
        return new Stats(fromMillis, toMillis, settings.timeZone().getId(), perDay, perHour, logins, failures, flagged,
                actions, histogram, truncated, AssessmentTimings.summary(fromMillis, toMillis));
    }
}
