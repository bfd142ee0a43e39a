package dev.vigil.keycloak.authenticators.risk;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

public class PasswordSprayGuardFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "vigil-password-spray-guard";
    private static final PasswordSprayGuard SINGLETON = new PasswordSprayGuard();

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getDisplayType() {
        return "Vigil - password-spray guard";
    }

    @Override
    public String getHelpText() {
        return "Refuses sign-ins (HTTP 429, before any password is checked) from a network that failed against many"
                + " different accounts lately (realm settings sprayAccounts, sprayWindowMinutes). Put it first in the"
                + " direct-grant flow; Vigil's typing-rhythm form already runs the same check.";
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
