package dev.vigil.keycloak.riskengine.settings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Settings input with one or more bad values: {@link #problems()} maps each setting's name to why, so the admin
 * REST can answer them field by field; the message lists them all ({@code name: why; name: why}).
 */
public class InvalidSettingsException extends IllegalArgumentException {

    private final Map<String, String> problems;

    public InvalidSettingsException(Map<String, String> problems) {
        super(problems.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; ")));
        this.problems = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(problems)); // in input order
    }

    public Map<String, String> problems() {
        return problems;
    }

    /** The same problems with every name prefixed (e.g. {@code risk.}). */
    public InvalidSettingsException prefixed(String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        problems.forEach((k, v) -> m.put(prefix + k, v));
        return new InvalidSettingsException(m);
    }
}
