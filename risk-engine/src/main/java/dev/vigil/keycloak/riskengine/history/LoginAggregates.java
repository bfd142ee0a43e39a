package dev.vigil.keycloak.riskengine.history;

import java.util.List;
import java.util.Map;

/**
 * What the console's dashboard shows of one realm's logins in a window, counted by the database: the hourly roll-up
 * ({@link LoginRollup}) for the hours it holds, GROUP BY queries over the rows for the rest, never the rows
 * themselves.
 *
 * @param buckets        counts per quarter hour (UTC; every time zone's offset is a multiple of 15 minutes, so the
 *                       caller can fold them into days, hours and weekdays of any zone exactly)
 * @param scoreBins      scored logins per tenth of the model score (bin 9 holds 0.9–1.0)
 * @param actions        automatic actions taken by kind; dry-run ones under {@code "<ACTION> (dry run)"}
 * @param signals        per in-flow signal id, how many MEDIUM or HIGH logins had it among their reasons
 * @param countries      the countries of successful logins, most logins first
 * @param networks       the autonomous systems (ISPs) of successful logins, most logins first
 * @param rolledUpTo     the realm's rows before this time (epoch ms) were counted from the hourly roll-up; 0 when
 *                       none were
 */
public record LoginAggregates(List<Bucket> buckets, long[] scoreBins, Map<String, Long> actions,
        Map<String, Long> signals, List<Top> countries, List<Top> networks, long rolledUpTo) {

    /** Quarter-hour length, ms. */
    public static final long QUARTER = 900_000L;

    /**
     * @param quarter   start of the quarter hour / {@link #QUARTER}
     * @param logins    successful logins
     * @param failures  failed logins
     * @param flagged   rows flagged by the model
     * @param steppedUp rows (successful or not) the in-flow assessment put at MEDIUM, the step-up level
     * @param denied    refused by "Vigil - deny high risk"
     * @param sprayBlocked refused by the password-spray guard
     */
    public record Bucket(long quarter, long logins, long failures, long flagged, long steppedUp, long denied,
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
