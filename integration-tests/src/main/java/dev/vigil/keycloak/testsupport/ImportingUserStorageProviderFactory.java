package dev.vigil.keycloak.testsupport;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.storage.UserStorageProvider;
import org.keycloak.storage.UserStorageProviderFactory;

/**
 * TEST SUPPORT ONLY — a user-federation provider that owns imported users and nothing else: users whose
 * federation link points at one of its components are local users Keycloak deletes, without the per-user
 * removal event, when the component is removed (as with LDAP or Kerberos, without their servers).
 */
public class ImportingUserStorageProviderFactory implements UserStorageProviderFactory<ImportingUserStorageProviderFactory.Provider> {

    public static final String ID = "vigil-test-importing-storage";

    @Override
    public Provider create(KeycloakSession session, ComponentModel model) {
        return new Provider();
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return "Vigil integration tests only";
    }

    /** Offers no lookup, no credentials: the imported users' own local data is used as is. */
    public static class Provider implements UserStorageProvider {
        @Override
        public void close() {
        }
    }
}
