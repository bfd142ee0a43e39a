package dev.vigil.keycloak.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** The admin side of the typing-rhythm tests: test users, their LOGIN events and typing-rhythm credentials. */
public final class TypingRhythmUsers {

    private final ManagedRealm realm;

    public TypingRhythmUsers(ManagedRealm realm) {
        this.realm = realm;
    }

    /** Creates an enabled user with a password and the given required actions; returns the id. */
    public String createUser(String username, String password, List<String> requiredActions) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(username + "@example.org");
        user.setEmailVerified(true);
        user.setFirstName("Typist");
        user.setLastName(username);
        user.setRequiredActions(requiredActions);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        try (var response = realm.admin().users().create(user)) {
            assertThat(response.getStatus()).isEqualTo(201);
        }
        return userId(username);
    }

    /** Like {@link #createUser}, with a TOTP credential whose raw secret is {@code otpSecret} (see {@link #totp}). */
    public String createUserWithOtp(String username, String password, String otpSecret) {
        String id = createUser(username, password, List.of());
        UserRepresentation user = realm.admin().users().get(id).toRepresentation();
        CredentialRepresentation otp = new CredentialRepresentation();
        otp.setType("otp");
        otp.setUserLabel("authenticator app");
        otp.setSecretData("{\"value\":\"" + otpSecret + "\"}");
        otp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        user.setCredentials(List.of(otp));
        realm.admin().users().get(id).update(user);
        assertThat(realm.admin().users().get(id).credentials()).anyMatch(c -> "otp".equals(c.getType()));
        return id;
    }

    /**
     * A TOTP code for the raw secret, of a period not used before for it: Keycloak refuses a code twice and
     * accepts the next period's (look-ahead 1), so several step-ups within 30 s each get a valid code.
     */
    public static synchronized String totp(String secret) {
        long window = System.currentTimeMillis() / 30_000;
        Long last = LAST_WINDOW.get(secret);
        // Keycloak accepts the next period's code (look-ahead 1) but no code twice: past that, wait for the clock
        while (last != null && last >= window + 1) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            window = System.currentTimeMillis() / 30_000;
        }
        if (last != null && last >= window) {
            window = last + 1;
        }
        LAST_WINDOW.put(secret, window);
        org.keycloak.models.utils.TimeBasedOTP otp = new org.keycloak.models.utils.TimeBasedOTP();
        java.util.Calendar at = java.util.Calendar.getInstance();
        at.setTimeInMillis(window * 30_000 + 1_000);
        otp.setCalendar(at);
        return otp.generateTOTP(secret);
    }

    /**
     * The current TOTP code for the raw secret, for realms whose OTP policy lets a code be used again
     * ({@link #reusableOtpCodes}): enrolment logins follow each other faster than the 30 s period.
     */
    public static String totpNow(String secret) {
        return new org.keycloak.models.utils.TimeBasedOTP().generateTOTP(secret);
    }

    /** Lets an OTP code be used more than once in the realm (Keycloak's "Reusable token"), for test speed only. */
    public void reusableOtpCodes() {
        org.keycloak.representations.idm.RealmRepresentation rep = realm.admin().toRepresentation();
        if (!Boolean.TRUE.equals(rep.isOtpPolicyCodeReusable())) {
            rep.setOtpPolicyCodeReusable(true);
            realm.admin().update(rep);
        }
    }

    private static final java.util.Map<String, Long> LAST_WINDOW = new java.util.HashMap<>();

    public String userId(String username) {
        return realm.admin().users().search(username, true).get(0).getId();
    }

    /** The user's newest event of the type (Keycloak's event store). */
    public EventRepresentation lastEvent(String userId, String type) {
        List<EventRepresentation> events = realm.admin().getEvents(List.of(type), null, userId, null, null, null, 0, 1);
        assertThat(events).as(type + " event").isNotEmpty();
        return events.get(0);
    }

    /** The typing-rhythm outcome of the user's newest LOGIN. */
    public String lastOutcome(String userId) {
        return lastEvent(userId, "LOGIN").getDetails().get("vigil_keystroke");
    }

    public List<CredentialRepresentation> keystrokeCredentials(String userId) {
        return realm.admin().users().get(userId).credentials().stream()
                .filter(c -> "vigil-keystroke".equals(c.getType())).toList();
    }
}
