package dev.vigil.keycloak.bench.overhead;

import dev.vigil.keycloak.bench.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Creates the benchmark realms through the admin REST API (master-realm admin, admin-cli password grant)
 * and reads back what Vigil recorded. Both realms are built from the same template; only the event
 * listeners differ. bench/soak creates its realm with it too.
 */
public final class RealmSetup {

    public static final String PASSWORD = "bench-Passw0rd";
    public static final String CLI_CLIENT = "bench-cli";
    public static final String WEB_CLIENT = "bench-web";
    public static final String REDIRECT_URI = "http://127.0.0.1:8199/callback";
    /** a row's status in Vigil's login-events JSON */
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"");

    private final URI baseUrl;
    private final int users;
    private final String adminUser;
    private final String adminPassword;
    private final HttpClient http = Http.client();

    RealmSetup(Options options) {
        this(options.baseUrl(), options.users(), options.adminUser(), options.adminPassword());
    }

    /** Against the Keycloak at {@code baseUrl}; realms get users {@code u000…} ({@code users} of them). */
    public RealmSetup(URI baseUrl, int users, String adminUser, String adminPassword) {
        this.baseUrl = baseUrl;
        this.users = users;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    public static String username(int i) {
        return String.format("u%03d", i);
    }

    /** Deletes {@code realm} if it exists, then creates it with the clients and users, and Keycloak's own flows. */
    public void create(String realm, List<String> eventListeners) throws IOException, InterruptedException {
        create(realm, eventListeners, "");
    }

    /**
     * As {@link #create(String, List)}, with extra realm-JSON members ({@code "name":value,}, e.g. the demo's
     * flows from {@link DemoFlows}).
     */
    public void create(String realm, List<String> eventListeners, String members) throws IOException, InterruptedException {
        String token = adminToken();
        send(admin(token, "/admin/realms/" + realm).DELETE(), 204, 404);
        send(admin(token, "/admin/realms").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(realmJson(realm, eventListeners, members))), 201);
    }

    /**
     * This node's in-flow assessment timings of the assessments that ended since {@code fromMillis} (epoch ms)
     * ({@code GET …/vigil/stats?from=}, {@code assessmentOnThisNode}).
     */
    String assessmentTimings(String realm, long fromMillis) throws IOException, InterruptedException {
        String body = send(admin(adminToken(), "/admin/realms/" + realm + "/vigil/stats?from=" + fromMillis).GET(), 200);
        int at = body.indexOf("\"assessmentOnThisNode\"");
        return at < 0 ? "{}" : body.substring(body.indexOf('{', at), body.indexOf('}', at) + 1);
    }

    /** Changes Vigil's settings of {@code realm} (its admin REST, {@code PUT settings}). */
    void vigilSettings(String realm, String json) throws IOException, InterruptedException {
        send(admin(adminToken(), "/admin/realms/" + realm + "/vigil/settings").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), 200);
    }

    /** Ends every user session of {@code realm}, so that sessions do not pile up over the rounds. */
    public void endSessions(String realm) throws IOException, InterruptedException {
        send(admin(adminToken(), "/admin/realms/" + realm + "/logout-all")
                .POST(HttpRequest.BodyPublishers.noBody()), 200, 204);
    }

    /**
     * Vigil's LOGIN rows of {@code realm} as its admin REST lists them (pages of 500), counted by status
     * ({@code NEW} = not scored yet, {@code SCORED}, {@code FLAGGED}).
     */
    Map<String, Long> recordedLogins(String realm) throws IOException, InterruptedException {
        String token = adminToken();
        Map<String, Long> byStatus = new TreeMap<>();
        for (int first = 0; ; first += 500) {
            String page = send(admin(token, "/admin/realms/" + realm + "/vigil/login-events?"
                    + Http.form("type", "LOGIN", "first", Integer.toString(first), "max", "500")).GET(), 200);
            int rows = 0;
            Matcher status = STATUS.matcher(page);
            while (status.find()) {
                byStatus.merge(status.group(1), 1L, Long::sum);
                rows++;
            }
            if (rows < 500) {
                return byStatus;
            }
        }
    }

    private String realmJson(String realm, List<String> eventListeners, String members) {
        StringJoiner users = new StringJoiner(",\n");
        for (int i = 0; i < this.users; i++) {
            String name = username(i);
            // Keycloak 26's user profile requires email, first and last name: without them logins stop
            // at "update profile" (browser) or "Account is not fully set up" (password grant).
            users.add("""
                    {"username":%s,"enabled":true,"email":%s,"emailVerified":true,"firstName":"Bench",
                     "lastName":%s,"credentials":[{"type":"password","value":%s,"temporary":false}]}"""
                    .formatted(Json.quote(name), Json.quote(name + "@bench.invalid"), Json.quote("User " + name),
                            Json.quote(PASSWORD)));
        }
        return """
                {"realm":%s,"enabled":true,"sslRequired":"none","bruteForceProtected":false,
                 %s"eventsListeners":[%s],
                 "clients":[
                  {"clientId":%s,"publicClient":true,"directAccessGrantsEnabled":true,"standardFlowEnabled":false},
                  {"clientId":%s,"publicClient":true,"directAccessGrantsEnabled":false,"standardFlowEnabled":true,
                   "redirectUris":[%s]}],
                 "users":[%s]}"""
                .formatted(Json.quote(realm), members,
                        eventListeners.stream().map(Json::quote).collect(Collectors.joining(",")),
                        Json.quote(CLI_CLIENT), Json.quote(WEB_CLIENT), Json.quote(REDIRECT_URI), users);
    }

    private String adminToken() throws IOException, InterruptedException {
        String body = send(Http.postForm(baseUrl + "/realms/master/protocol/openid-connect/token",
                Http.form("grant_type", "password", "client_id", "admin-cli",
                        "username", adminUser, "password", adminPassword)), 200);
        String token = Json.stringField(body, "access_token");
        if (token == null) {
            throw new IOException("no access_token in the admin token answer: " + body);
        }
        return token;
    }

    private HttpRequest.Builder admin(String token, String path) {
        return Http.request(baseUrl + path).header("Authorization", "Bearer " + token);
    }

    private String send(HttpRequest.Builder request, int... expected) throws IOException, InterruptedException {
        HttpRequest built = request.build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response.body();
            }
        }
        throw new IOException(built.method() + " " + built.uri() + " answered HTTP " + response.statusCode()
                + ": " + response.body());
    }
}
