package dev.vigil.keycloak.authenticators.keystroke;

import java.util.List;
import java.util.Set;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.credential.PasswordCredentialModel;
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
        return PasswordCredentialModel.TYPE; // it checks the password, so the account console offers it
    }

    /** So the account console lists typing rhythm (set up, delete) in realms whose flows use this form. */
    @Override
    public Set<String> getOptionalReferenceCategories(KeycloakSession session) {
        return Set.of(KeystrokeCredentialModel.TYPE);
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
