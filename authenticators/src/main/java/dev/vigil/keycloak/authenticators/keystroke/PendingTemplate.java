package dev.vigil.keycloak.authenticators.keystroke;

import java.util.Objects;
import java.util.Optional;

import dev.vigil.keycloak.riskengine.keystroke.KeystrokeTemplate;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The enrolment step a login would add to the user's typing-rhythm template, held in the authentication session
 * (statistics, as stored in the credential, never a typing) until the login has passed a second factor the user
 * already had. Only then is it stored ({@link TypingRhythmLearn}); a login that ends without such a factor leaves
 * nothing behind, so whoever holds only the password cannot train a template on their own rhythm.
 */
final class PendingTemplate {

    static final String TEMPLATE_NOTE = "vigil.keystroke.pending";
    static final String PASSWORD_NOTE = "vigil.keystroke.pendingPassword";

    private PendingTemplate() {
    }

    static void park(AuthenticationSessionModel authSession, KeystrokeTemplate next, CredentialModel password) {
        authSession.setAuthNote(TEMPLATE_NOTE, next.toJson());
        authSession.setAuthNote(PASSWORD_NOTE, passwordKey(password));
    }

    static boolean exists(AuthenticationSessionModel authSession) {
        return authSession.getAuthNote(TEMPLATE_NOTE) != null;
    }

    static void discard(AuthenticationSessionModel authSession) {
        authSession.removeAuthNote(TEMPLATE_NOTE);
        authSession.removeAuthNote(PASSWORD_NOTE);
    }

    /**
     * Stores the parked template for the user and forgets it; false (nothing stored) when there is none, it
     * cannot be read, or the password changed since it was parked (a template belongs to one password).
     */
    static boolean commit(KeycloakSession session, RealmModel realm, UserModel user,
            AuthenticationSessionModel authSession) {
        String json = authSession.getAuthNote(TEMPLATE_NOTE);
        String parkedFor = authSession.getAuthNote(PASSWORD_NOTE);
        discard(authSession);
        if (json == null) {
            return false;
        }
        CredentialModel password = KeystrokeCredentialProvider.password(user).orElse(null);
        Optional<KeystrokeTemplate> template = KeystrokeTemplate.fromJson(json);
        if (template.isEmpty() || !Objects.equals(parkedFor, passwordKey(password))) {
            return false;
        }
        KeystrokeCredentialProvider.of(session).saveTemplate(realm, user, template.get(), password);
        return true;
    }

    private static String passwordKey(CredentialModel password) {
        return password == null ? "none" : password.getId() + ":" + password.getCreatedDate();
    }
}
