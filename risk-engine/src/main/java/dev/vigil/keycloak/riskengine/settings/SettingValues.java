package dev.vigil.keycloak.riskengine.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.RealmModel;

/**
 * Reads string values against a list of {@link SettingDeclaration}s. Lenient reading (realm attributes) keeps the
 * default for a value it cannot read, so a realm never breaks on a bad attribute; strict reading (admin input)
 * collects a reason per bad or unknown name and throws them together.
 */
public final class SettingValues {

    private final Map<String, Object> values;
    private final Map<String, String> problems;

    private SettingValues(Map<String, Object> values, Map<String, String> problems) {
        this.values = values;
        this.problems = problems;
    }

    /** The realm's attributes {@code prefix + name} for every declared name it has. */
    public static Map<String, String> attributes(RealmModel realm, String prefix, List<SettingDeclaration> declared) {
        Map<String, String> m = new LinkedHashMap<>();
        for (SettingDeclaration d : declared) {
            String v = realm.getAttribute(prefix + d.name());
            if (v != null) {
                m.put(d.name(), v);
            }
        }
        return m;
    }

    public static SettingValues read(List<SettingDeclaration> declared, Map<String, String> raw, boolean strict) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        if (strict) {
            for (String name : raw.keySet()) {
                if (declared.stream().noneMatch(d -> d.name().equals(name))) {
                    problems.put(String.valueOf(name), "unknown setting");
                }
            }
        }
        for (SettingDeclaration d : declared) {
            Object value = d.defaultParsed();
            String given = raw.get(d.name());
            if (given != null) {
                try {
                    value = d.parse().apply(given.trim());
                } catch (RuntimeException e) {
                    if (strict) {
                        problems.put(d.name(), e.getMessage() == null ? "not a valid value" : e.getMessage());
                    }
                }
            }
            values.put(d.name(), value);
        }
        return new SettingValues(values, problems);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalStateException("undeclared setting " + name);
        }
        return (T) values.get(name);
    }

    /** Records a problem found across settings (strict reading only; lenient callers repair instead). */
    public void problem(String name, String why) {
        problems.putIfAbsent(name, why);
    }

    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }
}
