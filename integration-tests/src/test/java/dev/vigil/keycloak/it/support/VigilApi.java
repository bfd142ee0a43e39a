package dev.vigil.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.http.HttpResponse;
import org.apache.http.client.HttpClient;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
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

    public Answer breakLoginTable(String token) {
        return send(new HttpPost(urls.getMasterRealm() + "/vigil-test-faults/login-table/break"), token);
    }

    public Answer restoreLoginTable(String token) {
        return send(new HttpPost(urls.getMasterRealm() + "/vigil-test-faults/login-table/restore"), token);
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
