package dev.vigil.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.http.HttpResponse;
import org.apache.http.client.HttpClient;
import org.apache.http.client.methods.HttpDelete;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpPut;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.util.EntityUtils;
import org.keycloak.testframework.server.KeycloakUrls;

/** Calls Vigil's admin REST (and the test-support fault endpoints) over real HTTP, as an admin tool would. */
public final class VigilApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final KeycloakUrls urls;

    public VigilApi(HttpClient http, KeycloakUrls urls) {
        this.http = http;
        this.urls = urls;
    }

    /** A plain HTTP answer: status and body. */
    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
            }
        }
    }

    public Answer getLoginEvents(String realm, String token, String query) {
        String url = urls.getAdmin() + "/realms/" + realm + "/vigil/login-events" + (query == null ? "" : "?" + query);
        return send(new HttpGet(url), token);
    }

    /** Rows of a successful listing; fails the test on any other status. */
    public List<JsonNode> loginEvents(String realm, String token, String query) {
        Answer answer = getLoginEvents(realm, token, query);
        if (answer.status() != 200) {
            throw new AssertionError("GET login-events?" + query + " gave " + answer.status() + ": " + answer.body());
        }
        List<JsonNode> rows = new ArrayList<>();
        answer.json().forEach(rows::add);
        return rows;
    }

    public Answer get(String realm, String token, String pathAndQuery) {
        return send(new HttpGet(urls.getAdmin() + "/realms/" + realm + "/vigil/" + pathAndQuery), token);
    }

    public Answer post(String realm, String token, String path, String json) {
        HttpPost post = new HttpPost(urls.getAdmin() + "/realms/" + realm + "/vigil/" + path);
        if (json != null) {
            post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        }
        return send(post, token);
    }

    public Answer put(String realm, String token, String path, String json) {
        HttpPut put = new HttpPut(urls.getAdmin() + "/realms/" + realm + "/vigil/" + path);
        put.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        return send(put, token);
    }

    public Answer delete(String realm, String token, String path) {
        return send(new HttpDelete(urls.getAdmin() + "/realms/" + realm + "/vigil/" + path),
                token);
    }

    /** A GET of the realm's account REST API ({@code /realms/<realm>/account/<path>}), as the account console does. */
    public Answer account(String realm, String token, String path) {
        return send(new HttpGet(urls.getBase() + "/realms/" + realm + "/account/" + path), token);
    }

    /** Test support: a GET of {@code /realms/master/vigil-test-faults/<path>}. */
    public Answer faultGet(String token, String pathAndQuery) {
        return send(new HttpGet(urls.getMasterRealm() + "/vigil-test-faults/" + pathAndQuery), token);
    }

    /** Test support: a POST to {@code /realms/master/vigil-test-faults/<path>}. */
    public Answer fault(String token, String pathAndQuery) {
        return send(new HttpPost(urls.getMasterRealm() + "/vigil-test-faults/" + pathAndQuery), token);
    }

    /** Test support: how many Vigil user profiles the realm (id) has, of {@code userId} only when not null. */
    public long profiles(String token, String realmId, String userId) {
        Answer a = send(new HttpGet(urls.getMasterRealm() + "/vigil-test-faults/profiles?realm=" + realmId
                + (userId == null ? "" : "&user=" + userId)), token);
        if (a.status() != 200) {
            throw new AssertionError("profiles: HTTP " + a.status() + " " + a.body());
        }
        return Long.parseLong(a.body().trim());
    }

    /** Test support: a GET of {@code /realms/master/vigil-test-faults/<path>}; its text body (HTTP 200 expected). */
    public String faultText(String token, String pathAndQuery) {
        Answer a = send(new HttpGet(urls.getMasterRealm() + "/vigil-test-faults/" + pathAndQuery), token);
        if (a.status() != 200) {
            throw new AssertionError(pathAndQuery + ": HTTP " + a.status() + " " + a.body());
        }
        return a.body();
    }

    /** Polls until the newest LOGIN row of the user is scored (and, when flagged, acted on); returns it. */
    public JsonNode awaitScoredLogin(String realm, String token, String user, long timeoutMillis) {
        long end = System.currentTimeMillis() + timeoutMillis;
        JsonNode last = null;
        while (System.currentTimeMillis() < end) {
            List<JsonNode> rows = loginEvents(realm, token, "type=LOGIN&max=1&user=" + user);
            last = rows.isEmpty() ? null : rows.get(0);
            boolean scored = last != null && !"NEW".equals(last.path("status").asText());
            boolean acted = scored && (!"FLAGGED".equals(last.path("status").asText()) || last.hasNonNull("actionTaken"));
            if (acted) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("login of " + user + " not scored within " + timeoutMillis + " ms; last: " + last);
    }

    public Answer breakLoginTable(String token) {
        return fault(token, "login-table/break");
    }

    public Answer restoreLoginTable(String token) {
        return fault(token, "login-table/restore");
    }

    private Answer send(HttpRequestBase request, String token) {
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        request.setHeader("Accept", "application/json");
        try {
            HttpResponse response = http.execute(request);
            String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
            return new Answer(response.getStatusLine().getStatusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            request.releaseConnection();
        }
    }
}
