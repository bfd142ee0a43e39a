package dev.vigil.keycloak.riskengine.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DeviceCookieValueTest {

    static final byte[] SECRET = "the realm's HS512 secret, 64 bytes or so, whatever it is exactly".getBytes(StandardCharsets.UTF_8);
    static final byte[] OTHER = "another realm key".getBytes(StandardCharsets.UTF_8);
    static final long NOW = 1_800_000_000L;

    @Test
    void aFreshCookieVerifiesWithItsKeyAndIsNotDueAgain() {
        byte[] key = DeviceCookieValue.deriveKey(SECRET);
        String text = DeviceCookieValue.sign(key, "realm-a", "dev1", NOW);
        DeviceCookieValue.Verified v = DeviceCookieValue.verify(key, true, "realm-a", text, NOW + 60);
        assertThat(v).isNotNull();
        assertThat(v.id()).isEqualTo("dev1");
        assertThat(v.issuedSeconds()).isEqualTo(NOW);
        assertThat(v.refresh()).isFalse();
    }

    @Test
    void theMacKeyIsDerivedNotTheRealmSecretItself() {
        byte[] key = DeviceCookieValue.deriveKey(SECRET);
        assertThat(key).isNotEqualTo(SECRET).hasSize(32);
        String signedWithRawSecret = DeviceCookieValue.sign(SECRET, "realm-a", "dev1", NOW);
        assertThat(DeviceCookieValue.verify(key, true, "realm-a", signedWithRawSecret, NOW)).isNull();
    }

    @Test
    void anotherKeyAnotherRealmOrATamperedPartIsRefused() {
        byte[] key = DeviceCookieValue.deriveKey(SECRET);
        String text = DeviceCookieValue.sign(key, "realm-a", "dev1", NOW);
        assertThat(DeviceCookieValue.verify(DeviceCookieValue.deriveKey(OTHER), true, "realm-a", text, NOW)).isNull();
        assertThat(DeviceCookieValue.verify(key, true, "realm-b", text, NOW)).isNull();
        assertThat(DeviceCookieValue.verify(key, true, "realm-a", text.replace("dev1.", "dev2."), NOW)).isNull();
        assertThat(DeviceCookieValue.verify(key, true, "realm-a", text.replace("." + NOW + ".", "." + (NOW + 1) + "."), NOW))
                .as("the issue time is signed: moving it forward does not make an old cookie young").isNull();
        assertThat(DeviceCookieValue.verify(key, true, "realm-a", "dev1.Zm9yZ2Vk", NOW)).as("old two-part format").isNull();
        assertThat(DeviceCookieValue.verify(key, true, "realm-a", "a.b.c", NOW)).isNull();
        assertThat(DeviceCookieValue.verify(key, true, "realm-a", "a.1.!!", NOW)).isNull();
        assertThat(DeviceCookieValue.verify(key, true, "realm-a", null, NOW)).isNull();
        assertThat(DeviceCookieValue.verify(key, true, "realm-a", "x".repeat(300), NOW)).isNull();
    }

    @Test
    void aCookieAgesOutAfterItsMaximumAgeAndIsRefreshedBeforeThat() {
        byte[] key = DeviceCookieValue.deriveKey(SECRET);
        String text = DeviceCookieValue.sign(key, "realm-a", "dev1", NOW);
        long day = 86_400;
        assertThat(DeviceCookieValue.verify(key, true, "realm-a", text, NOW + 29 * day).refresh()).isFalse();
        assertThat(DeviceCookieValue.verify(key, true, "realm-a", text, NOW + 31 * day).refresh())
                .as("older than the refresh age: issued again").isTrue();
        assertThat(DeviceCookieValue.verify(key, true, "realm-a", text, NOW + DeviceCookieValue.MAX_AGE_SECONDS)).isNotNull();
        assertThat(DeviceCookieValue.verify(key, true, "realm-a", text, NOW + DeviceCookieValue.MAX_AGE_SECONDS + 1))
                .as("older than the maximum age: refused").isNull();
        assertThat(DeviceCookieValue.verify(key, true, "realm-a", text, NOW - DeviceCookieValue.SKEW_SECONDS - 1))
                .as("issued in the future beyond clock skew").isNull();
    }

    @Test
    void aCookieVerifiedWithAPassiveKeyIsDueForReissue() {
        byte[] key = DeviceCookieValue.deriveKey(SECRET);
        String text = DeviceCookieValue.sign(key, "realm-a", "dev1", NOW);
        DeviceCookieValue.Verified v = DeviceCookieValue.verify(key, false, "realm-a", text, NOW);
        assertThat(v.id()).isEqualTo("dev1");
        assertThat(v.refresh()).isTrue();
    }
}
