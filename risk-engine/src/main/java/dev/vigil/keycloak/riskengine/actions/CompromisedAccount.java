package dev.vigil.keycloak.riskengine.actions;

import dev.vigil.keycloak.riskengine.device.TrustedDevices;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What a "compromised" verdict does to the account, whoever gives it (an admin in the console, the user through
 * the "This wasn't me" link): every session ends and every device the user trusted loses that trust.
 */
public final class CompromisedAccount {

    /** @param sessions sessions ended; @param devices trusted devices revoked */
    public record Secured(int sessions, int devices) {
    }

    private CompromisedAccount() {
    }

    public static Secured secure(KeycloakSession session, RealmModel realm, UserModel user) {
        int sessions = SessionRevocation.revokeAll(session, realm, user);
        int devices = TrustedDevices.revokeAll(session, realm.getId(), user.getId());
        return new Secured(sessions, devices);
    }
}
