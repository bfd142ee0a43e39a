package dev.vigil.keycloak.bench.overhead;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import dev.vigil.keycloak.bench.Flags;

/**
 * Settings of one run. Each comes from a flag ({@code --rounds 8} or {@code --rounds=8}), else from the
 * environment variable {@code BENCH_<NAME>} ({@code BENCH_ROUNDS}), else from the default.
 */
record Options(URI baseUrl, int workers, int rounds, int roundSeconds, int warmupSeconds, int warmupMaxSeconds,
               int users, Integer vigilHour, boolean demoFlows,
               String adminUser, String adminPassword) {

    static final String USAGE = """
            options (flag, or environment variable BENCH_<NAME>):
              --duration SECONDS  length of each measured realm run, per round   (default 10)
              --rounds N          rounds; each runs both realms, order swapped    (default 8)
              --workers N         concurrent login workers                       (default 4)
              --warmup SECONDS    unmeasured warm-up per realm, at least          (default 600)
              --warmup-max SECONDS  ... and at most: it goes on in 10 s slices     (default 900)
                                  until the JIT compiler uses under 2% of Keycloak's CPU
                                  (shorter warm-ups leave the JIT compiling Vigil's code paths in
                                  the rounds: 2.0 ms of CPU per vigil login after 300 s, 0.25 ms
                                  after 600 s, 2026-12-07; --warmup 20 for a quick look)
              --users N           users per realm, u000..                        (default 50)
              --vigil-hour H      the hour of day (0-23) it is now for Vigil in the vigil realm: sets
                                  its timeZone setting to the fixed offset that makes it so. 3 = the
                                  worst case (the bootstrap model flags nearly every login and explains
                                  it), 11 = office hours (few flags).    (default: Vigil's default, UTC)
              --vigil-flows F     demo: the vigil realm uses the demo realm's flows (typing-rhythm form,
                                  login risk, denial, levels of authentication); stock: Keycloak's
                                  own flows, the listener alone. The plain realm always has Keycloak's
                                  own flows and no Vigil.                (default demo)
              --base-url URL      Keycloak                          (default http://127.0.0.1:8180)
            admin: KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD (default admin / admin)""";

    static Options parse(String[] args) {
        Map<String, String> flags = Flags.parse(args);
        int warmupMax = positive(flags, "warmup-max", 900);
        int warmup = positive(flags, "warmup", Math.min(600, warmupMax));
        Options options = new Options(
                URI.create(value(flags, "base-url", "http://127.0.0.1:8180").replaceAll("/+$", "")),
                positive(flags, "workers", 4),
                positive(flags, "rounds", 8),
                positive(flags, "duration", 10),
                warmup,
                warmupMax,
                positive(flags, "users", 50),
                hour(flags, "vigil-hour"),
                flows(flags),
                env("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"),
                env("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"));
        if (options.warmupMaxSeconds() < options.warmupSeconds()) {
            throw new IllegalArgumentException("--warmup-max must be at least --warmup");
        }
        if (options.users() < options.workers()) {
            throw new IllegalArgumentException("--users must be at least --workers (each worker owns its users)");
        }
        if (!flags.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): --" + String.join(", --", flags.keySet()));
        }
        return options;
    }

    private static boolean flows(Map<String, String> flags) {
        String v = value(flags, "vigil-flows", "demo").trim();
        return switch (v) {
            case "demo" -> true;
            case "stock" -> false;
            default -> throw new IllegalArgumentException("--vigil-flows must be demo or stock, got " + v);
        };
    }

    private static int positive(Map<String, String> flags, String name, int fallback) {
        String text = value(flags, name, Integer.toString(fallback));
        try {
            int n = Integer.parseInt(text.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a positive integer, got '" + text + "'");
    }

    private static Integer hour(Map<String, String> flags, String name) {
        String text = value(flags, name, "");
        if (text.isBlank()) {
            return null;
        }
        try {
            int h = Integer.parseInt(text.trim());
            if (h >= 0 && h <= 23) {
                return h;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be an hour from 0 to 23, got '" + text + "'");
    }

    private static String value(Map<String, String> flags, String name, String fallback) {
        String flag = flags.remove(name);
        return flag != null ? flag : env("BENCH_" + name.toUpperCase(Locale.ROOT).replace('-', '_'), fallback);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
