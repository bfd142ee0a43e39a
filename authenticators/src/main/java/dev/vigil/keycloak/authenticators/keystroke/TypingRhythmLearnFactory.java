package dev.vigil.keycloak.authenticators.keystroke;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

public class TypingRhythmLearnFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "vigil-typing-rhythm-learn";
    private static final TypingRhythmLearn SINGLETON = new TypingRhythmLearn();

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getDisplayType() {
        return "Vigil - learn typing rhythm";
    }

    @Override
    public String getHelpText() {
        return "Stores the typing that the Vigil form learnt in this login only if the login passed a second factor"
                + " the user already had (OTP, WebAuthn, Vigil's e-mail code); place it after them. Without one,"
                + " nothing is learnt: whoever has only the password cannot train the user's template. After such a"
                + " factor it also clears the user's rejected typings, which otherwise keep every typing from vouching"
                + " for a login (one try at the rhythm for whoever has the password).";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {AuthenticationExecutionModel.Requirement.REQUIRED,
                AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
