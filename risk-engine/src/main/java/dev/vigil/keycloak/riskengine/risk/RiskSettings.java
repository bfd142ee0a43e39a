package dev.vigil.keycloak.riskengine.risk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.keycloak.models.RealmModel;

/**
 * The realm's settings of the in-flow risk assessment, stored as realm attributes {@code vigil.risk.<name>} and
 * declared only here ({@link #declarations()}: name, default, help; the admin REST and the README list them from
 * it). Unset or unreadable attributes fall back to the defaults, so a login never breaks on a bad value;
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

    /** One declared setting: its name (without the prefix), default, help, and how it is read and checked. */
    public record Declaration(String name, String defaultValue, String help, Function<String, Object> parse) {
    }

    private static final List<Declaration> DECLARATIONS = declare();

    public static final RiskSettings DEFAULTS = from(Map.of(), false);

    public RiskSettings {
        allowCidrs = List.copyOf(allowCidrs);
        denyCidrs = List.copyOf(denyCidrs);
        weights = Map.copyOf(weights);
    }

    /** Every setting, in the order the README and the REST representation list them. */
    public static List<Declaration> declarations() {
        return DECLARATIONS;
    }

    public double weight(RiskSignal signal) {
        return weights.getOrDefault(signal, signal.defaultWeight());
    }

    /** The level of a score under these thresholds. */
    public RiskLevel levelOf(double score) {
        return score >= highScore ? RiskLevel.HIGH : score >= mediumScore ? RiskLevel.MEDIUM : RiskLevel.LOW;
    }

    public static RiskSettings of(RealmModel realm) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Declaration d : DECLARATIONS) {
            String v = realm.getAttribute(PREFIX + d.name());
            if (v != null) {
                values.put(d.name(), v);
            }
        }
        return from(values, false);
    }

    /** Applies changes keyed by declared name; throws {@link IllegalArgumentException} listing every bad value. */
    public RiskSettings withChanges(Map<String, String> changes) {
        List<String> unknown = changes.keySet().stream()
                .filter(n -> DECLARATIONS.stream().noneMatch(d -> d.name().equals(n))).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown risk setting " + unknown);
        }
        Map<String, String> merged = new LinkedHashMap<>(toStrings());
        merged.putAll(changes);
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

    private static List<Declaration> declare() {
        List<Declaration> d = new ArrayList<>();
        d.add(new Declaration("mediumScore", "0.5", "score from which a login is MEDIUM (a risk step-up wired in the flow"
                + " asks for a second factor); 0.5 is 2 points", v -> range(Double.parseDouble(v), 0.01, 1.0)));
        d.add(new Declaration("highScore", "0.95", "score from which a login is HIGH (a flow may deny it); 0.95 is"
                + " about 4.9 points; at least mediumScore", v -> range(Double.parseDouble(v), 0.01, 1.0)));
        d.add(new Declaration("fallbackLevel", "MEDIUM", "the level used when Vigil cannot assess a login (GeoIP file"
                + " unreadable, database error); one log line says why", v -> RiskLevel.parse(v)
                .orElseThrow(() -> new IllegalArgumentException("must be one of " + Arrays.toString(RiskLevel.values())))));
        d.add(new Declaration("travelSpeedKmh", "1000", "impossible travel: the fastest believable speed between two"
                + " located logins, km/h", v -> range(Double.parseDouble(v), 100, 20_000)));
        d.add(new Declaration("failureWindowMinutes", "60", "window of the user_failures and ip_failures signals,"
                + " minutes", v -> (int) range(Integer.parseInt(v.trim()), 1, 1440)));
        d.add(new Declaration("allowCidrs", "", "comma-separated IP blocks whose logins get the ip_allow signal"
                + " (e.g. the office)", Cidr::parseList));
        d.add(new Declaration("denyCidrs", "", "comma-separated IP blocks whose logins get the ip_deny signal",
                Cidr::parseList));
        d.add(new Declaration("trustedDeviceDays", "30", "after a second factor, \"Vigil - offer to trust this device\""
                + " lets the user trust the browser for this many days (trusted_device signal instead of new_device);"
                + " 0: never offered, and devices trusted earlier no longer count", v -> (int) range(Integer.parseInt(v.trim()), 0, 365)));
        for (RiskSignal s : RiskSignal.values()) {
            d.add(new Declaration(WEIGHT + s.id(), Double.toString(s.defaultWeight()), "points per unit of " + s.id()
                    + " (0: off): " + s.help(), v -> range(Double.parseDouble(v), 0, 20)));
        }
        return List.copyOf(d);
    }

    @SuppressWarnings("unchecked")
    private static RiskSettings from(Map<String, String> values, boolean strict) {
        Map<String, Object> parsed = new LinkedHashMap<>();
        StringBuilder errors = new StringBuilder();
        for (Declaration d : DECLARATIONS) {
            String raw = values.get(d.name());
            Object value = d.parse().apply(d.defaultValue());
            if (raw != null) {
                try {
                    value = d.parse().apply(raw.trim());
                } catch (RuntimeException e) {
                    if (strict) {
                        String why = e instanceof NumberFormatException ? "must be a number" : e.getMessage();
                        errors.append(errors.length() == 0 ? "" : "; ").append(d.name()).append(": ").append(why);
                    }
                }
            }
            parsed.put(d.name(), value);
        }
        double medium = (Double) parsed.get("mediumScore");
        double high = (Double) parsed.get("highScore");
        if (high < medium) {
            if (strict) {
                errors.append(errors.length() == 0 ? "" : "; ").append("highScore: must be at least mediumScore (")
                        .append(medium).append(')');
            } else {
                high = medium;
            }
        }
        if (errors.length() > 0) {
            throw new IllegalArgumentException(errors.toString());
        }
        Map<RiskSignal, Double> weights = new EnumMap<>(RiskSignal.class);
        for (RiskSignal s : RiskSignal.values()) {
            weights.put(s, (Double) parsed.get(WEIGHT + s.id()));
        }
        return new RiskSettings(medium, high, (RiskLevel) parsed.get("fallbackLevel"),
                (Double) parsed.get("travelSpeedKmh"), (Integer) parsed.get("failureWindowMinutes"),
                (List<Cidr>) parsed.get("allowCidrs"), (List<Cidr>) parsed.get("denyCidrs"),
                (Integer) parsed.get("trustedDeviceDays"), weights);
    }

    /** A copy with one signal's weight changed (benchmarks and tests). */
    public RiskSettings withWeight(RiskSignal signal, double weight) {
        Map<RiskSignal, Double> w = new EnumMap<>(RiskSignal.class);
        w.putAll(weights);
        w.put(signal, weight);
        return new RiskSettings(mediumScore, highScore, fallbackLevel, travelSpeedKmh, failureWindowMinutes,
                allowCidrs, denyCidrs, trustedDeviceDays, w);
    }

    private static double range(double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException("must be between " + fmt(min) + " and " + fmt(max));
        }
        return v;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
