package dev.vigil.keycloak.authenticators.keystroke;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

public class TypingRhythmFormFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "vigil-typing-rhythm-form";

    @Override
    public Authenticator create(KeycloakSession session) {
        return new TypingRhythmForm(session);
    }

    @Override
    public String getDisplayType() {
        return "Vigil - username, password and typing rhythm";
    }

    @Override
    public String getHelpText() {
        return "Keycloak's username/password form that also measures how the password is typed, learns the user's"
                + " rhythm and records match / mismatch / no sample / enrolling / replay for the typing-rhythm condition.";
    }

    @Override
    public String getReferenceCategory() {
        return KeystrokeCredentialModel.TYPE;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {AuthenticationExecutionModel.Requirement.REQUIRED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return TypingRhythmConfig.PROPERTIES;
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
