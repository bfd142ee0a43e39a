package dev.vigil.keycloak.riskengine.risk;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.keycloak.riskengine.settings.InvalidSettingsException;
import dev.vigil.keycloak.riskengine.settings.SettingDeclaration;
import dev.vigil.keycloak.riskengine.settings.ParsedSettings;
import dev.vigil.keycloak.riskengine.settings.SettingValues;
import org.keycloak.models.RealmModel;

/**
 * The realm's settings of the in-flow risk assessment, stored as realm attributes {@code vigil.risk.<name>} and
 * declared only here ({@link #declarations()}: name, section, kind and bounds, default, help; the admin REST
 * validates with them and the console's settings page is built from them). Unset or unreadable attributes fall
 * back to the defaults, so a login never breaks on a bad value;
 * {@link #withChanges} validates input and reports every problem.
 *
 * @param mediumScore          score from which a login is MEDIUM
 * @param highScore            score from which a login is HIGH (at least mediumScore)
 * @param fallbackLevel        the level used when the assessment itself fails
 * @param travelSpeedKmh       impossible travel: the fastest believable speed between two logins
 * @param failureWindowMinutes the window of the failure signals
 * @param allowCidrs           the IP_ALLOW list
 * @param denyCidrs            the IP_DENY list
 * @param trustedDeviceDays    how long a device the user chose to trust after a second factor stays trusted (0: the
 *                             offer is never made)
 * @param weights              each signal's weight (0: off)
 */
public record RiskSettings(double mediumScore, double highScore, RiskLevel fallbackLevel, double travelSpeedKmh,
        int failureWindowMinutes, List<Cidr> allowCidrs, List<Cidr> denyCidrs, int trustedDeviceDays,
        Map<RiskSignal, Double> weights) {

    public static final String PREFIX = "vigil.risk.";
    public static final String WEIGHT = "weight.";

    private static final List<SettingDeclaration> DECLARATIONS = declare();

    public static final RiskSettings DEFAULTS = from(Map.of(), false);

    public RiskSettings {
        allowCidrs = List.copyOf(allowCidrs);
        denyCidrs = List.copyOf(denyCidrs);
        weights = Map.copyOf(weights);
    }

    /** Every setting, in the order the README and the REST representation list them. */
    public static List<SettingDeclaration> declarations() {
        return DECLARATIONS;
    }

    public double weight(RiskSignal signal) {
        return weights.getOrDefault(signal, signal.defaultWeight());
    }

    /** The level of a score under these thresholds. */
    public RiskLevel levelOf(double score) {
        return score >= highScore ? RiskLevel.HIGH : score >= mediumScore ? RiskLevel.MEDIUM : RiskLevel.LOW;
    }

    /** the realm's settings as last parsed, parsed again when an attribute changed */
    private static final ParsedSettings<RiskSettings> PARSED = new ParsedSettings<>(raw -> from(raw, false));

    public static RiskSettings of(RealmModel realm) {
        return PARSED.get(realm.getId(), SettingValues.attributes(realm, PREFIX, DECLARATIONS));
    }

    /**
     * Applies changes keyed by declared name; throws {@link InvalidSettingsException} naming every unknown name and
     * bad value.
     */
    public RiskSettings withChanges(Map<String, String> changes) {
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

    /** Values as strings, keyed by declared name. */
    public Map<String, String> toStrings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mediumScore", Double.toString(mediumScore));
        m.put("highScore", Double.toString(highScore));
        m.put("fallbackLevel", fallbackLevel.name());
        m.put("travelSpeedKmh", Double.toString(travelSpeedKmh));
        m.put("failureWindowMinutes", Integer.toString(failureWindowMinutes));
        m.put("allowCidrs", String.join(",", allowCidrs.stream().map(Cidr::toString).toList()));
        m.put("denyCidrs", String.join(",", denyCidrs.stream().map(Cidr::toString).toList()));
        m.put("trustedDeviceDays", Integer.toString(trustedDeviceDays));
        for (RiskSignal s : RiskSignal.values()) {
            m.put(WEIGHT + s.id(), Double.toString(weight(s)));
        }
        return m;
    }

    /** Sections of the console's settings page. */
    public static final String STEP_UP = "stepUp", TRUSTED = "trustedDevices", WEIGHTS = "weights";

    private static List<SettingDeclaration> declare() {
        List<SettingDeclaration> d = new ArrayList<>();
        d.add(SettingDeclaration.number("mediumScore", STEP_UP, "0.5", 0.01, 1.0, "score from which a login is MEDIUM"
                + " (a risk step-up wired in the flow asks for a second factor); 0.5 is 2 points"));
        d.add(SettingDeclaration.number("highScore", STEP_UP, "0.95", 0.01, 1.0, "score from which a login is HIGH"
                + " (a flow may deny it); 0.95 is about 4.9 points; at least mediumScore"));
        d.add(SettingDeclaration.choice("fallbackLevel", STEP_UP, RiskLevel.MEDIUM, "the level used when Vigil"
                + " cannot assess a login (GeoIP file unreadable, database error); one log line says why"));
        d.add(SettingDeclaration.number("travelSpeedKmh", STEP_UP, "1000", 100, 20_000, "impossible travel: the"
                + " fastest believable speed between two located logins, km/h"));
        d.add(SettingDeclaration.integer("failureWindowMinutes", STEP_UP, 60, 1, 1440, "window of the user_failures"
                + " and ip_failures signals, minutes"));
        d.add(SettingDeclaration.list("allowCidrs", STEP_UP, "comma-separated IP blocks whose logins get the"
                + " ip_allow signal (e.g. the office)", Cidr::parseList));
        d.add(SettingDeclaration.list("denyCidrs", STEP_UP, "comma-separated IP blocks whose logins get the ip_deny"
                + " signal", Cidr::parseList));
        d.add(SettingDeclaration.integer("trustedDeviceDays", TRUSTED, 30, 0, 365, "after a second factor, \"Vigil -"
                + " offer to trust this device\" lets the user trust the browser for this many days (trusted_device"
                + " signal instead of new_device); 0: never offered, and devices trusted earlier no longer count"));
        for (RiskSignal s : RiskSignal.values()) {
            d.add(SettingDeclaration.number(WEIGHT + s.id(), WEIGHTS, Double.toString(s.defaultWeight()), 0, 20,
                    "points per unit of " + s.id() + " (0: off): " + s.help()));
        }
        return List.copyOf(d);
    }

    @SuppressWarnings("unchecked")
    private static RiskSettings from(Map<String, String> values, boolean strict) {
        SettingValues p = SettingValues.read(DECLARATIONS, values, strict);
        double medium = p.<Double>get("mediumScore");
        double high = p.<Double>get("highScore");
        if (high < medium) {
            if (strict) {
                p.problem("highScore", "must be at least mediumScore (" + medium + ")");
            } else {
                high = medium;
            }
        }
        p.throwIfInvalid();
        Map<RiskSignal, Double> weights = new EnumMap<>(RiskSignal.class);
        for (RiskSignal s : RiskSignal.values()) {
            weights.put(s, p.<Double>get(WEIGHT + s.id()));
        }
        return new RiskSettings(medium, high, p.get("fallbackLevel"), p.<Double>get("travelSpeedKmh"),
                p.<Integer>get("failureWindowMinutes"), (List<Cidr>) p.<Object>get("allowCidrs"),
                (List<Cidr>) p.<Object>get("denyCidrs"), p.<Integer>get("trustedDeviceDays"), weights);
    }

    /** A copy with one signal's weight changed (benchmarks and tests). */
    public RiskSettings withWeight(RiskSignal signal, double weight) {
        Map<RiskSignal, Double> w = new EnumMap<>(RiskSignal.class);
        w.putAll(weights);
        w.put(signal, weight);
        return new RiskSettings(mediumScore, highScore, fallbackLevel, travelSpeedKmh, failureWindowMinutes,
                allowCidrs, denyCidrs, trustedDeviceDays, w);
    }
}
