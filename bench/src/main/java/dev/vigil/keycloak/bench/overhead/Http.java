package dev.vigil.keycloak.bench.overhead;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.StringJoiner;

/** The few HTTP pieces both the admin setup and the login clients need. */
public final class Http {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Http() {
    }

    /** HTTP/1.1 with keep-alive, never follows redirects (the code arrives in a 302's Location). */
    public static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public static HttpRequest.Builder request(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT);
    }

    public static HttpRequest.Builder postForm(String uri, String form) {
        return request(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }

    /** {@code form("a", "1", "b", "x y")} is {@code a=1&b=x+y}; also used for query strings. */
    public static String form(String... namesAndValues) {
        StringJoiner joined = new StringJoiner("&");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            joined.add(encode(namesAndValues[i]) + "=" + encode(namesAndValues[i + 1]));
        }
        return joined.toString();
    }

    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
