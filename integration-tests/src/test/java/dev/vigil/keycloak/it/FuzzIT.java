package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vigil.keycloak.it.support.DemoUsers;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * A live fuzz test: over 10,000 generated requests against the running server — every Vigil admin endpoint
 * (parameters and bodies), the typing-rhythm login form ({@code vigil_ks}, username, password), the typing set-up
 * page, and headers ({@code User-Agent}, {@code X-Forwarded-For}, cookies incl. {@code VIGIL_DEVICE}). Not one
 * may be answered with a 5xx, and the server must still log users in normally afterwards. Seeded: a failure is
 * reproduced by running again with the printed seed ({@code -Dvigil.fuzz.seed=…}).
 */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
public class FuzzIT {

    static final String PASSWORD = "alice-vigil-demo";
    static final int ADMIN_REQUESTS = 8_300;
    static final int LOGIN_POSTS = 500;
    static final int SETUP_POSTS = 250;
    static final int GRANTS = 400;

    @InjectRealm(fromJson = "/vigil-demo-realm.json")
    ManagedRealm demo;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final Map<String, int[]> counts = new TreeMap<>(); // surface -> {requests, 5xx}
    final List<String> failures = new ArrayList<>();
    Random random;

    @Test
    void tenThousandGeneratedRequestsAndNotOne5xx() throws Exception {
        long seed = Long.getLong("vigil.fuzz.seed", System.nanoTime());
        random = new Random(seed);
        System.out.println("fuzz: seed " + seed);
        RealmRepresentation rep = demo.admin().toRepresentation();
        rep.setPasswordPolicy("hashIterations(1)"); // login posts cost HTTP, not password hashing
        rep.setBruteForceProtected(false);
        demo.admin().update(rep);
        String realm = demo.getName();
        long start = System.currentTimeMillis();

        for (int i = 0; i < ADMIN_REQUESTS; i++) {
            adminRequest(realm);
        }
        for (int i = 0; i < GRANTS; i++) {
            grant(realm);
        }
        for (int i = 0; i < LOGIN_POSTS; i++) {
            loginPost(realm);
        }
        for (int i = 0; i < SETUP_POSTS; i++) {
            setupPost(realm);
        }

        int total = counts.values().stream().mapToInt(c -> c[0]).sum();
        int errors = counts.values().stream().mapToInt(c -> c[1]).sum();
        System.out.printf("fuzz: %d requests in %d s, %d answered 5xx, %d connections closed without an answer%n",
                total, (System.currentTimeMillis() - start) / 1000, errors, closed);
        counts.forEach((surface, c) -> System.out.printf("fuzz:   %-40s %6d requests %4d 5xx%n", surface, c[0], c[1]));
        failures.stream().limit(10).forEach(f -> System.out.println("fuzz: 5xx: " + f));
        assertThat(total).isGreaterThanOrEqualTo(10_000);
        assertThat(errors).as("requests answered 5xx (seed " + seed + "): " + failures.stream().limit(5).toList()).isZero();

        // the server still works: settings back to the demo's, a normal login and a normal admin read
        HttpResponse<String> put = send("PUT settings", HttpRequest.newBuilder(adminUri(realm, "settings"))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                // the guard off: the fuzz's thousands of failed sign-ins from one network rightly keep it refused
                .PUT(HttpRequest.BodyPublishers.ofString("{\"action\":\"NONE\",\"dryRun\":\"true\",\"sprayAccounts\":\"0\"}")));
        assertThat(put.statusCode()).isEqualTo(200);
        HttpResponse<String> ok = send("normal grant", HttpRequest.newBuilder(tokenUri(realm))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("client_id", "vigil-cli", "grant_type", "password", "username", "bob",
                        "password", "bob-vigil-demo"))));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        HttpResponse<String> read = send("normal read", HttpRequest.newBuilder(adminUri(realm, "login-events?max=5"))
                .header("Authorization", "Bearer " + token()).GET());
        assertThat(read.statusCode()).isEqualTo(200);
    }

    // ---- surfaces ------------------------------------------------------------------------------------------

    private void adminRequest(String realm) throws Exception {
        String token = random.nextInt(20) == 0 ? headerSafe(nasty()) : token();
        int kind = random.nextInt(12);
        String path;
        String method = "GET";
        String body = null;
        switch (kind) {
            case 0, 1, 2 -> path = "login-events?" + query("first", "max", "from", "to", "user", "type");
            case 3 -> path = "login-events/" + enc(nasty());
            case 4 -> {
                path = "login-events/" + enc(random.nextBoolean() ? nasty() : "00000000-0000-0000-0000-000000000000")
                        + "/feedback";
                method = "POST";
                body = jsonBody("feedback");
            }
            case 5, 6 -> path = "flagged-logins?" + query("first", "max", "from", "to", "user", "minScore", "status");
            case 7 -> {
                path = "users/" + enc(nasty()) + "/revoke-sessions";
                method = "POST";
            }
            case 8 -> path = "stats?" + query("from", "to");
            case 9 -> {
                path = random.nextBoolean() ? "model" : "model/retrain";
                method = path.equals("model") ? "GET" : "POST";
            }
            case 10 -> path = "settings";
            default -> {
                path = "settings";
                method = "PUT";
                body = jsonBody("timeZone", "contamination", "flagThreshold", "action", "dryRun", "notifyUserOnNewDevice",
                        "notifyAdmins", "adminEmails", "adminRole", "minRealLogins", "historyDays", "retentionDays",
                        "unknownUsernameDays", "maxActionsPerHour", "sprayAccounts", "sprayWindowMinutes", nasty());
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(adminUri(realm, path)).header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", random.nextInt(10) == 0 ? "text/plain" : "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        send("admin " + method + " " + path.replaceAll("[/?].*", ""), b);
    }

    private void grant(String realm) throws Exception {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("client_id", "vigil-cli");
        f.put("grant_type", "password");
        f.put("username", random.nextBoolean() ? "bob" : nasty());
        f.put("password", random.nextBoolean() ? "bob-vigil-demo" : nasty());
        send("password grant + headers", headers(HttpRequest.newBuilder(tokenUri(realm)))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(form(f)));
    }

    private void loginPost(String realm) throws Exception {
        LoginPage page = openLogin(realm);
        if (page == null) {
            return;
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("username", random.nextInt(3) == 0 ? nasty() : random.nextBoolean() ? "alice" : "bob");
        f.put("password", random.nextInt(3) == 0 ? nasty() : PASSWORD);
        if (random.nextInt(5) != 0) {
            f.put("vigil_ks", typing());
        }
        send("login form", headers(HttpRequest.newBuilder(URI.create(page.action)))
                .header("Cookie", page.cookies + "; " + cookieNoise())
                .header("Content-Type", "application/x-www-form-urlencoded").POST(form(f)));
    }

    private void setupPost(String realm) throws Exception {
        // a login through the form with the right password and no typing: bob has the set-up as a required action
        LoginPage login = openLogin(realm);
        if (login == null) {
            return;
        }
        HttpResponse<String> r = send("set-up: login", HttpRequest.newBuilder(URI.create(login.action))
                .header("Cookie", login.cookies).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("username", "setup-user", "password", PASSWORD))));
        String cookies = login.cookies + "; " + mergeCookies(r);
        if (r.statusCode() == 302 || r.statusCode() == 303) { // Keycloak redirects to the required action
            String location = r.headers().firstValue("location").orElse(null);
            if (location == null) {
                return;
            }
            r = send("set-up: page", HttpRequest.newBuilder(URI.create(location)).header("Cookie", cookies).GET());
        }
        String action = formAction(r.body());
        if (action == null) {
            return;
        }
        StringBuilder body = new StringBuilder("password=" + enc(random.nextBoolean() ? PASSWORD : nasty()));
        int n = random.nextInt(14);
        for (int i = 0; i < n; i++) {
            body.append("&vigil_ks=").append(enc(typing()));
        }
        send("set-up page", HttpRequest.newBuilder(URI.create(action)).header("Cookie", cookies)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    // ---- the login page ------------------------------------------------------------------------------------

    record LoginPage(String action, String cookies) {
    }

    private LoginPage openLogin(String realm) throws Exception {
        if (!setupUserExists) {
            createSetupUser();
        }
        URI auth = URI.create(urls.getBase() + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=vigil-demo-app"
                + "&response_type=code&redirect_uri=" + enc("http://localhost:3000/cb") + "&scope=openid"
                + "&code_challenge=" + "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" + "&code_challenge_method=S256");
        HttpResponse<String> page = send("login page", HttpRequest.newBuilder(auth).GET());
        String action = formAction(page.body());
        return action == null ? null : new LoginPage(action, mergeCookies(page));
    }

    private boolean setupUserExists;

    private void createSetupUser() {
        setupUserExists = true;
        var user = DemoUsers.user("setup-user").password(PASSWORD).requiredActions("vigil-typing-rhythm-setup").build();
        try (var created = demo.admin().users().create(user)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
    }

    private static String formAction(String html) {
        Matcher m = Pattern.compile("action=\"([^\"]+login-actions[^\"]+)\"").matcher(html);
        return m.find() ? m.group(1).replace("&amp;", "&") : null;
    }

    private static String mergeCookies(HttpResponse<String> r) {
        StringBuilder sb = new StringBuilder();
        for (String c : r.headers().allValues("set-cookie")) {
            String pair = c.split(";", 2)[0];
            if (!pair.endsWith("=")) {
                sb.append(sb.length() == 0 ? "" : "; ").append(pair);
            }
        }
        return sb.toString();
    }

    // ---- generators ----------------------------------------------------------------------------------------

    private static final String[] NASTY = {"", " ", "null", "undefined", "-1", "0", "2147483648", "-2147483649",
            "9223372036854775808", "1e309", "NaN", "Infinity", "-0.0", "0x10", "+300000000-01-01T00:00:00Z",
            "-300000000-01-01T00:00:00Z", "9999-12-31", "10000-01-01", "2026-02-30", "2026-11-23T25:61:00Z",
            "1970-01-01T00:00:00+18:01", "' OR 1=1 --", "\"; DROP TABLE VIGIL_LOGIN_EVENT; --", "../../../etc/passwd",
            "%00", "\u0000", "\r\n", "<script>alert(1)</script>", "${7*7}", "#{7*7}", "\uD83D\uDE00\uD83D\uDE00",
            "\uFFFF", "\uD800", "Ω≈ç√∫", "LOGIN", "login_error", "open", "safe", "compromised", "true", "false",
            "REVOKE_ALL_SESSIONS", "DISABLE_USER", "Europe/Paris", "Mars/Olympus", "a@b.c", "{}", "[]", "{\"v\":1}"};

    private String nasty() {
        int k = random.nextInt(10);
        if (k == 0) {
            return "x".repeat(1 + random.nextInt(300_000)); // up to a few hundred KB
        }
        if (k == 1) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(64);
            for (int i = 0; i < n; i++) {
                sb.append((char) random.nextInt(0x3000));
            }
            return sb.toString();
        }
        if (k == 2) {
            return Long.toString(random.nextLong());
        }
        return NASTY[random.nextInt(NASTY.length)];
    }

    private String query(String... names) {
        StringBuilder sb = new StringBuilder();
        for (String name : names) {
            if (random.nextBoolean()) {
                sb.append(sb.length() == 0 ? "" : "&").append(random.nextInt(20) == 0 ? enc(nasty()) : name).append('=')
                        .append(enc(random.nextInt(4) == 0 ? plausible(name) : nasty()));
            }
        }
        return sb.toString();
    }

    private String plausible(String name) {
        return switch (name) {
            case "first" -> Integer.toString(random.nextInt(200_000) - 10);
            case "max" -> Integer.toString(random.nextInt(600) - 10);
            case "from", "to" -> random.nextBoolean() ? "2026-11-23" : Long.toString(random.nextLong() % 300_000_000_000_000L);
            case "minScore" -> Double.toString(random.nextDouble() * 2 - 0.5);
            case "status" -> new String[] {"open", "safe", "compromised", "OPEN"}[random.nextInt(4)];
            case "type" -> new String[] {"LOGIN", "login_error", "LOGOUT", "CLIENT_LOGIN"}[random.nextInt(4)];
            default -> "alice";
        };
    }

    private String jsonBody(String... keys) {
        int shape = random.nextInt(8);
        if (shape == 0) {
            return nasty(); // not JSON at all, or JSON of the wrong kind
        }
        if (shape == 1) {
            return "{\"" + keys[0] + "\":" + new String[] {"1", "true", "null", "[]", "{}", "\"x\""}[random.nextInt(6)] + "}";
        }
        if (shape == 2) {
            return "{\"" + keys[0] + "\":\"" + "a".repeat(random.nextInt(100_000)) + "\"";
        }
        StringBuilder sb = new StringBuilder("{");
        for (String key : keys) {
            if (random.nextInt(3) == 0) {
                sb.append(sb.length() == 1 ? "" : ",").append('"').append(json(key)).append("\":\"")
                        .append(json(random.nextInt(3) == 0 ? plausibleSetting(key) : nasty())).append('"');
            }
        }
        return sb.append('}').toString();
    }

    private String plausibleSetting(String key) {
        return switch (key) {
            case "feedback" -> random.nextBoolean() ? "safe" : "compromised";
            case "action" -> "NONE";
            case "dryRun" -> "true";
            default -> Integer.toString(random.nextInt(400));
        };
    }

    private String typing() {
        int kind = random.nextInt(6);
        if (kind == 0) {
            return nasty();
        }
        int keys = kind == 1 ? random.nextInt(100) : 16;
        StringBuilder h = new StringBuilder();
        StringBuilder dd = new StringBuilder();
        StringBuilder ud = new StringBuilder();
        for (int i = 0; i < keys; i++) {
            h.append(i == 0 ? "" : ",").append(value());
            if (i > 0) {
                dd.append(i == 1 ? "" : ",").append(value());
                ud.append(i == 1 ? "" : ",").append(value());
            }
        }
        return "{\"v\":" + (random.nextInt(10) == 0 ? "2" : "1") + ",\"h\":[" + h + "],\"dd\":[" + dd + "],\"ud\":[" + ud + "]}";
    }

    private String value() {
        return switch (random.nextInt(12)) {
            case 0 -> "-5";
            case 1 -> "1e308";
            case 2 -> "\"x\"";
            case 3 -> "null";
            default -> Integer.toString(40 + random.nextInt(300));
        };
    }

    private HttpRequest.Builder headers(HttpRequest.Builder b) {
        if (random.nextBoolean()) {
            b.header("User-Agent", headerSafe(nasty()));
        }
        if (random.nextBoolean()) {
            // at most 200 characters: with proxy-headers=xforwarded and no proxy in front, Keycloak's own event store
            // answers 500 to an address longer than its 255-character column (Keycloak, not Vigil; README)
            String xff = headerSafe(random.nextBoolean() ? nasty() : "203.0.113." + random.nextInt(300) + ", " + nasty());
            b.header("X-Forwarded-For", xff.length() > 200 ? xff.substring(0, 200) : xff);
        }
        return b;
    }

    private String cookieNoise() {
        return "VIGIL_DEVICE=" + headerSafe(random.nextBoolean() ? nasty() : "abc.def") + "; junk=" + headerSafe(nasty());
    }

    /** Header values as a client can send them: printable ASCII, bounded (the HTTP client refuses the rest). */
    private static String headerSafe(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 4000 ? printable.substring(0, 4000) : printable;
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", " ");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpRequest.BodyPublisher form(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return HttpRequest.BodyPublishers.ofString(sb.toString());
    }

    // ---- plumbing ------------------------------------------------------------------------------------------

    private String cachedToken;
    private long tokenAt;

    private String token() {
        if (cachedToken == null || System.currentTimeMillis() - tokenAt > 20_000) {
            cachedToken = admin.tokenManager().getAccessTokenString();
            tokenAt = System.currentTimeMillis();
        }
        return cachedToken;
    }

    private URI adminUri(String realm, String path) {
        return URI.create(urls.getAdmin() + "/realms/" + realm + "/vigil/" + path);
    }

    private URI tokenUri(String realm) {
        return URI.create(urls.getBase() + "/realms/" + realm + "/protocol/openid-connect/token");
    }

    private HttpResponse<String> send(String surface, HttpRequest.Builder request) throws Exception {
        HttpRequest built = request.timeout(Duration.ofSeconds(60)).build();
        int[] c = counts.computeIfAbsent(surface, k -> new int[2]);
        c[0]++;
        HttpResponse<String> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            // the server closed the connection instead of answering (e.g. a request line or header too large
            // for the HTTP layer): no 5xx, but counted and shown
            closed++;
            return new ClosedResponse(built);
        }
        if (response.statusCode() >= 500) {
            c[1]++;
            failures.add(built.method() + " " + shorten(built.uri().toString()) + " -> " + response.statusCode() + " "
                    + shorten(response.body()));
        }
        return response;
    }

    private int closed;

    /** A request the server closed the connection on: status 0, empty body. */
    private record ClosedResponse(HttpRequest request) implements HttpResponse<String> {
        public int statusCode() {
            return 0;
        }

        public HttpRequest request() {
            return request;
        }

        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        public String body() {
            return "";
        }

        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        public URI uri() {
            return request.uri();
        }

        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    private static String shorten(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
