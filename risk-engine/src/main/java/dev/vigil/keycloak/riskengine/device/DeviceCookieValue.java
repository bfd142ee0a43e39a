package dev.vigil.keycloak.riskengine.device;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed text of the device cookie, {@code <id>.<issued>.<mac>}: a random device id, the time it was
 * (re-)issued in epoch seconds, and 128 bits of HMAC-SHA256 over realm, id and time. The MAC key is never the
 * realm's HMAC secret itself but a key derived from it for this one purpose ({@link #deriveKey}), so a value
 * Vigil signs can never be mistaken for anything Keycloak signs with the same secret, nor the other way round.
 * Pure logic, no Keycloak types: {@link DeviceCookie} does the key lookup and the HTTP side.
 */
final class DeviceCookieValue {

    /** purpose label of the derived key (HKDF-style: HMAC(realm secret, label)) */
    static final String PURPOSE = "vigil-device-cookie";
    /** a cookie older than this is refused (the browser drops it then too) */
    static final long MAX_AGE_SECONDS = 365L * 24 * 3600;
    /** a valid cookie older than this is issued again with the current time (and the active key) */
    static final long REFRESH_AFTER_SECONDS = 30L * 24 * 3600;
    /** clock difference between nodes tolerated for an issue time in the future */
    static final long SKEW_SECONDS = 300;
    static final int MAX_LENGTH = 200;
    private static final String MAC_ALGORITHM = "HmacSHA256";
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(DeviceCookieValue::newMac);

    /** What a cookie says once its MAC verified: the device id, when it was issued, whether it is due again. */
    record Verified(String id, long issuedSeconds, boolean refresh) {
    }

    private DeviceCookieValue() {
    }

    /** The MAC key for device cookies of the realm secret {@code realmSecret}. */
    static byte[] deriveKey(byte[] realmSecret) {
        return mac(realmSecret, PURPOSE.getBytes(StandardCharsets.UTF_8));
    }

    static String sign(byte[] derivedKey, String realmId, String id, long issuedSeconds) {
        return id + "." + issuedSeconds + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(tag(derivedKey, realmId, id, issuedSeconds));
    }

    /**
     * @param derivedKey the key that verified the value
     * @param active     whether it is the realm's active key (a value signed with a passive one is issued again)
     * @return the verified value, or null when the text is malformed, its MAC does not verify with this key, or
     *         it is older than {@link #MAX_AGE_SECONDS} (or issued in the future)
     */
    static Verified verify(byte[] derivedKey, boolean active, String realmId, String text, long nowSeconds) {
        if (text == null || text.length() > MAX_LENGTH) {
            return null;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty()) {
            return null;
        }
        long issued;
        byte[] given;
        try {
            issued = Long.parseLong(parts[1]);
            given = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!MessageDigest.isEqual(given, tag(derivedKey, realmId, parts[0], issued))) {
            return null;
        }
        long age = nowSeconds - issued;
        if (age > MAX_AGE_SECONDS || age < -SKEW_SECONDS) {
            return null;
        }
        return new Verified(parts[0], issued, !active || age > REFRESH_AFTER_SECONDS);
    }

    private static byte[] tag(byte[] derivedKey, String realmId, String id, long issuedSeconds) {
        byte[] full = mac(derivedKey, ("vigil-device|" + realmId + "|" + id + "|" + issuedSeconds)
                .getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(full, 16);
    }

    private static byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = MAC.get();
            mac.init(new SecretKeySpec(key, MAC_ALGORITHM));
            return mac.doFinal(data);
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
}
