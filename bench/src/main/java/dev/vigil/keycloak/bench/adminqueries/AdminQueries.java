package dev.vigil.keycloak.bench.adminqueries;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vigil.keycloak.bench.Json;
import dev.vigil.keycloak.bench.overhead.Http;

/**
 * {@code bench/admin-queries}: what the console's Login risk pages cost on a big realm. Three steps, driven by the
 * script: {@code setup} (Keycloak running) creates the realm and its users; {@code fill} (Keycloak stopped, or on a
 * shared PostgreSQL) writes the login rows straight into {@code VIGIL_LOGIN_EVENT}; {@code measure} (Keycloak
 * running) times each page's REST requests as the console sends them, with the admin's token, and prints p50/p95
 * per page. Last line: {@code ADMIN-QUERIES flagged_p95_ms=<x> dashboard_p95_ms=<y> user_p95_ms=<z>}.
 */
public final class AdminQueries {

    static final String REALM = "bench-admin";
    static final Pattern USER = Pattern.compile("\"id\":\"([^\"]+)\",\"username\":\"([^\"]+)\"");

    private AdminQueries() {
    }

    public static void main(String[] args) throws Exception {
        String step = args.length > 0 ? args[0] : "";
        String baseUrl = option(args, "--base-url", "http://127.0.0.1:8180");
        Path work = Path.of(option(args, "--work", "bench/target/admin-queries"));
        Files.createDirectories(work);
        switch (step) {
            case "setup" -> setup(baseUrl, work, Integer.parseInt(option(args, "--users", "2000")));
            case "fill" -> fill(work, option(args, "--jdbc-url", ""), option(args, "--jdbc-user", ""),
                    option(args, "--jdbc-password", ""), Long.parseLong(option(args, "--rows", "1000000")),
                    Integer.parseInt(option(args, "--days", "175")));
            case "measure" -> measure(baseUrl, work, Integer.parseInt(option(args, "--loads", "60")),
                    option(args, "--db", "?"));
            default -> {
                System.err.println("usage: AdminQueries setup|fill|measure [options]");
                System.exit(2);
            }
        }
    }

    /**
     * The realm (Vigil's listener on, as in a realm that uses Vigil; a year of history kept, so that no row is old
     * enough for the retention task) and its users.
     */
    static void setup(String baseUrl, Path work, int users) throws Exception {
        HttpClient http = Http.client();
        String token = adminToken(http, baseUrl);
        send(http, Http.request(baseUrl + "/admin/realms").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"realm\":\"" + REALM + "\",\"enabled\":true,"
                                + "\"eventsListeners\":[\"jboss-logging\",\"vigil\"],\"attributes\":{\"vigil.historyDays\":\"180\","
                                + "\"vigil.retentionDays\":\"365\"}}")), 201);
        StringBuilder body = new StringBuilder("{\"ifResourceExists\":\"SKIP\",\"users\":[");
        for (int i = 0; i < users; i++) {
            body.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"username\":\"bench-user-%05d\",\"enabled\":true}", i));
        }
        send(http, Http.request(baseUrl + "/admin/realms/" + REALM + "/partialImport")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.append("]}").toString())), 200);
        String list = send(http, Http.request(baseUrl + "/admin/realms/" + REALM + "/users?briefRepresentation=true&max="
                + (users + 10)).header("Authorization", "Bearer " + token).GET(), 200);
        List<String> lines = new ArrayList<>();
        Matcher m = USER.matcher(list);
        while (m.find()) {
            lines.add(m.group(1) + "\t" + m.group(2));
        }
        String realm = send(http, Http.request(baseUrl + "/admin/realms/" + REALM).header("Authorization",
                "Bearer " + token).GET(), 200);
        Files.writeString(work.resolve("realm-id"), Json.stringField(realm, "id"));
        Files.write(work.resolve("users.tsv"), lines);
        System.out.printf(Locale.ROOT, "setup: realm %s with %d users%n", REALM, lines.size());
    }

    static void fill(Path work, String url, String user, String password, long rows, int days) throws Exception {
        String realmId = Files.readString(work.resolve("realm-id")).trim();
        List<LoginRows.User> users = Files.readAllLines(work.resolve("users.tsv")).stream()
                .map(l -> l.split("\t")).map(p -> new LoginRows.User(p[0], p[1])).toList();
        long started = System.nanoTime();
        try (Connection db = DriverManager.getConnection(url, user, password)) {
            if (url.startsWith("jdbc:h2:")) {
                try (Statement s = db.createStatement()) {
                    // a bulk load: let H2 reuse the space of superseded pages at once (it keeps them 45 s by
                    // default), or the file grows to many times the data
                    s.execute("SET RETENTION_TIME 0");
                }
            }
            long written = LoginRows.write(db, realmId, users, rows, days, System.currentTimeMillis(), 20261206L);
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(
                    "select count(*) from VIGIL_LOGIN_EVENT where REALM_ID = '" + realmId + "'")) {
                r.next();
                System.out.printf(Locale.ROOT, "fill: %,d rows written in %.0f s; the realm has %,d%n", written,
                        (System.nanoTime() - started) / 1e9, r.getLong(1));
            }
            if (url.startsWith("jdbc:postgresql")) {
                try (Statement s = db.createStatement()) {
                    db.setAutoCommit(true);
                    s.execute("analyze VIGIL_LOGIN_EVENT"); // as autovacuum would after a bulk load
                }
            }
        }
    }

    /**
     * One page load: the requests the page sends on opening, paths under {@code /admin/realms/{realm}/}. The console
     * sends them at once (the Dashboard's {@code Promise.all}, the User risk page's effects, Keycloak's own requests
     * among them), so they are sent at once here too and the page is loaded when the last answer is in.
     */
    record Page(String name, List<String> paths) {
    }

    static void measure(String baseUrl, Path work, int loads, String db) throws Exception {
        HttpClient http = Http.client();
        List<String[]> users = Files.readAllLines(work.resolve("users.tsv")).stream().map(l -> l.split("\t")).toList();
        SplittableRandom random = new SplittableRandom(7);
        long now = System.currentTimeMillis();
        long day = 86_400_000L;
        String token = adminToken(http, baseUrl);
        long tokenAt = System.currentTimeMillis();
        awaitRollUp(http, baseUrl, now);
        token = adminToken(http, baseUrl);
        tokenAt = System.currentTimeMillis();
        String[] names = {"flagged", "dashboard", "user"};
        double[][] millis = new double[names.length][loads];
        // the JIT warm: a --reuse run starts measuring seconds after the server did (its cold loads are printed above)
        int warmup = Math.max(20, loads / 2);
        java.util.Map<String, List<Double>> perRequest = new java.util.TreeMap<>();
        for (int i = -warmup; i < loads; i++) {
            String[] u = users.get((int) (Math.pow(random.nextDouble(), 2) * users.size()));
            String[] levels = {"", "MEDIUM", "HIGH"};
            List<Page> pages = List.of(
                    new Page("flagged", List.of("vigil/flagged-logins?first=0&max=51&from=" + (now - 30 * day)
                            + (random.nextBoolean() ? "&status=open" : "") + "&level=" + levels[random.nextInt(3)]
                            + (random.nextInt(4) == 0 ? "&user=" + u[1] : ""))),
                    new Page("dashboard", List.of("vigil/stats", "vigil/model")),
                    new Page("user", List.of("vigil/login-events?user=" + u[0] + "&max=20",
                            "vigil/users/" + u[0] + "/places", "users/" + u[0], "vigil/users/" + u[0]
                                    + "/trusted-devices", "users/" + u[0] + "/sessions",
                            "users/" + u[0] + "/credentials")));
            for (int p = 0; p < pages.size(); p++) {
                if (System.currentTimeMillis() - tokenAt > 20_000) { // the admin token lives 60 s
                    token = adminToken(http, baseUrl);
                    tokenAt = System.currentTimeMillis();
                }
                long start = System.nanoTime();
                List<java.util.concurrent.CompletableFuture<Double>> answers = new ArrayList<>();
                for (String path : pages.get(p).paths()) {
                    HttpRequest request = Http.request(baseUrl + "/admin/realms/" + REALM + "/" + path)
                            .timeout(java.time.Duration.ofMinutes(5)) // a slow page is measured, not dropped
                            .header("Authorization", "Bearer " + token).GET().build();
                    answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
                        expect(r, 200);
                        return (System.nanoTime() - start) / 1e6;
                    }));
                }
                for (int k = 0; k < answers.size(); k++) {
                    double took = answers.get(k).join();
                    if (i >= 0) {
                        String path = pages.get(p).paths().get(k);
                        String request = path.replaceAll("\\?.*", "").replaceAll("users/[^/]+", "users/{id}")
                                + (path.startsWith("vigil/") ? "" : " (Keycloak's)");
                        perRequest.computeIfAbsent(request, x -> new ArrayList<>()).add(took);
                    }
                }
                if (i >= 0) {
                    millis[p][i] = (System.nanoTime() - start) / 1e6;
                } else if (i == -warmup) {
                    System.out.printf(Locale.ROOT, "first %s load (cold): %.0f ms%n", names[p],
                            (System.nanoTime() - start) / 1e6);
                }
            }
        }
        System.out.println("each request, from its page's start until its answer (a page's requests are sent at once):");
        perRequest.forEach((request, times) -> {
            double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "  %-38s p50=%.1f ms p95=%.1f ms%n", request,
                    percentile(sorted, 0.50), percentile(sorted, 0.95));
        });
        StringBuilder last = new StringBuilder("ADMIN-QUERIES");
        for (int p = 0; p < names.length; p++) {
            double[] sorted = millis[p].clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%-10s db=%s loads=%d p50=%.1f ms p95=%.1f ms max=%.1f ms%n", names[p], db,
                    loads, percentile(sorted, 0.50), percentile(sorted, 0.95), sorted[sorted.length - 1]);
            last.append(String.format(Locale.ROOT, " %s_p95_ms=%.1f", names[p], percentile(sorted, 0.95)));
        }
        System.out.println(last);
    }

    /**
     * Waits until the roll-up task has rolled the filled rows up (its first run is 30 s after the start; a fresh fill
     * is all backlog, as after an upgrade) and prints how long that took: the dashboard is measured as it is once
     * the roll-up has caught up.
     */
    static void awaitRollUp(HttpClient http, String baseUrl, long now) throws Exception {
        long start = System.nanoTime();
        long hour = 3_600_000L;
        while (true) {
            String stats = send(http, Http.request(baseUrl + "/admin/realms/" + REALM + "/vigil/stats?from="
                    + (now - 2 * 86_400_000L) + "&to=" + now).timeout(java.time.Duration.ofMinutes(5))
                    .header("Authorization", "Bearer " + adminToken(http, baseUrl)).GET(), 200);
            Matcher m = Pattern.compile("\"rolledUpTo\":(\\d+)").matcher(stats);
            if (m.find() && Long.parseLong(m.group(1)) >= now - 2 * hour) {
                System.out.printf(Locale.ROOT, "roll-up caught up %.0f s after the server answered (rolled up to %s)%n",
                        (System.nanoTime() - start) / 1e9, java.time.Instant.ofEpochMilli(Long.parseLong(m.group(1))));
                return;
            }
            if (System.nanoTime() - start > 30 * 60 * 1_000_000_000L) {
                throw new IllegalStateException("the roll-up did not catch up within 30 minutes");
            }
            Thread.sleep(2_000);
        }
    }

    static double percentile(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    static String adminToken(HttpClient http, String baseUrl) throws IOException, InterruptedException {
        String body = send(http, Http.postForm(baseUrl + "/realms/master/protocol/openid-connect/token",
                Http.form("grant_type", "password", "client_id", "admin-cli", "username",
                        System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"), "password",
                        System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"))), 200);
        return Json.stringField(body, "access_token");
    }

    static String send(HttpClient http, HttpRequest.Builder request, int expected)
            throws IOException, InterruptedException {
        return expect(http.send(request.build(), HttpResponse.BodyHandlers.ofString()), expected).body();
    }

    /** {@code response}, if its status is {@code expected}. */
    static HttpResponse<String> expect(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + ": "
                    + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
