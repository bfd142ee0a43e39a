package dev.vigil.keycloak.authenticators.risk;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

public class LoginRiskConditionFactory implements ConditionalAuthenticatorFactory {

    public static final String PROVIDER_ID = "vigil-condition-login-risk";

    @Override
    public ConditionalAuthenticator getSingleton() {
        return LoginRiskCondition.SINGLETON;
    }

    @Override
    public String getDisplayType() {
        return "Vigil - login risk";
    }

    @Override
    public String getHelpText() {
        return "True when Vigil's risk level of the login (new device, network, country, impossible travel, hour,"
                + " failures, typing rhythm, model) is at least the chosen level. Place it after the password.";
    }

    @Override
    public boolean isConfigurable() {
        return true;
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
        return LoginRiskConditionConfig.PROPERTIES;
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
