package dev.vigil.keycloak.it.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a client, an application and an admin send to one node of the cluster (plain HTTP, no test framework). */
final class NodeClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) VigilClusterIT";

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
            }
        }

        boolean ok() {
            return status / 100 == 2;
        }
    }

    final KeycloakNode node;

    NodeClient(KeycloakNode node) {
        this.node = node;
    }

    /** A password (direct) grant from {@code ip} (X-Forwarded-For, which the nodes honour). */
    Answer password(String realm, String client, String username, String password, String ip) {
        return password(realm, client, username, password, ip, USER_AGENT);
    }

    Answer password(String realm, String client, String username, String password, String ip, String userAgent) {
        return form(node.base() + "/realms/" + realm + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", client, "username", username, "password", password, "scope", "openid"), ip, userAgent);
    }

    Answer refresh(String realm, String client, String refreshToken) {
        return form(node.base() + "/realms/" + realm + "/protocol/openid-connect/token",
                Map.of("grant_type", "refresh_token", "client_id", client, "refresh_token", refreshToken), null);
    }

    Answer userinfo(String realm, String accessToken) {
        return send(HttpRequest.newBuilder(URI.create(node.base() + "/realms/" + realm + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + accessToken).GET());
    }

    /** A token of the master realm's admin (bootstrap admin), from this node. */
    String adminToken() {
        Answer a = form(node.base() + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"), null);
        if (a.status() != 200) {
            throw new IllegalStateException("admin token from " + node + ": " + a);
        }
        return a.json().get("access_token").asText();
    }

    /** An admin REST call ({@code path} below {@code /admin/realms}); {@code json} null for GET and DELETE. */
    Answer admin(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.base() + "/admin/realms" + path))
                .header("Authorization", "Bearer " + adminToken());
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(b);
    }

    /** The node's Prometheus text from the management port's {@code /metrics}. */
    String metrics() {
        Answer a = send(HttpRequest.newBuilder(URI.create(node.management() + "/metrics")).GET());
        if (a.status() != 200) {
            throw new IllegalStateException("metrics of " + node + ": " + a.status());
        }
        return a.body();
    }

    /** The sum of a meter's samples whose labels contain {@code labels} (e.g. {@code realm="cluster"}). */
    double metric(String name, String labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})?\\s+(\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(metrics());
        double sum = 0;
        while (m.find()) {
            String l = m.group(1) == null ? "" : m.group(1);
            if (labels == null || l.contains(labels)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    private Answer form(String url, Map<String, String> fields, String ip) {
        return form(url, fields, ip, USER_AGENT);
    }

    private Answer form(String url, Map<String, String> fields, String ip, String userAgent) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (ip != null) {
            b.header("X-Forwarded-For", ip);
        }
        return send(b);
    }

    private static Answer send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = KeycloakNode.HTTP.send(b.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, e.toString());
        }
    }
}
