package dev.vigil.keycloak.riskengine.settings;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.keycloak.models.RealmModel;

/**
 * Vigil's settings of one realm, stored as realm attributes {@code vigil.<name>} and declared only here.
 * Unset or unreadable attributes fall back to the defaults, so a realm never breaks on a bad value;
 * {@link #withChanges(Map)} validates input from the admin REST and reports every problem.
 *
 * @param timeZone           zone used for hour-of-day and day-of-week features and for statistics
 * @param contamination      expected share of anomalous logins; the flag threshold is the (1 - contamination)
 *                           quantile of the model's training scores
 * @param flagThreshold      absolute score threshold overriding the calibrated one, or null
 * @param action             what to do with a flagged login
 * @param dryRun             record what would have been done, do nothing
 * @param notifyUserOnNewDevice e-mail the user about a login from a device Vigil has not seen for them
 * @param notifyAdmins       e-mail admins about flagged logins
 * @param adminEmails        addresses for admin alerts
 * @param adminRole          realm role whose members (with an e-mail) receive admin alerts, or empty
 * @param minRealLogins      successful logins a realm needs before its own model replaces the bootstrap model
 * @param historyDays        how far back user history is read and training samples are drawn
 * @param retentionDays      how long login rows are kept; profiles not updated for as long, and models trained
 *                           before it (except the newest), go too. At least {@code historyDays}
 * @param unknownUsernameDays how long a failed attempt keeps a username that matches no user (then it is erased)
 * @param maxActionsPerHour  automatic actions (revoke, disable) taken at most per hour in the realm; beyond it a
 *                           flagged login's action is withheld and the admin alert says so
 * @param sprayAccounts      password-spray guard: a network (IPv4 /24, IPv6 /48) whose sign-ins failed against at
 *                           least this many different usernames within {@code sprayWindowMinutes} is refused before
 *                           any password is checked; 0 turns the guard off
 * @param sprayWindowMinutes the guard's window: a network stays refused until its failures are this old
 */
public record VigilRealmSettings(
        ZoneId timeZone,
        double contamination,
        Double flagThreshold,
        FlagAction action,
        boolean dryRun,
        boolean notifyUserOnNewDevice,
        boolean notifyAdmins,
        List<String> adminEmails,
        String adminRole,
        int minRealLogins,
        int historyDays,
        int retentionDays,
        int unknownUsernameDays,
        int maxActionsPerHour,
        int sprayAccounts,
        int sprayWindowMinutes) {

    public static final String PREFIX = "vigil.";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+");

    public static final VigilRealmSettings DEFAULTS = new VigilRealmSettings(ZoneId.of("UTC"), 0.01, null,
            FlagAction.NONE, false, true, true, List.of(), "", 200, 90, 180, 7, 10, 0, 60);

    /** The settings' names as they appear in the REST representation and (prefixed) in realm attributes. */
    public enum Key {
        timeZone, contamination, flagThreshold, action, dryRun, notifyUserOnNewDevice, notifyAdmins, adminEmails,
        adminRole, minRealLogins, historyDays, retentionDays, unknownUsernameDays, maxActionsPerHour, sprayAccounts,
        sprayWindowMinutes;

        public String attribute() {
            return PREFIX + name();
        }
    }

    public static VigilRealmSettings of(RealmModel realm) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Key key : Key.values()) {
            String v = realm.getAttribute(key.attribute());
            if (v != null) {
                values.put(key.name(), v);
            }
        }
        return DEFAULTS.parse(values, false);
    }

    /** Applies changes given as strings; throws {@link IllegalArgumentException} listing every bad value. */
    public VigilRealmSettings withChanges(Map<String, String> changes) {
        for (String name : changes.keySet()) {
            if (Arrays.stream(Key.values()).noneMatch(k -> k.name().equals(name))) {
                throw new IllegalArgumentException("unknown setting '" + name + "'; known: " + Arrays.toString(Key.values()));
            }
        }
        return parse(changes, true);
    }

    public void store(RealmModel realm) {
        toStrings().forEach((name, value) -> realm.setAttribute(PREFIX + name, value));
    }

    /** Values as strings, keyed by {@link Key} name. */
    public Map<String, String> toStrings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Key.timeZone.name(), timeZone.getId());
        m.put(Key.contamination.name(), Double.toString(contamination));
        m.put(Key.flagThreshold.name(), flagThreshold == null ? "" : Double.toString(flagThreshold));
        m.put(Key.action.name(), action.name());
        m.put(Key.dryRun.name(), Boolean.toString(dryRun));
        m.put(Key.notifyUserOnNewDevice.name(), Boolean.toString(notifyUserOnNewDevice));
        m.put(Key.notifyAdmins.name(), Boolean.toString(notifyAdmins));
        m.put(Key.adminEmails.name(), String.join(",", adminEmails));
        m.put(Key.adminRole.name(), adminRole);
        m.put(Key.minRealLogins.name(), Integer.toString(minRealLogins));
        m.put(Key.historyDays.name(), Integer.toString(historyDays));
        m.put(Key.retentionDays.name(), Integer.toString(retentionDays));
        m.put(Key.unknownUsernameDays.name(), Integer.toString(unknownUsernameDays));
        m.put(Key.maxActionsPerHour.name(), Integer.toString(maxActionsPerHour));
        m.put(Key.sprayAccounts.name(), Integer.toString(sprayAccounts));
        m.put(Key.sprayWindowMinutes.name(), Integer.toString(sprayWindowMinutes));
        return m;
    }

    private VigilRealmSettings parse(Map<String, String> values, boolean strict) {
        Parser p = new Parser(values, strict);
        VigilRealmSettings parsed = new VigilRealmSettings(
                p.get(Key.timeZone, timeZone, VigilRealmSettings::zone),
                p.get(Key.contamination, contamination, v -> range(Double.parseDouble(v), 0.0001, 0.25)),
                p.get(Key.flagThreshold, flagThreshold, v -> v.isBlank() ? null : range(Double.parseDouble(v), 0.0, 1.0)),
                p.get(Key.action, action, v -> FlagAction.valueOf(v.trim().toUpperCase(Locale.ROOT))),
                p.get(Key.dryRun, dryRun, VigilRealmSettings::bool),
                p.get(Key.notifyUserOnNewDevice, notifyUserOnNewDevice, VigilRealmSettings::bool),
                p.get(Key.notifyAdmins, notifyAdmins, VigilRealmSettings::bool),
                p.get(Key.adminEmails, adminEmails, VigilRealmSettings::emails),
                p.get(Key.adminRole, adminRole, v -> requireLength(v.trim(), 255)),
                p.get(Key.minRealLogins, minRealLogins, v -> (int) range(Integer.parseInt(v.trim()), 10, 1_000_000)),
                p.get(Key.historyDays, historyDays, v -> (int) range(Integer.parseInt(v.trim()), 1, 3650)),
                p.get(Key.retentionDays, retentionDays, v -> (int) range(Integer.parseInt(v.trim()), 1, 3650)),
                p.get(Key.unknownUsernameDays, unknownUsernameDays, v -> (int) range(Integer.parseInt(v.trim()), 1, 90)),
                p.get(Key.maxActionsPerHour, maxActionsPerHour, v -> (int) range(Integer.parseInt(v.trim()), 0, 10_000)),
                p.get(Key.sprayAccounts, sprayAccounts, v -> (int) range(Integer.parseInt(v.trim()), 0, 100_000)),
                p.get(Key.sprayWindowMinutes, sprayWindowMinutes, v -> (int) range(Integer.parseInt(v.trim()), 1, 1440)));
        if (parsed.historyDays > parsed.retentionDays) {
            if (strict) {
                p.error(Key.retentionDays, "must be at least historyDays (" + parsed.historyDays + ")");
            } else {
                // a realm never breaks on a bad value: keep history, the retention follows it
                parsed = parsed.withRetentionDays(parsed.historyDays);
            }
        }
        p.throwIfInvalid();
        return parsed;
    }

    private VigilRealmSettings withRetentionDays(int days) {
        return new VigilRealmSettings(timeZone, contamination, flagThreshold, action, dryRun, notifyUserOnNewDevice,
                notifyAdmins, adminEmails, adminRole, minRealLogins, historyDays, days, unknownUsernameDays,
                maxActionsPerHour, sprayAccounts, sprayWindowMinutes);
    }

    private static ZoneId zone(String v) {
        try {
            return ZoneId.of(v.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a time zone id (e.g. Europe/Paris, UTC)");
        }
    }

    private static boolean bool(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    private static List<String> emails(String v) {
        List<String> list = Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String e : list) {
            if (!EMAIL.matcher(e).matches() || e.length() > 254) {
                throw new IllegalArgumentException("not an e-mail address: '" + e + "'");
            }
        }
        if (list.size() > 20) {
            throw new IllegalArgumentException("at most 20 addresses");
        }
        return list;
    }

    private static double range(double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException("must be between " + min + " and " + max);
        }
        return v;
    }

    private static String requireLength(String v, int max) {
        if (v.length() > max) {
            throw new IllegalArgumentException("at most " + max + " characters");
        }
        return v;
    }

    /** Reads one value at a time; lenient mode keeps the previous value on error, strict mode collects errors. */
    private static final class Parser {
        private final Map<String, String> values;
        private final boolean strict;
        private final StringBuilder errors = new StringBuilder();

        Parser(Map<String, String> values, boolean strict) {
            this.values = values;
            this.strict = strict;
        }

        <T> T get(Key key, T current, Function<String, T> parse) {
            String raw = values.get(key.name());
            if (raw == null) {
                return current;
            }
            try {
                return parse.apply(raw);
            } catch (RuntimeException e) {
                if (strict) {
                    String why = e instanceof NumberFormatException ? "must be a number" : e.getMessage();
                    if (e instanceof IllegalArgumentException && e.getMessage() != null
                            && e.getMessage().startsWith("No enum constant")) {
                        why = "must be one of " + Arrays.toString(FlagAction.values());
                    }
                    errors.append(errors.length() == 0 ? "" : "; ").append(key.name()).append(": ").append(why);
                }
                return current;
            }
        }

        void error(Key key, String why) {
            errors.append(errors.length() == 0 ? "" : "; ").append(key.name()).append(": ").append(why);
        }

        void throwIfInvalid() {
            if (errors.length() > 0) {
                throw new IllegalArgumentException(errors.toString());
            }
        }
    }
}
