package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.keycloak.it.support.Distribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, point 14: on a Keycloak started with {@code --http-relative-path=/auth} (as many installations
 * upgraded from WildFly-era Keycloak are), Vigil's device cookie is scoped under {@code /auth}, so a returning
 * browser sends it back and its login is not a "new device". The test framework assumes the root path, so this
 * test starts the same distribution zip itself, with the dist jar in {@code providers/}, on free ports, and drives
 * two browser logins over HTTP with a cookie jar that matches paths as a browser does.
 */
class RelativePathIT {

    static final String REALM = "relpath";
    static final String PASSWORD = "rita-Passw0rd";
    static final String REDIRECT = "http://127.0.0.1:8299/cb";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FORM_ACTION = Pattern.compile("<form\\b[^>]*\\bid=\"kc-form-login\"[^>]*\\baction=\"([^\"]+)\"");

    static Process keycloak;
    static String base;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        Path home = Distribution.unpacked(Path.of(System.getProperty("vigil.it.workDir")));
        Path jar = Distribution.vigilJar();
        Files.copy(jar, home.resolve("providers").resolve("vigil-keycloak.jar"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        int port = freePort();
        int management = freePort();
        base = "http://127.0.0.1:" + port + "/auth";
        ProcessBuilder pb = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-management-port=" + management, "--http-relative-path=/auth",
                "--db=dev-mem", "--hostname-strict=false", "--cache=local");
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        pb.redirectErrorStream(true).redirectOutput(home.resolve("keycloak.log").toFile());
        keycloak = pb.start();
        long end = System.currentTimeMillis() + 240_000;
        while (true) {
            assertThat(keycloak.isAlive()).as("Keycloak under /auth exited; see " + home.resolve("keycloak.log")).isTrue();
            try {
                if (getWithHeaders(base + "/realms/master/.well-known/openid-configuration", Map.of()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertThat(System.currentTimeMillis()).as("Keycloak under /auth ready within 240 s").isLessThan(end);
            Thread.sleep(1_000);
        }
        createRealm();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (keycloak != null) {
            keycloak.descendants().forEach(ProcessHandle::destroy);
            keycloak.destroy();
            if (!keycloak.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                keycloak.descendants().forEach(ProcessHandle::destroyForcibly);
                keycloak.destroyForcibly();
            }
        }
    }

    @Test
    void theDeviceCookieLivesUnderTheRelativePathAndAReturningBrowserIsAKnownDevice() throws Exception {
        Map<String, Cookie> jar = new LinkedHashMap<>();
        List<String> setCookies = login(jar);
        String device = setCookies.stream().filter(c -> c.startsWith("VIGIL_DEVICE=")).findFirst().orElse(null);
        assertThat(device).as("Set-Cookie of the first login: " + setCookies).isNotNull();
        assertThat(device).as("scoped under the relative path").containsIgnoringCase("Path=/auth/realms/" + REALM + "/");

        // the browser is closed: session cookies go, persistent ones (the device cookie) stay
        jar.values().removeIf(c -> !c.persistent());
        assertThat(jar).as("what the returning browser keeps").containsKey("VIGIL_DEVICE");
        login(jar);

        List<JsonNode> rows = loginRows();
        assertThat(rows).as("Vigil's rows of rita's two logins").hasSize(2);
        String first = rows.get(1).path("deviceId").asText(null);
        assertThat(first).as("a device id on the first login").isNotBlank();
        assertThat(rows.get(0).path("deviceId").asText(null)).as("the same device, recognised the second time")
                .isEqualTo(first);
    }

    // ---- browser --------------------------------------------------------------------------------------------

    record Cookie(String value, String path, boolean persistent) {
    }

    /** A code-flow login as a browser does it; the Set-Cookie headers of the request that logs in. */
    private static List<String> login(Map<String, Cookie> jar) throws Exception {
        String auth = base + "/realms/" + REALM + "/protocol/openid-connect/auth?client_id=web&response_type=code"
                + "&scope=openid&state=s1&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8);
        HttpResponse<String> page = get(auth, jar);
        keep(page, jar);
        assertThat(page.statusCode()).as("login page").isEqualTo(200);
        Matcher m = FORM_ACTION.matcher(page.body());
        assertThat(m.find()).as("login form").isTrue();
        String action = m.group(1).replace("&amp;", "&");
        String form = "username=rita&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> done = HTTP.send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies(jar, action))
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) VigilRelativePathIT")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        keep(done, jar);
        assertThat(done.statusCode()).as("logged in: " + done.body()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location").orElse("")).startsWith(REDIRECT).contains("code=");
        return done.headers().allValues("Set-Cookie");
    }

    private static void keep(HttpResponse<String> response, Map<String, Cookie> jar) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            String[] parts = header.split(";");
            String[] nv = parts[0].split("=", 2);
            String path = "/";
            boolean persistent = false;
            boolean expired = false;
            for (String a : parts) {
                String attr = a.trim().toLowerCase(java.util.Locale.ROOT);
                if (attr.startsWith("path=")) {
                    path = a.trim().substring(5);
                } else if (attr.startsWith("max-age=")) {
                    persistent = true;
                    expired = attr.equals("max-age=0");
                } else if (attr.startsWith("expires=")) {
                    persistent = true;
                }
            }
            if (expired || nv.length < 2 || nv[1].isEmpty()) {
                jar.remove(nv[0].trim());
            } else {
                jar.put(nv[0].trim(), new Cookie(nv[1], path, persistent));
            }
        }
    }

    /** The cookies a browser sends to {@code url}: those whose path is a prefix of the request's path. */
    private static String cookies(Map<String, Cookie> jar, String url) {
        String path = URI.create(url).getRawPath();
        List<String> out = new ArrayList<>();
        jar.forEach((name, c) -> {
            String p = c.path().endsWith("/") ? c.path() : c.path() + "/";
            if (path.equals(c.path()) || path.startsWith(p)) {
                out.add(name + "=" + c.value());
            }
        });
        return String.join("; ", out);
    }

    private static HttpResponse<String> get(String url, Map<String, Cookie> jar) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) VigilRelativePathIT");
        String c = cookies(jar, url);
        if (!c.isEmpty()) {
            b.header("Cookie", c);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> getWithHeaders(String url, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        headers.forEach(b::header);
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- admin ---------------------------------------------------------------------------------------------

    private static String adminToken() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password=admin"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    private static void createRealm() throws Exception {
        String realm = """
                {"realm":"relpath","enabled":true,"sslRequired":"none","eventsListeners":["jboss-logging","vigil"],
                 "clients":[{"clientId":"web","publicClient":true,"standardFlowEnabled":true,
                             "redirectUris":["http://127.0.0.1:8299/*"]}],
                 "users":[{"username":"rita","enabled":true,"email":"rita@example.org","emailVerified":true,
                           "firstName":"Rita","lastName":"Relpath",
                           "credentials":[{"type":"password","value":"rita-Passw0rd","temporary":false}]}]}""";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/admin/realms"))
                .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(realm)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("realm created: " + r.body()).isEqualTo(201);
    }

    private static List<JsonNode> loginRows() throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        List<JsonNode> rows = new ArrayList<>();
        while (System.currentTimeMillis() < end) {
            HttpResponse<String> r = getWithHeaders(base + "/admin/realms/" + REALM + "/vigil/login-events?user=rita&type=LOGIN&max=10",
                    Map.of("Authorization", "Bearer " + adminToken()));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            rows = new ArrayList<>();
            JSON.readTree(r.body()).forEach(rows::add);
            if (rows.size() >= 2) {
                break;
            }
            Thread.sleep(300);
        }
        return rows;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
