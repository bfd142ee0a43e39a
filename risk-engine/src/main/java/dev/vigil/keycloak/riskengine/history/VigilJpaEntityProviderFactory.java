package dev.vigil.keycloak.riskengine.history;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Liquibase tracks Vigil's changesets in {@code DATABASECHANGELOG_VIGIL}, named after this id. */
public class VigilJpaEntityProviderFactory implements JpaEntityProviderFactory {

    public static final String PROVIDER_ID = "vigil";

    private static final VigilJpaEntityProvider INSTANCE = new VigilJpaEntityProvider();

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return INSTANCE;
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
