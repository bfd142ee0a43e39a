package dev.vigil.keycloak.authenticators.risk;

import java.util.List;
import java.util.Map;

import dev.vigil.keycloak.riskengine.risk.RiskLevel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Settings of one "Vigil - login risk" condition, declared once here.
 *
 * @param minimumLevel the condition is true from this level up
 * @param negate       invert the result (true below the level)
 */
public record LoginRiskConditionConfig(RiskLevel minimumLevel, boolean negate) {

    public static final String LEVEL = "level";
    public static final String NEGATE = "negate";
    public static final LoginRiskConditionConfig DEFAULTS = new LoginRiskConditionConfig(RiskLevel.MEDIUM, false);

    public static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(LEVEL).label("Minimum risk level").type(ProviderConfigProperty.LIST_TYPE)
            .options(RiskLevel.MEDIUM.name(), RiskLevel.HIGH.name(), RiskLevel.LOW.name())
            .defaultValue(DEFAULTS.minimumLevel().name())
            .helpText("The condition is true when the login's risk is this level or higher. Levels come from the"
                    + " realm's Vigil settings (mediumScore, highScore); the assessment runs once per login.").add()
            .property().name(NEGATE).label("Negate").type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
            .helpText("Invert the result: true below the level.").add()
            .build();

    /** Lenient: a missing or bad value falls back to its default. */
    public static LoginRiskConditionConfig of(AuthenticatorConfigModel model) {
        Map<String, String> c = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        return new LoginRiskConditionConfig(RiskLevel.parse(c.get(LEVEL)).orElse(DEFAULTS.minimumLevel()),
                Boolean.parseBoolean(c.getOrDefault(NEGATE, "false")));
    }
}
