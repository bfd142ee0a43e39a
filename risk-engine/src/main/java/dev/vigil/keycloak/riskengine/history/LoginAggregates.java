package dev.vigil.keycloak.riskengine.history;

import java.util.List;
import java.util.Map;

/**
 * What the console's dashboard shows of one realm's logins in a window, counted by the database: a few GROUP BY
 * queries whose answers are as small as the window is long, never the rows themselves.
 *
 * @param buckets        counts per quarter hour (UTC; every time zone's offset is a multiple of 15 minutes, so the
 *                       caller can fold them into days, hours and weekdays of any zone exactly), type, status and
 *                       in-flow risk level
 * @param scoreBins      scored logins per tenth of the model score (bin 9 holds 0.9–1.0)
 * @param actions        automatic actions taken by kind; dry-run ones under {@code "<ACTION> (dry run)"}
 * @param signals        per in-flow signal id, how many MEDIUM or HIGH logins had it among their reasons
 * @param countries      the countries of successful logins, most logins first
 * @param networks       the autonomous systems (ISPs) of successful logins, most logins first
 */
public record LoginAggregates(List<Bucket> buckets, long[] scoreBins, Map<String, Long> actions,
        Map<String, Long> signals, List<Top> countries, List<Top> networks) {

    /** Quarter-hour length, ms. */
    public static final long QUARTER = 900_000L;

    /**
     * @param quarter   start of the quarter hour / {@link #QUARTER}
     * @param riskLevel in-flow level, or null (not assessed)
     * @param denied    of them, refused by "Vigil - deny high risk"
     * @param sprayBlocked of them, refused by the password-spray guard
     */
    public record Bucket(long quarter, String type, LoginStatus status, String riskLevel, long count, long denied,
            long sprayBlocked) {
    }

    /**
     * @param key     country code or AS number
     * @param label   the AS organisation (networks), else null
     * @param logins  successful logins from it
     * @param flagged of them, flagged by the model
     */
    public record Top(String key, String label, long logins, long flagged) {
    }
}
