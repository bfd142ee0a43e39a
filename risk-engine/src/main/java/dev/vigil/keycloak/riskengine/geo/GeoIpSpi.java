package dev.vigil.keycloak.riskengine.geo;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** {@value #NAME}: where Vigil's risk signals learn an IP's country, ISP and coarse location. */
public class GeoIpSpi implements Spi {

    public static final String NAME = "vigil-geoip";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return GeoIpProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return GeoIpProviderFactory.class;
    }
}
