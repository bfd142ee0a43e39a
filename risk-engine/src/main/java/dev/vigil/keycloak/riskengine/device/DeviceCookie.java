package dev.vigil.keycloak.riskengine.device;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import org.keycloak.common.util.Time;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Vigil's device cookie: a random device id and its issue time, signed with a key derived for this purpose
 * from the realm's HMAC (HS512) key ({@link DeviceCookieValue}), set on successful browser logins — HttpOnly,
 * SameSite=Lax, one year, scoped to the realm's path under Keycloak's own base URI (so
 * {@code --http-relative-path} is honoured), Secure whenever the request came over HTTPS (as Keycloak's own
 * cookies). A cookie whose signature does not verify with any of the realm's HMAC keys, or that is older than
 * a year, is ignored, so a forged, copied-across-realms or stolen-long-ago id never counts as known. A valid
 * cookie signed with a passive key, or older than 30 days, is issued again (same id) with the active key and
 * the current time on the next browser login.
 */
public final class DeviceCookie {

    public static final String NAME = "VIGIL_DEVICE";
    /** session attribute: the id of a cookie issued in this request (the browser sends it from the next one) */
    private static final String ISSUED = "vigil.device.issued";
    /** session attribute: the request's cookie as verified by its first read */
    private static final String VERIFIED = "vigil.device.verified";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceCookie() {
    }

    /** A device id read from a verified cookie, and whether the cookie should be issued again. */
    public record Known(String id, boolean refresh) {
    }

    /** The verified device id of the request's cookie, if any. */
    public static Optional<Known> read(KeycloakSession session, RealmModel realm) {
        HttpRequest request = session.getContext().getHttpRequest();
        if (request == null || request.getHttpHeaders() == null) {
            return Optional.empty();
        }
        // the request's cookie is verified once: the assessment, the spray guard and the recorded row all read it
        Object verified = session.getAttribute(VERIFIED);
        Optional<Known> known;
        if (verified instanceof Verified v && v.realmId().equals(realm.getId())) {
            known = v.known();
        } else {
            known = verify(session, realm, request);
            session.setAttribute(VERIFIED, new Verified(realm.getId(), known));
        }
        return known.or(() -> issuedNow(session));
    }

    /** What the request's cookie says, verified with the realm's keys (not the cookie issued in this request). */
    private record Verified(String realmId, Optional<Known> known) {
    }

    private static Optional<Known> verify(KeycloakSession session, RealmModel realm, HttpRequest request) {
        Cookie cookie = request.getHttpHeaders().getCookies().get(NAME);
        if (cookie == null || cookie.getValue() == null || cookie.getValue().length() > DeviceCookieValue.MAX_LENGTH) {
            return Optional.empty();
        }
        KeyWrapper active = session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS512);
        String activeKid = active == null ? null : active.getKid();
        long now = Time.currentTime();
        return session.keys().getKeysStream(realm, KeyUse.SIG, Algorithm.HS512)
                .filter(key -> key.getSecretKey() != null)
                .map(key -> DeviceCookieValue.verify(DeviceCookieValue.deriveKey(key.getSecretKey().getEncoded()),
                        key.getKid() != null && key.getKid().equals(activeKid), realm.getId(), cookie.getValue(), now))
                .filter(v -> v != null)
                .findFirst()
                .map(v -> new Known(v.id(), v.refresh()));
    }

    private static Optional<Known> issuedNow(KeycloakSession session) {
        return Optional.ofNullable(session.getAttribute(ISSUED, String.class)).map(id -> new Known(id, false));
    }

    /**
     * Creates a device id and sets its cookie on the response; empty when the realm has no HMAC key. Within one
     * request the same id is returned again (trusting a device and recording its login happen in the same request).
     */
    public static Optional<String> issue(KeycloakSession session, RealmModel realm) {
        String issued = session.getAttribute(ISSUED, String.class);
        if (issued != null) {
            return Optional.of(issued);
        }
        byte[] raw = new byte[16];
        RANDOM.nextBytes(raw);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        if (!reissue(session, realm, id)) {
            return Optional.empty();
        }
        session.setAttribute(ISSUED, id);
        return Optional.of(id);
    }

    /** Sets the cookie of {@code id} anew, signed with the active key and the current time. */
    public static boolean reissue(KeycloakSession session, RealmModel realm, String id) {
        KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS512);
        if (key == null || key.getSecretKey() == null || session.getContext().getHttpResponse() == null) {
            return false;
        }
        String value = DeviceCookieValue.sign(DeviceCookieValue.deriveKey(key.getSecretKey().getEncoded()),
                realm.getId(), id, Time.currentTime());
        HttpRequest request = session.getContext().getHttpRequest();
        boolean secure = request != null && request.getUri() != null
                && "https".equalsIgnoreCase(request.getUri().getRequestUri().getScheme());
        NewCookie cookie = new NewCookie.Builder(NAME)
                .value(value)
                .path(cookiePath(session.getContext().getUri().getBaseUri(), realm.getName()))
                .maxAge((int) DeviceCookieValue.MAX_AGE_SECONDS)
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
        session.getContext().getHttpResponse().setCookieIfAbsent(cookie);
        return true;
    }

    /**
     * The realm's path under Keycloak's base URI, as Keycloak scopes its own cookies: {@code /realms/demo/}, or
     * {@code /auth/realms/demo/} on a server started with {@code --http-relative-path=/auth} (a cookie scoped
     * to {@code /realms/…} there would never come back, and every login would be a "new device").
     */
    static String cookiePath(URI baseUri, String realmName) {
        String base = baseUri == null || baseUri.getRawPath() == null || baseUri.getRawPath().isEmpty() ? "/"
                : baseUri.getRawPath();
        if (!base.endsWith("/")) {
            base = base + "/";
        }
        return base + "realms/" + URLEncoder.encode(realmName, StandardCharsets.UTF_8).replace("+", "%20") + "/";
    }
}
