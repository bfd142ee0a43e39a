package dev.vigil.keycloak.authenticators.keystroke;

import java.util.List;

import dev.vigil.keycloak.riskengine.keystroke.KeystrokeEnrolment;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeTemplate;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ModelValidationException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** "Set up typing rhythm" ({@value #PROVIDER_ID}); config: how many typings the page asks for. */
public class TypingRhythmSetupFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = "vigil-typing-rhythm-setup";
    static final String TYPINGS = "typings";
    static final int DEFAULT_TYPINGS = 10;

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property().name(TYPINGS).type(ProviderConfigProperty.INTEGER_TYPE).label("Typings")
            .helpText("How many times the user types the password to set up typing rhythm ("
                    + KeystrokeTemplate.MIN_SAMPLES + " to " + KeystrokeEnrolment.MAX_TYPINGS + ").")
            .defaultValue(DEFAULT_TYPINGS).add()
            .build();

    private static final TypingRhythmSetup SINGLETON = new TypingRhythmSetup();

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    /** The realm's configured count, or the default when unset or unreadable. */
    static int typings(RequiredActionConfigModel config) {
        try {
            int n = config == null ? DEFAULT_TYPINGS
                    : Integer.parseInt(config.getConfigValue(TYPINGS, String.valueOf(DEFAULT_TYPINGS)).trim());
            return Math.max(KeystrokeTemplate.MIN_SAMPLES, Math.min(KeystrokeEnrolment.MAX_TYPINGS, n));
        } catch (NumberFormatException e) {
            return DEFAULT_TYPINGS;
        }
    }

    @Override
    public String getDisplayText() {
        return "Set up typing rhythm";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return CONFIG;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        String value = model.getConfigValue(TYPINGS);
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= KeystrokeTemplate.MIN_SAMPLES && n <= KeystrokeEnrolment.MAX_TYPINGS) {
                return;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ModelValidationException("typings must be a whole number from " + KeystrokeTemplate.MIN_SAMPLES
                + " to " + KeystrokeEnrolment.MAX_TYPINGS + ", got " + value);
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
