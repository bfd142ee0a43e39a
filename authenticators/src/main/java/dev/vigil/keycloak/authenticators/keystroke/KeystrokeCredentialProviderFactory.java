package dev.vigil.keycloak.authenticators.keystroke;

import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

public class KeystrokeCredentialProviderFactory implements CredentialProviderFactory<KeystrokeCredentialProvider> {

    public static final String PROVIDER_ID = "vigil-keystroke";

    @Override
    public CredentialProvider<?> create(KeycloakSession session) {
        return new KeystrokeCredentialProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
