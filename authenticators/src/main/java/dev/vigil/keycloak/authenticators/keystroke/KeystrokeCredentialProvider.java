package dev.vigil.keycloak.authenticators.keystroke;

import java.util.Optional;

import dev.vigil.keycloak.riskengine.keystroke.KeystrokeTemplate;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/** Stores, reads and removes {@code vigil-keystroke} credentials; users and admins can delete them. */
public class KeystrokeCredentialProvider implements CredentialProvider<KeystrokeCredentialModel> {

    private final KeycloakSession session;

    public KeystrokeCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return KeystrokeCredentialModel.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, KeystrokeCredentialModel model) {
        return user.credentialManager().createStoredCredential(model);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public KeystrokeCredentialModel getCredentialFromModel(CredentialModel model) {
        return KeystrokeCredentialModel.createFromCredentialModel(model);
    }

    /** The session's typing-rhythm credential provider. */
    public static KeystrokeCredentialProvider of(KeycloakSession session) {
        return (KeystrokeCredentialProvider) session.getProvider(CredentialProvider.class,
                KeystrokeCredentialProviderFactory.PROVIDER_ID);
    }

    /** The user's typing-rhythm credential, if they have one. */
    public Optional<KeystrokeCredentialModel> current(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(getType()).findFirst()
                .map(KeystrokeCredentialModel::createFromCredentialModel);
    }

    /**
     * Stores a template for the user, bound to the password credential it was learnt on (or to none),
     * replacing the user's earlier template if there is one.
     */
    public void saveTemplate(RealmModel realm, UserModel user, KeystrokeTemplate template, CredentialModel password) {
        String passwordId = password == null ? null : password.getId();
        Long passwordCreated = password == null ? null : password.getCreatedDate();
        KeystrokeCredentialModel credential = current(user).orElseGet(
                () -> KeystrokeCredentialModel.create(template, passwordId, passwordCreated));
        credential.fill(template, passwordId, passwordCreated);
        save(realm, user, credential);
        markLearnt(user);
    }

    /**
     * User attribute set once a template was learnt for the user. A user who has it but no credential removed
     * their typing rhythm (account console, or an admin did): passive enrolment then leaves them alone, and only
     * the explicit set-up (the user's choice) learns it again. Deleted with the user, as every attribute.
     */
    public static final String LEARNT_ATTRIBUTE = "vigil.keystroke.learnt";

    /** Whether a template was learnt before and has since been removed: no silent re-enrolment. */
    public boolean removedByChoice(UserModel user) {
        return user.getFirstAttribute(LEARNT_ATTRIBUTE) != null && current(user).isEmpty();
    }

    /** Marks that the user has (had) a typing-rhythm template; see {@link #LEARNT_ATTRIBUTE}. */
    static void markLearnt(UserModel user) {
        if (user.getFirstAttribute(LEARNT_ATTRIBUTE) == null) {
            user.setSingleAttribute(LEARNT_ATTRIBUTE, "true");
        }
    }

    /** The user's password credential, if any: the one a template is bound to. */
    public static Optional<CredentialModel> password(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE).findFirst();
    }

    /** Creates the credential or updates the existing one. */
    public void save(RealmModel realm, UserModel user, KeystrokeCredentialModel model) {
        if (model.getId() == null) {
            createCredential(realm, user, model);
        } else {
            user.credentialManager().updateStoredCredential(model);
        }
    }

    /**
     * "Set up" for a user without a template, "Update" (learn again) for one with it: Keycloak allows one
     * of the two actions, not both.
     */
    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext context) {
        boolean has = context.getUser() != null && current(context.getUser()).isPresent();
        var builder = CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("vigil-keystroke-display-name")
                .helpText("vigil-keystroke-help-text")
                .iconCssClass("kcAuthenticatorDefaultClass")
                .removeable(true);
        if (has) {
            builder.updateAction(TypingRhythmSetupFactory.PROVIDER_ID);
        } else {
            builder.createAction(TypingRhythmSetupFactory.PROVIDER_ID);
        }
        return builder.build(session);
    }
}
