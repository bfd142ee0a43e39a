package dev.vigil.keycloak.riskengine.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One realm setting as it is declared, once: its name, the group the console shows it in, its kind and bounds (for
 * the console's form), its default, its help text, and how a string value is read and checked. The realm's
 * settings classes ({@link VigilRealmSettings}, {@code RiskSettings}) hold a list of these; the admin REST answers
 * them at {@code GET …/vigil/settings/declarations}, and the PUT validates with the same {@link #parse()}.
 *
 * @param name         name in the REST representation (realm attribute: the class's prefix + name)
 * @param group        section of the settings page
 * @param kind         what kind of value it is
 * @param defaultValue the value of a realm that never set it, as a string
 * @param min          smallest allowed number (numbers only)
 * @param max          largest allowed number (numbers only), or longest text
 * @param options      allowed values of a {@link Kind#CHOICE}
 * @param help         one sentence for an operator
 * @param parse        reads a trimmed string; throws {@link IllegalArgumentException} with the reason
 */
public record SettingDeclaration(String name, String group, Kind kind, String defaultValue, Double min, Double max,
        List<String> options, String help, Function<String, Object> parse) {

    /** Value kinds, as the console's form renders them. */
    public enum Kind {
        /** decimal number within [min, max] */
        NUMBER,
        /** whole number within [min, max] */
        INTEGER,
        /** true or false */
        BOOLEAN,
        /** one of {@code options} */
        CHOICE,
        /** free text (max: length) */
        TEXT,
        /** comma-separated list */
        LIST
    }

    public SettingDeclaration {
        options = List.copyOf(options);
    }

    public static SettingDeclaration number(String name, String group, String defaultValue, double min, double max,
            String help) {
        return new SettingDeclaration(name, group, Kind.NUMBER, defaultValue, min, max, List.of(), help,
                v -> range(number(v), min, max));
    }

    /** A number that may be left empty (then {@code null}). */
    public static SettingDeclaration optionalNumber(String name, String group, double min, double max, String help) {
        return new SettingDeclaration(name, group, Kind.NUMBER, "", min, max, List.of(), help,
                v -> v.isBlank() ? null : range(number(v), min, max));
    }

    public static SettingDeclaration integer(String name, String group, int defaultValue, int min, int max,
            String help) {
        return new SettingDeclaration(name, group, Kind.INTEGER, Integer.toString(defaultValue), (double) min,
                (double) max, List.of(), help, v -> {
                    int i;
                    try {
                        i = Integer.parseInt(v.trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("must be a whole number");
                    }
                    return (int) range(i, min, max);
                });
    }

    public static SettingDeclaration bool(String name, String group, boolean defaultValue, String help) {
        return new SettingDeclaration(name, group, Kind.BOOLEAN, Boolean.toString(defaultValue), null, null,
                List.of(), help, v -> switch (v.trim().toLowerCase(Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException("must be true or false");
                });
    }

    public static <E extends Enum<E>> SettingDeclaration choice(String name, String group, E defaultValue,
            String help) {
        Class<E> type = defaultValue.getDeclaringClass();
        List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        return new SettingDeclaration(name, group, Kind.CHOICE, defaultValue.name(), null, null, names, help, v -> {
            String upper = v.trim().toUpperCase(Locale.ROOT);
            if (!names.contains(upper)) {
                throw new IllegalArgumentException("must be one of " + names);
            }
            return Enum.valueOf(type, upper);
        });
    }

    public static SettingDeclaration text(String name, String group, String defaultValue, int maxLength, String help,
            Function<String, Object> parse) {
        return new SettingDeclaration(name, group, Kind.TEXT, defaultValue, null, (double) maxLength, List.of(), help,
                v -> {
                    if (v.length() > maxLength) {
                        throw new IllegalArgumentException("at most " + maxLength + " characters");
                    }
                    return parse.apply(v);
                });
    }

    public static SettingDeclaration list(String name, String group, String help, Function<String, Object> parse) {
        return new SettingDeclaration(name, group, Kind.LIST, "", null, null, List.of(), help, parse);
    }

    /** The default, parsed. */
    public Object defaultParsed() {
        return parse.apply(defaultValue);
    }

    private static double number(String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number");
        }
    }

    private static double range(double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException("must be between " + plain(min) + " and " + plain(max));
        }
        return v;
    }

    /** 10000.0 as "10000", 0.0001 as "0.0001". */
    static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
