package dev.vigil.keycloak.riskengine.settings;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.keycloak.models.RealmModel;

/**
 * Vigil's settings of one realm, stored as realm attributes {@code vigil.<name>} and declared only here
 * ({@link #declarations()}: name, section, kind and bounds, default, help; the admin REST validates with them and
 * the console's settings page is built from them). Unset or unreadable attributes fall back to the defaults, so a
 * realm never breaks on a bad value; {@link #withChanges(Map)} validates input and reports every problem.
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

    /** Sections of the console's settings page. */
    public static final String MODEL = "model", RESPONSE = "response", ALERTS = "alerts", DATA = "data",
            SPRAY = "sprayGuard";

    private static final List<SettingDeclaration> DECLARATIONS = List.of(
            SettingDeclaration.text("timeZone", MODEL, "UTC", 64, "zone of the hour-of-day and day-of-week features"
                    + " and of the statistics' days (e.g. Europe/Paris)", VigilRealmSettings::zone),
            SettingDeclaration.number("contamination", MODEL, "0.01", 0.0001, 0.25, "expected share of anomalous"
                    + " logins: the model flags the scores above this share of its training logins"),
            SettingDeclaration.optionalNumber("flagThreshold", MODEL, 0.0, 1.0, "absolute score from which a login"
                    + " is flagged, overriding the threshold calibrated from contamination; empty: calibrated"),
            SettingDeclaration.integer("minRealLogins", MODEL, 200, 10, 1_000_000, "scored logins the realm needs"
                    + " before its own model replaces the bootstrap model"),
            SettingDeclaration.choice("action", RESPONSE, FlagAction.NONE, "what Vigil does with a flagged login:"
                    + " nothing, end that session, end all the user's sessions, or disable the user"),
            SettingDeclaration.bool("dryRun", RESPONSE, false, "record what the action would have done, do nothing"),
            SettingDeclaration.integer("maxActionsPerHour", RESPONSE, 10, 0, 10_000, "automatic actions per hour in"
                    + " the realm at most; beyond it an action is withheld and the admin alert says so (0: none)"),
            SettingDeclaration.bool("notifyUserOnNewDevice", ALERTS, true, "e-mail a user who logs in from a device"
                    + " Vigil has not seen for them (not on their first login ever)"),
            SettingDeclaration.bool("notifyAdmins", ALERTS, true, "e-mail the admins below about each flagged login"),
            SettingDeclaration.list("adminEmails", ALERTS, "comma-separated addresses of admin alerts (at most 20)",
                    VigilRealmSettings::emails),
            SettingDeclaration.text("adminRole", ALERTS, "", 255, "realm role whose members (with an e-mail address)"
                    + " also receive admin alerts; empty: none", v -> v),
            SettingDeclaration.integer("historyDays", DATA, 90, 1, 3650, "how far back a user's history is read and"
                    + " training logins are drawn, days"),
            SettingDeclaration.integer("retentionDays", DATA, 180, 1, 3650, "how long login rows are kept (idle"
                    + " profiles and old models go too), days; at least historyDays"),
            SettingDeclaration.integer("unknownUsernameDays", DATA, 7, 1, 90, "how long a failed attempt keeps a"
                    + " username that matches no user, days (then it is erased)"),
            SettingDeclaration.integer("sprayAccounts", SPRAY, 0, 0, 100_000, "refuse, before any password is"
                    + " checked, a network (IPv4 /24, IPv6 /48) whose sign-ins failed against this many different"
                    + " usernames within the window; 0: off"),
            SettingDeclaration.integer("sprayWindowMinutes", SPRAY, 60, 1, 1440, "the guard's window, minutes: a"
                    + " network stays refused until its failures are this old"));

    public static final VigilRealmSettings DEFAULTS = from(Map.of(), false);

    /** Every setting, in the order the REST representation and the console list them. */
    public static List<SettingDeclaration> declarations() {
        return DECLARATIONS;
    }

    /** the realm's settings as last parsed, parsed again when an attribute changed */
    private static final ParsedSettings<VigilRealmSettings> PARSED = new ParsedSettings<>(raw -> from(raw, false));

    public static VigilRealmSettings of(RealmModel realm) {
        return PARSED.get(realm.getId(), SettingValues.attributes(realm, PREFIX, DECLARATIONS));
    }

    /**
     * Applies changes given as strings; throws {@link InvalidSettingsException} naming every unknown name and bad
     * value.
     */
    public VigilRealmSettings withChanges(Map<String, String> changes) {
        Map<String, String> merged = new LinkedHashMap<>(toStrings());
        changes.forEach((name, value) -> {
            if (value != null) { // JSON null: not given
                merged.put(name, value);
            }
        });
        return from(merged, true);
    }

    public void store(RealmModel realm) {
        toStrings().forEach((name, value) -> realm.setAttribute(PREFIX + name, value));
    }

    /** Values as strings, keyed by declared name, in declaration order. */
    public Map<String, String> toStrings() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("timeZone", timeZone.getId());
        v.put("contamination", Double.toString(contamination));
        v.put("flagThreshold", flagThreshold == null ? "" : Double.toString(flagThreshold));
        v.put("minRealLogins", Integer.toString(minRealLogins));
        v.put("action", action.name());
        v.put("dryRun", Boolean.toString(dryRun));
        v.put("maxActionsPerHour", Integer.toString(maxActionsPerHour));
        v.put("notifyUserOnNewDevice", Boolean.toString(notifyUserOnNewDevice));
        v.put("notifyAdmins", Boolean.toString(notifyAdmins));
        v.put("adminEmails", String.join(",", adminEmails));
        v.put("adminRole", adminRole);
        v.put("historyDays", Integer.toString(historyDays));
        v.put("retentionDays", Integer.toString(retentionDays));
        v.put("unknownUsernameDays", Integer.toString(unknownUsernameDays));
        v.put("sprayAccounts", Integer.toString(sprayAccounts));
        v.put("sprayWindowMinutes", Integer.toString(sprayWindowMinutes));
        return v;
    }

    private static VigilRealmSettings from(Map<String, String> raw, boolean strict) {
        SettingValues p = SettingValues.read(DECLARATIONS, raw, strict);
        int historyDays = p.<Integer>get("historyDays");
        int retentionDays = p.<Integer>get("retentionDays");
        if (historyDays > retentionDays) {
            if (strict) {
                p.problem("retentionDays", "must be at least historyDays (" + historyDays + ")");
            } else {
                retentionDays = historyDays; // a realm never breaks on a bad value: keep history, retention follows
            }
        }
        p.throwIfInvalid();
        Double threshold = p.get("flagThreshold");
        @SuppressWarnings("unchecked")
        List<String> emails = (List<String>) p.<Object>get("adminEmails");
        return new VigilRealmSettings(p.get("timeZone"), p.<Double>get("contamination"), threshold,
                p.get("action"), p.<Boolean>get("dryRun"), p.<Boolean>get("notifyUserOnNewDevice"),
                p.<Boolean>get("notifyAdmins"), emails, ((String) p.get("adminRole")).trim(),
                p.<Integer>get("minRealLogins"), historyDays, retentionDays, p.<Integer>get("unknownUsernameDays"),
                p.<Integer>get("maxActionsPerHour"), p.<Integer>get("sprayAccounts"),
                p.<Integer>get("sprayWindowMinutes"));
    }

    private static ZoneId zone(String v) {
        try {
            return ZoneId.of(v.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a time zone id (e.g. Europe/Paris, UTC)");
        }
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
}
