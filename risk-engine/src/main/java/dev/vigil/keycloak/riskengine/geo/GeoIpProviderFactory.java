package dev.vigil.keycloak.riskengine.geo;

import org.keycloak.provider.ProviderFactory;

public interface GeoIpProviderFactory extends ProviderFactory<GeoIpProvider> {
}
