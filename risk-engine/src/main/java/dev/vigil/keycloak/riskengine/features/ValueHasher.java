package dev.vigil.keycloak.riskengine.features;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed digests of the values Vigil keeps only for equality (the IPs, devices, networks and clients of a
 * {@link UserProfile}, attempted usernames that match no user): HMAC-SHA256 with a key derived from the realm's
 * Vigil secret for one purpose, 96 bits, URL-safe base64. Without the realm's secret, a digest cannot be
 * reversed by enumerating the candidates (all IPv4 addresses, say), and the same value gives different digests
 * in different realms. Immutable and thread-safe.
 */
public final class ValueHasher {

    /** purpose label of the profile values' key */
    public static final String PROFILE = "vigil-profile";
    /** purpose label of the attempted usernames' key */
    public static final String USERNAME = "vigil-unknown-username";
    private static final int DIGEST_BYTES = 12;
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(ValueHasher::newMac);
    /** for summaries that are never stored (a login without a user): any key will do, none is kept */
    static final ValueHasher EPHEMERAL;

    static {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        EPHEMERAL = new ValueHasher(random, PROFILE);
    }

    private final byte[] key;
    private final String keyId;

    /** @param secret the realm's secret; {@code purpose} makes the key of one use unusable for another */
    public ValueHasher(byte[] secret, String purpose) {
        this.key = mac(secret, purpose.getBytes(StandardCharsets.UTF_8));
        this.keyId = encode(Arrays.copyOf(mac(key, "vigil-key-id".getBytes(StandardCharsets.UTF_8)), 6));
    }

    /** The value's digest (16 characters); "-" for null. */
    public String hash(String value) {
        if (value == null) {
            return "-";
        }
        return encode(Arrays.copyOf(mac(key, value.getBytes(StandardCharsets.UTF_8)), DIGEST_BYTES));
    }

    /** A short public fingerprint of the key (8 characters): a profile written with another key is rebuilt. */
    public String keyId() {
        return keyId;
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = MAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
