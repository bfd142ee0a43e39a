package dev.vigil.keycloak.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough JSON for the bench tools that talk to Keycloak (load generator, live demo, scenarios): quoting the
 * strings we send, reading one string field of an answer.
 */
public final class Json {

    private Json() {
    }

    /** {@code text} as a JSON string literal; {@code null} for null. */
    public static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** The value of the first {@code "name":"value"} in {@code json} (escapes left as they are), or null. */
    public static String stringField(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }
}
