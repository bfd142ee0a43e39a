package dev.vigil.keycloak.bench.scenarios;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One browser of a scenario: its own cookies (Vigil's device cookie among them, kept between its logins), a user
 * agent, and the client address a TLS-terminating proxy would forward ({@code X-Forwarded-For}, {@code
 * X-Forwarded-Proto: https}, which the demo honours). It signs in to the demo application {@code vigil-demo-app}
 * with the authorization-code flow (PKCE) and says what a person at that browser would see.
 */
final class DemoBrowser {

    /** What the browser shows after a step. */
    enum Shown { SIGNED_IN, OTP_ASKED, TRUST_OFFER, REFUSED, OTHER }

    record Page(Shown shown, String message, String body) {
    }

    private static final String CLIENT = "vigil-demo-app";
    private static final String REDIRECT = "http://localhost:3000/callback";
    private static final Pattern FORM = Pattern.compile("<form[^>]*id=\"([^\"]+)\"[^>]*action=\"([^\"]+)\"|<form[^>]*action=\"([^\"]+)\"[^>]*id=\"([^\"]+)\"");
    private static final Pattern FEEDBACK = Pattern.compile(
            "(?s)(?:id=\"input-error[^\"]*\"|class=\"[^\"]*(?:kc-feedback-text|pf-v5-c-alert__title)[^\"]*\"|id=\"kc-error-message\")[^>]*>(.*?)</(?:span|div|h4|p)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpClient http;
    private final String base;
    private final String realm;
    private final String userAgent;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String ip;
    private String formAction;

    DemoBrowser(HttpClient http, String base, String realm, String userAgent, String ip) {
        this.http = http;
        this.base = base;
        this.realm = realm;
        this.userAgent = userAgent;
        this.ip = ip;
    }

    /** The browser moves: its next requests come from {@code ip}. */
    void from(String ip) {
        this.ip = ip;
    }

    String ip() {
        return ip;
    }

    /** A new session in this browser (Keycloak's SSO cookies gone, Vigil's device cookie kept), then the login form. */
    Page signIn(String username, String password) throws IOException, InterruptedException {
        cookies.keySet().removeIf(name -> !name.equals("VIGIL_DEVICE"));
        byte[] verifier = new byte[32];
        RANDOM.nextBytes(verifier);
        String v = Base64.getUrlEncoder().withoutPadding().encodeToString(verifier);
        String challenge;
        try {
            challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(v.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Page form = get(base + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=" + CLIENT
                + "&redirect_uri=" + enc(REDIRECT) + "&response_type=code&scope=openid&code_challenge=" + challenge
                + "&code_challenge_method=S256");
        if (formAction == null) {
            return form;
        }
        return post(formAction, Map.of("username", username, "password", password));
    }

    Page submitOtp(String code) throws IOException, InterruptedException {
        return post(formAction, Map.of("otp", code));
    }

    Page answerTrustOffer(boolean trust) throws IOException, InterruptedException {
        return post(formAction, Map.of("trust", trust ? "yes" : "no"));
    }

    private Page get(String url) throws IOException, InterruptedException {
        return follow(HttpRequest.newBuilder(local(url)).GET());
    }

    private Page post(String url, Map<String, String> fields) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, val) -> body.append(body.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(val)));
        return follow(HttpRequest.newBuilder(local(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private Page follow(HttpRequest.Builder request) throws IOException, InterruptedException {
        for (int hops = 0; hops < 10; hops++) {
            HttpResponse<String> r = http.send(decorate(request), HttpResponse.BodyHandlers.ofString());
            r.headers().allValues("set-cookie").forEach(this::keep);
            if (r.statusCode() / 100 == 3) {
                String location = r.headers().firstValue("location").orElse("");
                if (location.startsWith(REDIRECT)) {
                    formAction = null;
                    return new Page(location.contains("code=") ? Shown.SIGNED_IN : Shown.OTHER, location, "");
                }
                request = HttpRequest.newBuilder(local(location)).GET();
                continue;
            }
            return read(r.body());
        }
        throw new IOException("too many redirects");
    }

    private Page read(String html) {
        formAction = null;
        String formId = null;
        Matcher f = FORM.matcher(html);
        if (f.find()) {
            formId = f.group(1) != null ? f.group(1) : f.group(4);
            formAction = (f.group(2) != null ? f.group(2) : f.group(3)).replace("&amp;", "&");
        }
        Matcher m = FEEDBACK.matcher(html);
        String message = m.find() ? m.group(1).replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").trim() : "";
        if ("kc-otp-login-form".equals(formId)) {
            return new Page(Shown.OTP_ASKED, message, html);
        }
        if ("vigil-trust-device-form".equals(formId)) {
            return new Page(Shown.TRUST_OFFER, message, html);
        }
        if (!message.isEmpty()) {
            return new Page(Shown.REFUSED, message, html);
        }
        return new Page(Shown.OTHER, formId == null ? "a page without a form" : "form " + formId, html);
    }

    private HttpRequest decorate(HttpRequest.Builder request) {
        request.timeout(Duration.ofSeconds(30)).header("User-Agent", userAgent).header("X-Forwarded-For", ip)
                .header("X-Forwarded-Proto", "https");
        if (!cookies.isEmpty()) {
            StringBuilder c = new StringBuilder();
            cookies.forEach((k, val) -> c.append(c.length() == 0 ? "" : "; ").append(k).append('=').append(val));
            request.setHeader("Cookie", c.toString());
        }
        return request.build();
    }

    /** Keeps a cookie (every path of the demo host: the scenario only talks to Keycloak), or drops an expired one. */
    private void keep(String setCookie) {
        String[] parts = setCookie.split(";");
        int eq = parts[0].indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = parts[0].substring(0, eq).trim();
        String value = parts[0].substring(eq + 1).trim();
        boolean expired = value.isEmpty() || setCookie.toLowerCase(java.util.Locale.ROOT).contains("max-age=0");
        if (expired) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    /** Keycloak writes its URLs as the proxy announced them (https): the scenario talks to it directly. */
    private URI local(String url) {
        URI u = URI.create(url);
        URI b = URI.create(base);
        if (u.getHost() == null) {
            return b.resolve(url);
        }
        return URI.create(b.getScheme() + "://" + b.getRawAuthority() + u.getRawPath()
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
