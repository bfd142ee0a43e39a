package dev.vigil.keycloak.authenticators.keystroke;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

public class TypingRhythmConditionFactory implements ConditionalAuthenticatorFactory {

    public static final String PROVIDER_ID = "vigil-condition-typing-rhythm";

    @Override
    public ConditionalAuthenticator getSingleton() {
        return TypingRhythmCondition.SINGLETON;
    }

    @Override
    public String getDisplayType() {
        return "Vigil - typing rhythm";
    }

    @Override
    public String getHelpText() {
        return "True when the typing-rhythm outcome of the Vigil form is one of the chosen outcomes.";
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
        return ProviderConfigurationBuilder.create()
                .property().name(TypingRhythmCondition.OUTCOMES).label("Outcomes")
                .type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE)
                .options("MATCH", "MISMATCH", "NO_SAMPLE", "ENROLLING", "REPLAY", "UNVERIFIED")
                .defaultValue(TypingRhythmCondition.DEFAULT_OUTCOMES)
                .helpText("The condition is true when the typing outcome is one of these. UNVERIFIED: the user has a"
                        + " typing-rhythm template but this login sent no usable typing (left out, pasted, password"
                        + " manager, no JavaScript); step it up like MISMATCH, or anyone with the password skips"
                        + " the check by leaving the field out.").add()
                .property().name(TypingRhythmCondition.NEGATE).label("Negate")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
                .helpText("Invert the result.").add()
                .build();
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
