package dev.vigil.keycloak.authenticators.risk;

import java.util.List;
import java.util.Map;

import dev.vigil.keycloak.riskengine.risk.RiskLevel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Settings of one "Vigil - risk raises level of authentication" execution, declared once here.
 *
 * @param minimumLevel from this risk level up, the login must reach {@code loa}
 * @param loa          the level of authentication (Keycloak's "Condition - Level of authentication" levels)
 * @param whileEnrolling also while the user's typing rhythm is learnt ({@code ENROLLING}), for users who have a
 *                       second factor: only typings of logins that passed it are learnt
 */
public record RiskLoaConfig(RiskLevel minimumLevel, int loa, boolean whileEnrolling) {

    public static final String LEVEL = "level";
    public static final String LOA = "loa";
    public static final String WHILE_ENROLLING = "whileEnrolling";
    public static final RiskLoaConfig DEFAULTS = new RiskLoaConfig(RiskLevel.MEDIUM, 2, true);

    public static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(LEVEL).label("Minimum risk level").type(ProviderConfigProperty.LIST_TYPE)
            .options(RiskLevel.MEDIUM.name(), RiskLevel.HIGH.name(), RiskLevel.LOW.name())
            .defaultValue(DEFAULTS.minimumLevel().name())
            .helpText("From this risk level up, the login must reach the level of authentication below, as if the"
                    + " application had asked for it with acr_values.").add()
            .property().name(LOA).label("Level of authentication").type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(Integer.toString(DEFAULTS.loa()))
            .helpText("The level (1-9) of the flow's 'Condition - Level of authentication' sub-flow that asks for the"
                    + " second factor.").add()
            .property().name(WHILE_ENROLLING).label("While typing rhythm is learnt").type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue("true")
            .helpText("Also raise the level while the user's typing rhythm is learnt, for users who have a second factor:"
                    + " put 'Vigil - learn typing rhythm' after the level sub-flows, and only typings of logins that"
                    + " passed the factor are learnt.").add()
            .build();

    /** Lenient: a missing or bad value falls back to its default. */
    public static RiskLoaConfig of(AuthenticatorConfigModel model) {
        Map<String, String> c = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        int loa = DEFAULTS.loa();
        try {
            loa = Math.max(1, Math.min(9, Integer.parseInt(c.getOrDefault(LOA, "2").trim())));
        } catch (NumberFormatException ignored) {
            // default
        }
        return new RiskLoaConfig(RiskLevel.parse(c.get(LEVEL)).orElse(DEFAULTS.minimumLevel()), loa,
                Boolean.parseBoolean(c.getOrDefault(WHILE_ENROLLING, "true")));
    }
}
