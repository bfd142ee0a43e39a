package dev.vigil.keycloak.bench.scenarios;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The codes of the scenario users' authenticator apps (RFC 6238: HMAC-SHA1, 6 digits, 30 s), as a phone would show
 * them. Keycloak takes a code once and also the next period's, so a user who signs in twice within 30 s gets the
 * next period's code the second time, as someone waiting for the app would.
 */
final class Totp {

    private final Map<String, Long> lastPeriod = new HashMap<>();

    synchronized String code(String secret) {
        long period = Math.max(System.currentTimeMillis() / 30_000, lastPeriod.getOrDefault(secret, -1L) + 1);
        lastPeriod.put(secret, period);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(period).array());
            int o = h[h.length - 1] & 0xf;
            int bin = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
            return String.format("%06d", bin % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
