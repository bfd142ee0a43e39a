package dev.vigil.keycloak.authenticators.trust;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** Factory of {@link TrustDeviceOffer}; the term of trust is the realm's {@code vigil.risk.trustedDeviceDays}. */
public class TrustDeviceOfferFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "vigil-trust-device";
    private static final TrustDeviceOffer SINGLETON = new TrustDeviceOffer();

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getDisplayType() {
        return "Vigil - offer to trust this device";
    }

    @Override
    public String getHelpText() {
        return "After a second factor the user already had, asks once whether to trust this browser for the realm's"
                + " trustedDeviceDays (Vigil settings): a trusted browser lowers the login risk instead of counting as a new"
                + " device. Place it after the second factor, e.g. last in the level-2 sub-flow.";
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
