package dev.vigil.keycloak.bench;

import java.util.HashMap;
import java.util.Map;

/** The benchmarks' command-line options: {@code --name value} or {@code --name=value}, nothing else. */
public final class Flags {

    private Flags() {
    }

    /** @throws IllegalArgumentException for an argument that is not an option, or an option without a value */
    public static Map<String, String> parse(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                flags.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                flags.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("missing value for " + arg);
            }
        }
        return flags;
    }
}
