package dev.vigil.keycloak.riskengine.geo;

import java.util.Optional;

import org.keycloak.provider.Provider;

/**
 * The {@code vigil-geoip} SPI: locates an IP address from local databases, never over the network. Lookups never
 * throw: an address that is not a public IP literal, or that no database knows, is empty.
 */
public interface GeoIpProvider extends Provider {

    Optional<GeoLocation> locate(String ip);

    /** Whether any database is readable now. */
    boolean enabled();

    /** What is configured and readable, for the admin ("off: no database configured", "city: /path (…)"). */
    String status();

    @Override
    default void close() {
    }
}
