package dev.vigil.keycloak.eventlistener.device;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Vigil's device cookie: a random device id signed with the realm's HMAC (HS512) key, set on successful
 * browser logins — HttpOnly, SameSite=Lax, one year, scoped to the realm's path, Secure whenever the
 * request came over HTTPS (as Keycloak's own cookies). A cookie whose signature does not verify with any
 * of the realm's HMAC keys is ignored, so a forged or copied-across-realms id never counts as known.
 */
public final class DeviceCookie {

    public static final String NAME = "VIGIL_DEVICE";
    static final int MAX_AGE_SECONDS = 365 * 24 * 3600;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_COOKIE_LENGTH = 200;
    private static final String MAC_ALGORITHM = "HmacSHA256";
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(DeviceCookie::newMac);

    private DeviceCookie() {
    }

    /** The verified device id of the request's cookie, if any. */
    public static Optional<String> read(KeycloakSession session, RealmModel realm) {
        HttpRequest request = session.getContext().getHttpRequest();
        if (request == null || request.getHttpHeaders() == null) {
            return Optional.empty();
        }
        Cookie cookie = request.getHttpHeaders().getCookies().get(NAME);
        if (cookie == null || cookie.getValue() == null || cookie.getValue().length() > MAX_COOKIE_LENGTH) {
            return Optional.empty();
        }
        String[] parts = cookie.getValue().split("\\.");
        if (parts.length != 2) {
            return Optional.empty();
        }
        byte[] given = decode(parts[1]);
        if (given == null) {
            return Optional.empty();
        }
        boolean valid = session.keys().getKeysStream(realm, KeyUse.SIG, Algorithm.HS512)
                .map(KeyWrapper::getSecretKey)
                .anyMatch(key -> key != null && MessageDigest.isEqual(given, sign(key, realm, parts[0])));
        return valid ? Optional.of(parts[0]) : Optional.empty();
    }

    /** Creates a device id and sets its cookie on the response; empty when the realm has no HMAC key. */
    public static Optional<String> issue(KeycloakSession session, RealmModel realm) {
        KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS512);
        if (key == null || key.getSecretKey() == null || session.getContext().getHttpResponse() == null) {
            return Optional.empty();
        }
        byte[] raw = new byte[16];
        RANDOM.nextBytes(raw);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String value = id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sign(key.getSecretKey(), realm, id));
        HttpRequest request = session.getContext().getHttpRequest();
        boolean secure = request != null && request.getUri() != null
                && "https".equalsIgnoreCase(request.getUri().getRequestUri().getScheme());
        NewCookie cookie = new NewCookie.Builder(NAME)
                .value(value)
                .path(cookiePath(session.getContext().getUri().getBaseUri(), realm.getName()))
                .maxAge(MAX_AGE_SECONDS)
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
        session.getContext().getHttpResponse().setCookieIfAbsent(cookie);
        return Optional.of(id);
    }

    /**
     * The realm's path under Keycloak's base URI, as Keycloak scopes its own cookies: {@code /realms/demo/}, or
     * {@code /auth/realms/demo/} on a server started with {@code --http-relative-path=/auth} (a cookie scoped
     * to {@code /realms/…} there would never come back, and every login would be a "new device").
     */
    static String cookiePath(java.net.URI baseUri, String realmName) {
        String base = baseUri == null || baseUri.getRawPath() == null || baseUri.getRawPath().isEmpty() ? "/"
                : baseUri.getRawPath();
        if (!base.endsWith("/")) {
            base = base + "/";
        }
        return base + "realms/" + java.net.URLEncoder.encode(realmName, StandardCharsets.UTF_8).replace("+", "%20") + "/";
    }

    private static byte[] sign(SecretKey key, RealmModel realm, String id) {
        try {
            Mac mac = MAC.get();
            mac.init(new SecretKeySpec(key.getEncoded(), MAC_ALGORITHM));
            byte[] full = mac.doFinal(("vigil-device|" + realm.getId() + "|" + id).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(full, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One Mac per request thread: looking the algorithm up costs more than the HMAC itself. */
    private static Mac newMac() {
        try {
            return Mac.getInstance(MAC_ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String s) {
        try {
            return Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
