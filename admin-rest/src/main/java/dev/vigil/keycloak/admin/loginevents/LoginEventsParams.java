package dev.vigil.keycloak.admin.loginevents;

import dev.vigil.keycloak.riskengine.risk.RiskLevel;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import dev.vigil.keycloak.riskengine.history.LoginEventQuery;
import dev.vigil.keycloak.riskengine.history.LoginStatus;
import dev.vigil.keycloak.riskengine.history.RecordedEventTypes;
import org.keycloak.events.EventType;

/**
 * Parses and checks the query parameters of {@code GET login-events}. Every problem becomes an
 * {@link IllegalArgumentException} whose message is shown to the caller with HTTP 400.
 *
 * <p>{@code from}/{@code to} take epoch milliseconds, an ISO-8601 instant or offset date-time
 * ({@code 2026-11-23T08:00:00Z}), or a date ({@code 2026-11-23}, UTC). {@code from} is inclusive;
 * {@code to} is exclusive, and a date {@code to} includes that whole day.
 */
public final class LoginEventsParams {

    public static final int DEFAULT_MAX = 100;
    public static final int MAX_PAGE_SIZE = 500;
    /** Deepest offset: beyond it, narrow the window with {@code from}/{@code to} instead of paging. */
    public static final int MAX_FIRST = 100_000;
    /** Earliest time accepted: 1970-01-01T00:00:00Z. */
    public static final long MIN_TIME = 0L;
    /** Latest time accepted: 9999-12-31T23:59:59.999Z (the last instant every supported database stores). */
    public static final long MAX_TIME = 253_402_300_799_999L;
    private static final int MAX_USER_LENGTH = 255;

    private LoginEventsParams() {
    }

    public static LoginEventQuery parse(String first, String max, String from, String to, String user, String type) {
        int firstValue = integer("first", first, 0);
        if (firstValue < 0 || firstValue > MAX_FIRST) {
            throw new IllegalArgumentException("first must be between 0 and " + MAX_FIRST
                    + " (narrow the window with from/to to go further back), got " + firstValue);
        }
        int maxValue = integer("max", max, DEFAULT_MAX);
        if (maxValue < 1 || maxValue > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("max must be between 1 and " + MAX_PAGE_SIZE + ", got " + maxValue);
        }
        Long fromMillis = time("from", from, false);
        Long toMillis = time("to", to, true);
        requireOrder(fromMillis, toMillis);
        String userValue = blankToNull(user);
        if (userValue != null && userValue.length() > MAX_USER_LENGTH) {
            throw new IllegalArgumentException("user must be at most " + MAX_USER_LENGTH + " characters");
        }
        if (userValue != null && userValue.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("user must not contain control characters");
        }
        return new LoginEventQuery(fromMillis, toMillis, userValue, eventType(type), firstValue, maxValue);
    }

    /**
     * Parameters of {@code GET login-events}: the common ones plus {@code status}, one or more scoring statuses
     * separated by commas ({@code recorded}, {@code new}, {@code scored}, {@code flagged}, {@code failed}).
     */
    public static LoginEventQuery parse(String first, String max, String from, String to, String user, String type,
            String status) {
        LoginEventQuery base = parse(first, max, from, to, user, type);
        String st = blankToNull(status);
        if (st == null) {
            return base;
        }
        java.util.Set<LoginStatus> statuses = java.util.EnumSet.noneOf(LoginStatus.class);
        for (String one : st.split(",", 8)) {
            try {
                statuses.add(LoginStatus.valueOf(one.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("status must be one or more of recorded, new, scored, flagged, failed"
                        + " (separated by commas), got '" + shorten(st) + "'");
            }
        }
        return new LoginEventQuery(base.fromMillis(), base.toMillis(), base.user(), base.type(), statuses, null, null,
                base.first(), base.max());
    }

    /**
     * Adds {@code level}: one or more in-flow risk levels separated by commas ({@code low}, {@code medium},
     * {@code high}); logins the flow did not assess have no level and are left out by this filter.
     */
    public static LoginEventQuery withLevel(LoginEventQuery base, String level) {
        String lv = blankToNull(level);
        if (lv == null) {
            return base;
        }
        java.util.Set<String> levels = new java.util.LinkedHashSet<>();
        for (String one : lv.split(",", 4)) {
            levels.add(RiskLevel.parse(one).orElseThrow(() -> new IllegalArgumentException(
                    "level must be one or more of low, medium, high (separated by commas), got '" + shorten(lv) + "'"))
                    .name());
        }
        return base.withRiskLevels(levels);
    }

    /**
     * Adds {@code reason}: an in-flow signal id ({@code new_device}) or a model feature ({@code ip_changed},
     * {@code hour_of_day}) that must be among the login's reasons; anything else is refused with the known names.
     */
    public static LoginEventQuery withReason(LoginEventQuery base, String reason) {
        String r = blankToNull(reason);
        if (r == null) {
            return base;
        }
        String name = r.trim().toLowerCase(Locale.ROOT);
        if (!reasonNames().contains(name)) {
            throw new IllegalArgumentException("reason must be one of " + reasonNames() + ", got '" + shorten(r) + "'");
        }
        return base.withReason(name);
    }

    /** The reasons a login can have: the in-flow signals' ids, then the model's features by report name. */
    static java.util.Set<String> reasonNames() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (dev.vigil.keycloak.riskengine.risk.RiskSignal s : dev.vigil.keycloak.riskengine.risk.RiskSignal.values()) {
            names.add(s.id());
        }
        for (dev.vigil.keycloak.riskengine.features.Feature f : dev.vigil.keycloak.riskengine.features.Feature.values()) {
            names.add(f.reportName());
        }
        return names;
    }

    /** Parameters of {@code GET flagged-logins}: the common ones plus {@code minScore} and {@code status}. */
    public static LoginEventQuery parseFlagged(String first, String max, String from, String to, String user,
            String minScore, String status) {
        LoginEventQuery base = parse(first, max, from, to, user, null);
        Double min = null;
        String m = blankToNull(minScore);
        if (m != null) {
            try {
                min = Double.parseDouble(m);
            } catch (NumberFormatException e) {
                min = Double.NaN;
            }
            if (!(min >= 0 && min <= 1)) {
                throw new IllegalArgumentException("minScore must be a number between 0 and 1, got '" + shorten(m) + "'");
            }
        }
        LoginEventQuery.Review review = null;
        String st = blankToNull(status);
        if (st != null) {
            try {
                review = LoginEventQuery.Review.valueOf(st.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("status must be open, safe or compromised, got '" + shorten(st) + "'");
            }
        }
        return new LoginEventQuery(base.fromMillis(), base.toMillis(), base.user(), EventType.LOGIN.name(),
                java.util.Set.of(LoginStatus.FLAGGED), min, review, base.first(), base.max());
    }

    /** A whole-number parameter between {@code min} and {@code max}; {@code defaultValue} when absent. */
    public static int integer(String name, String value, int defaultValue, int min, int max) {
        int v = integer(name, value, defaultValue);
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    private static int integer(String name, String value, int defaultValue) {
        String v = blankToNull(value);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + shorten(v) + "'");
        }
    }

    /**
     * A closed time window for aggregates: {@code to} defaults to {@code now}, {@code from} to {@code to}
     * minus {@code defaultSpanMillis}.
     *
     * @return {from, to} in epoch ms
     */
    public static long[] window(String from, String to, long now, long defaultSpanMillis) {
        Long toValue = time("to", to, true);
        long toMillis = toValue == null ? now : toValue;
        Long fromValue = time("from", from, false);
        long fromMillis = fromValue == null ? toMillis - defaultSpanMillis : fromValue;
        requireOrder(fromMillis, toMillis);
        return new long[] {fromMillis, toMillis};
    }

    private static void requireOrder(Long fromMillis, Long toMillis) {
        if (fromMillis != null && toMillis != null && fromMillis > toMillis) {
            throw new IllegalArgumentException("from must not be after to");
        }
    }

    /**
     * One time parameter: epoch ms, ISO-8601 date-time with zone, or a date (UTC); null when absent. Times
     * outside 1970-01-01 … 9999-12-31 (UTC) are refused: they cannot be stored, and some overflow a long.
     */
    private static Long time(String name, String value, boolean endOfDay) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        long millis;
        if (v.chars().allMatch(Character::isDigit) && v.length() <= 15) {
            millis = Long.parseLong(v);
        } else {
            try {
                millis = parseDate(v, endOfDay);
            } catch (DateTimeException | ArithmeticException e) {
                throw new IllegalArgumentException(name + " must be epoch milliseconds, an ISO-8601 date-time with"
                        + " zone (2026-11-23T08:00:00Z) or a date (2026-11-23), got '" + shorten(v) + "'");
            }
        }
        if (millis < MIN_TIME || millis > MAX_TIME) {
            throw new IllegalArgumentException(name + " must lie between 1970-01-01 and 9999-12-31 (UTC), got '"
                    + shorten(v) + "'");
        }
        return millis;
    }

    private static long parseDate(String v, boolean endOfDay) {
        if (v.length() == 10) {
            LocalDate date = LocalDate.parse(v);
            return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        if (v.endsWith("Z") || v.endsWith("z")) {
            return Instant.parse(v.toUpperCase(Locale.ROOT)).toEpochMilli();
        }
        return OffsetDateTime.parse(v).toInstant().toEpochMilli();
    }

    private static String eventType(String value) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        String name = v.toUpperCase(Locale.ROOT);
        boolean known = RecordedEventTypes.all().stream().map(EventType::name).anyMatch(name::equals);
        if (!known) {
            throw new IllegalArgumentException("type must be one of " + RecordedEventTypes.all() + ", got '"
                    + shorten(v) + "'");
        }
        return name;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String shorten(String v) {
        return v.length() <= 40 ? v : v.substring(0, 40) + "…";
    }
}
