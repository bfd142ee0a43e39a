package dev.vigil.keycloak.bench.soak;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.vigil.keycloak.bench.Flags;

/**
 * Settings of one soak run (one node count). Flags {@code --name value} or {@code --name=value}. The first group is
 * the user's (passed through by bench/soak), the second is set by bench/soak for the nodes it started.
 */
record SoakOptions(int minutes, int users, double rate, int ratePercent, int warmupSeconds, int calibrateSeconds,
                   int workersPerNode, double wrongPercent, int threads, int drainMaxSeconds, int sessionIdleSeconds,
                   long seed,
                   List<URI> nodes, List<Integer> managementPorts, List<String> serverPids, String jdbcUrl,
                   String jdbcUser, String jdbcPassword, String adminUser, String adminPassword) {

    static final String USAGE = """
            load options:
              --minutes N        length of the steady (open-loop) run                         (default 10)
              --users N          virtual users u000.., each with its own cookie jar             (default 200)
              --rate R           logins per second of the steady run (all nodes together); 0 = measure
                                 the capacity first (--calibrate) and use --rate-pct of it      (default 0)
              --rate-pct P       share of the measured capacity, in %                           (default 75)
              --warmup S         closed-loop warm-up before everything else, unmeasured         (default 60)
              --calibrate S      closed-loop capacity measurement (skipped with --rate)         (default 30)
              --workers N        closed-loop workers per node (warm-up, calibration)            (default 4)
              --wrong-pct P      share of attempts with a wrong password (LOGIN_ERROR rows), %  (default 3)
              --threads N        sender threads of the open loop (in-flight logins at most)     (default 64)
              --drain-max S      how long to wait for the last NEW rows to be scored            (default 120)
              --session-idle S   the realm's SSO session idle timeout: sessions of past logins
                                 expire instead of piling up over the run                       (default 120)
              --seed N           seed of the login mix (kind, wrong passwords)                  (default 20261207)
            set by bench/soak:
              --base-urls URL,URL --management-ports P,P --server-pids PID,PID
              --jdbc-url URL --jdbc-user U --jdbc-password P
            admin: KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD (default admin / admin)""";

    static SoakOptions parse(String[] args) {
        Map<String, String> flags = Flags.parse(args);
        List<URI> nodes = new ArrayList<>();
        for (String url : list(flags, "base-urls", "http://127.0.0.1:8280")) {
            nodes.add(URI.create(url.replaceAll("/+$", "")));
        }
        List<Integer> management = new ArrayList<>();
        for (String port : list(flags, "management-ports", "9280")) {
            management.add(Integer.parseInt(port));
        }
        List<String> pids = list(flags, "server-pids", "");
        SoakOptions options = new SoakOptions(
                positive(flags, "minutes", 10),
                positive(flags, "users", 200),
                number(flags, "rate", 0, 0, 100_000),
                (int) number(flags, "rate-pct", 75, 1, 100),
                positive(flags, "warmup", 60),
                positive(flags, "calibrate", 30),
                positive(flags, "workers", 4),
                number(flags, "wrong-pct", 3, 0, 50),
                positive(flags, "threads", 64),
                positive(flags, "drain-max", 120),
                positive(flags, "session-idle", 120),
                seed(flags),
                nodes, management, pids,
                value(flags, "jdbc-url", "jdbc:postgresql://127.0.0.1:5432/vigil_soak"),
                value(flags, "jdbc-user", "vigil"),
                value(flags, "jdbc-password", "vigil"),
                env("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"),
                env("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"));
        if (!flags.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): --" + String.join(", --", flags.keySet()));
        }
        if (management.size() != nodes.size() || (!pids.isEmpty() && pids.size() != nodes.size())) {
            throw new IllegalArgumentException("--base-urls, --management-ports and --server-pids must list the same nodes");
        }
        if (options.users() < options.workersPerNode() * nodes.size()) {
            throw new IllegalArgumentException("--users must be at least --workers times the nodes");
        }
        return options;
    }

    private static long seed(Map<String, String> flags) {
        String text = value(flags, "seed", "20261207");
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be an integer, got '" + text + "'");
        }
    }

    private static List<String> list(Map<String, String> flags, String name, String fallback) {
        String text = value(flags, name, fallback).trim();
        return text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(String::trim).toList();
    }

    private static int positive(Map<String, String> flags, String name, int fallback) {
        return (int) number(flags, name, fallback, 1, Integer.MAX_VALUE);
    }

    private static double number(Map<String, String> flags, String name, double fallback, double min, double max) {
        String text = value(flags, name, null);
        if (text == null) {
            return fallback;
        }
        try {
            double n = Double.parseDouble(text.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a number from " + fmt(min) + " to " + fmt(max)
                + ", got '" + text + "'");
    }

    private static String fmt(double n) {
        return n == Math.rint(n) && Math.abs(n) < 1e15 ? Long.toString((long) n) : Double.toString(n);
    }

    private static String value(Map<String, String> flags, String name, String fallback) {
        String flag = flags.remove(name);
        return flag != null ? flag : fallback;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
