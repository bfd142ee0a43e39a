package dev.vigil.keycloak.bench.scenarios;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a scenario does as the demo's administrator (the master realm's bootstrap admin): create its users with a
 * password and an authenticator app, give them weeks of history through Vigil's simulation endpoint, and read
 * Vigil's rows of their logins (level, score, reasons).
 */
final class DemoAdmin {

    /** Vigil's row of one login, as {@code GET …/vigil/login-events} gives it. */
    record Row(String type, String error, String riskLevel, String riskScore, String riskReasons, String ip,
            String country, String status) {
        /** "MEDIUM 0.62: new_device=new(+2.00), …" or what is known. */
        String decision() {
            if (riskLevel == null) {
                return "no in-flow assessment on this row" + (error == null ? "" : " (error " + error + ")");
            }
            return riskLevel + " " + riskScore + (riskReasons == null ? "" : ": " + riskReasons.replace(";", ", "));
        }
    }

    private final HttpClient http;
    private final String base;
    private final String realm;
    private final String adminUser;
    private final String adminPassword;
    private String token;
    private long tokenAt;

    DemoAdmin(HttpClient http, String base, String realm, String adminUser, String adminPassword) {
        this.http = http;
        this.base = base;
        this.realm = realm;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    /** Creates the user with a password and a TOTP authenticator whose raw secret is {@code otpSecret}. */
    String createUser(String username, String password, String otpSecret) throws IOException, InterruptedException {
        String user = "{\"username\":" + q(username) + ",\"enabled\":true,\"email\":" + q(username + "@scenario.invalid")
                + ",\"emailVerified\":true,\"firstName\":\"Scenario\",\"lastName\":" + q(username)
                + ",\"credentials\":[{\"type\":\"password\",\"value\":" + q(password) + ",\"temporary\":false}]}";
        HttpResponse<String> r = send(admin("/admin/realms/" + realm + "/users")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(user)));
        if (r.statusCode() != 201) {
            throw new IOException("creating " + username + ": HTTP " + r.statusCode() + " " + r.body());
        }
        String location = r.headers().firstValue("location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        if (otpSecret != null) {
            String otp = "{\"credentials\":[{\"type\":\"otp\",\"userLabel\":\"authenticator app\",\"secretData\":"
                    + q("{\"value\":\"" + otpSecret + "\"}") + ",\"credentialData\":"
                    + q("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}") + "}]}";
            expect(send(admin("/admin/realms/" + realm + "/users/" + id).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(otp))), 204, "adding an authenticator app to " + username);
        }
        return id;
    }

    /** Ends every session of the user (as signing out everywhere does). */
    void logout(String userId) throws IOException, InterruptedException {
        expect(send(admin("/admin/realms/" + realm + "/users/" + userId + "/logout")
                .POST(HttpRequest.BodyPublishers.noBody())), 204, "signing the user out");
    }

    /** Replays past logins of the realm's users ({@code POST …/vigil/history}, simulation realms only). */
    String importHistory(List<String> logins) throws IOException, InterruptedException {
        HttpResponse<String> r = send(admin("/admin/realms/" + realm + "/vigil/history")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"logins\":[" + String.join(",", logins) + "]}")));
        expect(r, 200, "importing history (is vigil.simulation=true on the realm? ./demo sets it)");
        return r.body();
    }

    /**
     * Vigil's newest row of {@code user} (a user id, or an attempted username) of {@code type} (LOGIN, LOGIN_ERROR or
     * null for either) once it is there and, for a successful login, scored; empty after 20 s.
     */
    Optional<Row> newestRow(String user, String type, long after) throws IOException, InterruptedException {
        long until = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < until) {
            HttpResponse<String> r = send(admin("/admin/realms/" + realm + "/vigil/login-events?max=1&user="
                    + URLEncoder.encode(user, StandardCharsets.UTF_8) + (type == null ? "" : "&type=" + type)
                    + "&from=" + after).GET());
            expect(r, 200, "reading Vigil's rows");
            String body = r.body();
            String status = field(body, "status");
            if (body.length() > 2 && status != null && !status.equals("NEW")) {
                return Optional.of(new Row(field(body, "type"), field(body, "error"), field(body, "riskLevel"),
                        field(body, "riskScore"), field(body, "riskReasons"), field(body, "ipAddress"),
                        field(body, "country"), status));
            }
            Thread.sleep(300);
        }
        return Optional.empty();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([-0-9.eE]+|true|false))").matcher(json);
        if (!m.find()) {
            return null;
        }
        return m.group(1) != null ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : m.group(2);
    }

    private HttpRequest.Builder admin(String path) throws IOException, InterruptedException {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token());
    }

    private String token() throws IOException, InterruptedException {
        if (token != null && System.currentTimeMillis() - tokenAt < 40_000) {
            return token;
        }
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(adminUser, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        expect(r, 200, "signing in as the demo's admin " + adminUser);
        token = field(r.body(), "access_token");
        tokenAt = System.currentTimeMillis();
        return token;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> r, int status, String what) throws IOException {
        if (r.statusCode() != status) {
            throw new IOException(what + ": HTTP " + r.statusCode() + " " + r.body());
        }
    }

    static String q(String s) {
        return dev.vigil.keycloak.bench.Json.quote(s);
    }
}
