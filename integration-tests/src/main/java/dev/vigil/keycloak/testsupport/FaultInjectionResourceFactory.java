package dev.vigil.keycloak.testsupport;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * TEST SUPPORT ONLY — deployed by the integration tests next to the Vigil jar, never shipped.
 * Lets a test break Vigil's storage for real ({@code /realms/{realm}/vigil-test-faults/...}) so that
 * failure handling is exercised against the real server and database, not a mock.
 */
public class FaultInjectionResourceFactory implements RealmResourceProviderFactory {

    public static final String ID = "vigil-test-faults";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new FaultInjectionResource(session);
            }

            @Override
            public void close() {
            }
        };
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
        return ID;
    }
}
