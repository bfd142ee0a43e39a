package dev.vigil.keycloak.bench.simulator;

import dev.vigil.keycloak.bench.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a running simulation realm (the demo's {@code vigil-demo}, realm attribute {@code vigil.simulation=true}) with
 * weeks of simulated history: creates the simulator's users ({@code sim-user00000}, …), replays their traffic, ending
 * now, through Vigil's {@code POST …/vigil/history} (assessed, recorded and scored as live logins would have been),
 * then trains the realm's model. Afterwards the admin sees weeks of logins, flagged ones, step-ups and denials.
 * Usage: {@code bench/simulate [--base-url http://localhost:8080] [--realm vigil-demo] [--users 60] [--weeks 6]
 * [--seed 20261205]}; admin from KC_BOOTSTRAP_ADMIN_USERNAME / _PASSWORD (default admin / admin).
 */
public final class LiveDemo {

    static final String PASSWORD = "Sim-user-Passw0rd!";
    static final String PREFIX = "sim-";
    static final int CHUNK = 2000;
    private static final Pattern FIELD = Pattern.compile("\"(imported|unknownUsers|scored|low|medium|high)\":(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String realm;

    LiveDemo(String base, String realm) {
        this.base = base.replaceAll("/+$", "");
        this.realm = realm;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(Map.of("base-url", "http://localhost:8080", "realm", "vigil-demo",
                "users", "60", "weeks", "6", "seed", "20261205"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--") || !o.containsKey(args[i].substring(2))) {
                System.err.println("unknown option " + args[i] + "; options: " + o.keySet());
                System.exit(2);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        int users = Integer.parseInt(o.get("users"));
        int weeks = Integer.parseInt(o.get("weeks"));
        if (users < 1 || users > 2000 || weeks < 2 || weeks > 12) {
            System.err.println("--users 1-2000, --weeks 2-12 (the realm keeps 90 days of history by default)");
            System.exit(2);
        }
        new LiveDemo(o.get("base-url"), o.get("realm")).run(users, weeks, Long.parseLong(o.get("seed")));
    }

    void run(int users, int weeks, long seed) throws IOException, InterruptedException {
        TrafficSimulator.Options options = TrafficSimulator.Options.of(users, weeks, seed);
        List<Login> traffic = TrafficSimulator.generate(options);
        // the simulated weeks end an hour ago
        long shift = System.currentTimeMillis() - 3_600_000L - options.end();
        Set<String> accounts = new LinkedHashSet<>();
        for (Login l : traffic) {
            if (l.legit() || l.userId().startsWith("user")) {
                accounts.add(l.userId());
            }
        }
        String token = adminToken();
        int created = 0;
        for (String account : accounts) {
            created += createUser(token, PREFIX + account) ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "==> %d simulated users in realm %s (%d new, password %s)%n", accounts.size(),
                realm, created, PASSWORD);
        long[] totals = new long[6];
        for (int from = 0; from < traffic.size(); from += CHUNK) {
            List<Login> chunk = traffic.subList(from, Math.min(traffic.size(), from + CHUNK));
            StringBuilder body = new StringBuilder("{\"logins\":[");
            for (int i = 0; i < chunk.size(); i++) {
                body.append(i == 0 ? "" : ",").append(json(chunk.get(i), shift, accounts));
            }
            body.append("]}");
            String answer = send(admin(adminToken(), "/admin/realms/" + realm + "/vigil/history")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())), 200);
            Matcher m = FIELD.matcher(answer);
            while (m.find()) {
                int k = List.of("imported", "unknownUsers", "scored", "low", "medium", "high").indexOf(m.group(1));
                totals[k] += Long.parseLong(m.group(2));
            }
            System.out.printf(Locale.ROOT, "    %,d of %,d logins replayed%n", Math.min(traffic.size(), from + CHUNK),
                    traffic.size());
        }
        String trained = send(admin(adminToken(), "/admin/realms/" + realm + "/vigil/model/retrain")
                .POST(HttpRequest.BodyPublishers.noBody()), 200);
        System.out.printf(Locale.ROOT, "==> replayed %,d attempts over %d weeks (%,d of unknown accounts); scored %,d"
                + " successful logins: in-flow risk LOW %,d, MEDIUM %,d (stepped up), HIGH %,d (denied)%n", totals[0], weeks,
                totals[1], totals[2], totals[3], totals[4], totals[5]);
        System.out.println("==> model retrain: " + trained);
        System.out.println("==> see them: GET " + base + "/admin/realms/" + realm
                + "/vigil/login-events?level=medium,high (as vigil-admin), or flagged-logins");
    }

    /** One attempt as the history endpoint takes it; accounts the simulator never created are tried as they are. */
    private static String json(Login l, long shift, Set<String> accounts) {
        String username = accounts.contains(l.userId()) ? PREFIX + l.userId() : "sim-unknown-" + l.userId();
        return "{\"time\":" + (l.time() + shift) + ",\"username\":" + Json.quote(username) + ",\"success\":" + l.success()
                + ",\"ip\":" + Json.quote(l.ip()) + ",\"userAgent\":" + Json.quote(l.userAgent()) + ",\"device\":"
                + Json.quote(device(l.deviceId())) + ",\"issuedDevice\":" + Json.quote(device(l.issuedDeviceId()))
                + ",\"clientId\":" + Json.quote(l.clientId()) + ",\"typing\":" + Json.quote(l.typing()) + "}";
    }

    private static String device(String id) {
        return id == null ? null : id.replaceFirst("^d:", "").replaceAll("[^A-Za-z0-9_-]", "-");
    }

    private boolean createUser(String token, String username) throws IOException, InterruptedException {
        String user = "{\"username\":" + Json.quote(username) + ",\"enabled\":true,\"email\":" + Json.quote(username + "@sim.invalid")
                + ",\"emailVerified\":true,\"firstName\":\"Simulated\",\"lastName\":" + Json.quote(username)
                + ",\"credentials\":[{\"type\":\"password\",\"value\":" + Json.quote(PASSWORD) + ",\"temporary\":false}]}";
        HttpResponse<String> r = http.send(admin(token, "/admin/realms/" + realm + "/users")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(user)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw new IOException("creating " + username + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.statusCode() == 201;
    }

    private String adminToken() throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=admin-cli&username="
                + URLEncoder.encode(env("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"), StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(env("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"), StandardCharsets.UTF_8);
        String body = send(HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), 200);
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IOException("no admin token: " + body);
        }
        return m.group(1);
    }

    private HttpRequest.Builder admin(String token, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token);
    }

    private String send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IOException(r.request().method() + " " + r.request().uri().getPath() + ": HTTP " + r.statusCode()
                    + " " + r.body());
        }
        return r.body();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

}
