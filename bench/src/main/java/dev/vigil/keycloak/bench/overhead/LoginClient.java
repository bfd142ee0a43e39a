package dev.vigil.keycloak.bench.overhead;

import dev.vigil.keycloak.bench.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Performs complete logins of both kinds against one realm. The browser login is a returning user whose
 * browser was closed since the last login: the persistent cookies it got then (those with a Max-Age, such
 * as a device cookie) are sent again, session cookies are not, so every login shows the login form.
 * One instance per worker thread and realm; it holds the cookie jars of that worker's users (bench/soak: one per
 * virtual user, whose logins go to several nodes of a cluster with the same cookies, as behind a load balancer).
 * Not thread-safe.
 */
public final class LoginClient {

    private static final Pattern LOGIN_FORM = Pattern.compile("<form\\b[^>]*\\bid=\"kc-form-login\"[^>]*>");
    private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]+)\"");
    private static final Pattern PERSISTENT = Pattern.compile("(?i);\\s*(max-age=[1-9]|expires=)");

    private final HttpClient http;
    private final URI baseUrl;
    private final String realm;
    /** Per user: the persistent cookies the last successful browser login left, name to value. */
    private final Map<String, Map<String, String>> jars = new HashMap<>();

    public LoginClient(HttpClient http, URI baseUrl, String realm) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.realm = realm;
    }

    public void login(LoginKind kind, String username, String password) throws LoginFailure {
        login(baseUrl, kind, username, password);
    }

    /** As {@link #login(LoginKind, String, String)}, against the Keycloak at {@code node} (a cluster node). */
    public void login(URI node, LoginKind kind, String username, String password) throws LoginFailure {
        String oidc = node + "/realms/" + realm + "/protocol/openid-connect/";
        try {
            if (kind == LoginKind.CODE) {
                codeFlow(oidc, username, password);
            } else {
                token(oidc, kind, Http.form("grant_type", "password", "client_id", RealmSetup.CLI_CLIENT,
                        "scope", "openid", "username", username, "password", password));
            }
        } catch (IOException e) {
            throw new LoginFailure(kind, e.getClass().getSimpleName(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailure(kind, "interrupted", false);
        }
    }

    private void codeFlow(String oidc, String username, String password) throws IOException, InterruptedException, LoginFailure {
        LoginKind kind = LoginKind.CODE;
        String state = Long.toHexString(ThreadLocalRandom.current().nextLong());
        Map<String, String> cookies = new LinkedHashMap<>(jars.getOrDefault(username, Map.of()));
        HttpResponse<String> page = http.send(withCookies(Http.request(oidc + "auth?" + Http.form(
                        "client_id", RealmSetup.WEB_CLIENT, "response_type", "code", "scope", "openid",
                        "redirect_uri", RealmSetup.REDIRECT_URI, "state", state)).GET(), cookies).build(),
                HttpResponse.BodyHandlers.ofString());
        expect(kind, page, 200, "login page");
        setCookies(page, cookies, false);

        HttpRequest.Builder submit = Http.postForm(page.uri().resolve(formAction(page.body())).toString(),
                Http.form("username", username, "password", password, "credentialId", ""));
        HttpResponse<String> redirect = http.send(withCookies(submit, cookies).build(), HttpResponse.BodyHandlers.ofString());
        expect(kind, redirect, 302, "login form POST");
        Map<String, String> kept = new LinkedHashMap<>(jars.getOrDefault(username, Map.of()));
        setCookies(redirect, kept, true);
        jars.put(username, kept);

        String location = redirect.headers().firstValue("Location").orElse("");
        if (!location.startsWith(RealmSetup.REDIRECT_URI + "?")) {
            throw new LoginFailure(kind, "login form POST redirected elsewhere than the redirect URI");
        }
        Map<String, String> params = query(location);
        if (!state.equals(params.get("state"))) {
            throw new LoginFailure(kind, "redirect without the request's state");
        }
        String code = params.get("code");
        if (code == null) {
            throw new LoginFailure(kind, "redirect without code (error=" + params.get("error") + ")");
        }
        token(oidc, kind, Http.form("grant_type", "authorization_code", "client_id", RealmSetup.WEB_CLIENT,
                "code", code, "redirect_uri", RealmSetup.REDIRECT_URI));
    }

    private void token(String oidc, LoginKind kind, String form) throws IOException, InterruptedException, LoginFailure {
        HttpResponse<String> answer = http.send(Http.postForm(oidc + "token", form).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 || Json.stringField(answer.body(), "access_token") == null) {
            throw new LoginFailure(kind, "token endpoint answered HTTP " + answer.statusCode()
                    + " (error=" + Json.stringField(answer.body(), "error") + ")");
        }
    }

    private static void expect(LoginKind kind, HttpResponse<?> response, int status, String step) throws LoginFailure {
        if (response.statusCode() != status) {
            throw new LoginFailure(kind, step + " answered HTTP " + response.statusCode() + ", expected " + status);
        }
    }

    private static String formAction(String html) throws LoginFailure {
        Matcher form = LOGIN_FORM.matcher(html);
        Matcher action = form.find() ? ACTION.matcher(form.group()) : null;
        if (action == null || !action.find()) {
            throw new LoginFailure(LoginKind.CODE, "login page without the kc-form-login form");
        }
        return action.group(1).replace("&amp;", "&");
    }

    private static HttpRequest.Builder withCookies(HttpRequest.Builder request, Map<String, String> cookies) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream()
                    .map(cookie -> cookie.getKey() + "=" + cookie.getValue()).collect(Collectors.joining("; ")));
        }
        return request;
    }

    /** Applies a response's Set-Cookie headers to {@code cookies}; empty values delete. */
    private static void setCookies(HttpResponse<?> response, Map<String, String> cookies, boolean persistentOnly) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0].trim();
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (value.isEmpty()) {
                cookies.remove(name);
            } else if (!persistentOnly || PERSISTENT.matcher(header).find()) {
                cookies.put(name, value);
            }
        }
    }

    private static Map<String, String> query(String uri) {
        Map<String, String> params = new HashMap<>();
        for (String pair : uri.substring(uri.indexOf('?') + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
