package dev.vigil.keycloak.riskengine.spi;

import org.keycloak.provider.ProviderFactory;

public interface RiskEngineFactory extends ProviderFactory<RiskEngine> {
}
