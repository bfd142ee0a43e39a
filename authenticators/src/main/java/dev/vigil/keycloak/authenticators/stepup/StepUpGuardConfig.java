package dev.vigil.keycloak.authenticators.stepup;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Settings of the "Vigil - step-up guard" execution, declared once here.
 *
 * @param withoutSecondFactor what a stepped-up user who has no second factor gets
 */
public record StepUpGuardConfig(Fallback withoutSecondFactor) {

    /** What happens to a stepped-up user with no OTP or WebAuthn credential. */
    public enum Fallback {
        /** a one-time code to the verified e-mail address on file (when the realm can send e-mail), else DENY */
        EMAIL_CODE,
        /** refuse the login with a message to contact the administrator */
        DENY
    }

    public static final String WITHOUT_SECOND_FACTOR = "withoutSecondFactor";
    public static final StepUpGuardConfig DEFAULTS = new StepUpGuardConfig(Fallback.EMAIL_CODE);

    public static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(WITHOUT_SECOND_FACTOR).label("Users without a second factor")
            .type(ProviderConfigProperty.LIST_TYPE).options(Fallback.EMAIL_CODE.name(), Fallback.DENY.name())
            .defaultValue(DEFAULTS.withoutSecondFactor().name())
            .helpText("A stepped-up user who has neither OTP nor WebAuthn is never offered to set one up (an attacker"
                    + " would enrol their own). EMAIL_CODE: a one-time code to the user's verified e-mail address, if the"
                    + " realm can send e-mail, else the login is denied. DENY: the login is denied.")
            .add()
            .build();

    /** Lenient: a missing or unknown value is the default. */
    public static StepUpGuardConfig of(AuthenticatorConfigModel model) {
        Map<String, String> c = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        try {
            return new StepUpGuardConfig(Fallback.valueOf(
                    c.getOrDefault(WITHOUT_SECOND_FACTOR, DEFAULTS.withoutSecondFactor().name()).trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return DEFAULTS;
        }
    }
}
