package dev.vigil.keycloak.riskengine;

import java.util.List;

import dev.vigil.keycloak.riskengine.scoring.ModelRegistry;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import dev.vigil.keycloak.riskengine.spi.RiskEngineFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

public class DefaultRiskEngineFactory implements RiskEngineFactory {

    public static final String PROVIDER_ID = "vigil-default";

    /** how often each node checks a realm's stored model version (seconds) */
    static final String MODEL_RECHECK = "model-recheck-seconds";

    private ModelRegistry registry;

    @Override
    public RiskEngine create(KeycloakSession session) {
        return new DefaultRiskEngine(session, registry);
    }

    @Override
    public void init(Config.Scope config) {
        registry = new ModelRegistry(config.getLong(MODEL_RECHECK, 30L) * 1000);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(MODEL_RECHECK).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(30)
                .helpText("How often (seconds) each node checks whether a realm's model was retrained elsewhere.")
                .add().build();
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
