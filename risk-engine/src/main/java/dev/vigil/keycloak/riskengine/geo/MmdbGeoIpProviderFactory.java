package dev.vigil.keycloak.riskengine.geo;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * GeoIP from local MaxMind-format files the operator names: {@code --spi-vigil-geoip--mmdb--city-database=/path}
 * (a city or country database: GeoLite2/GeoIP2 City or Country, DB-IP, {@code @ip-location-db} city or country) and
 * {@code --spi-vigil-geoip--mmdb--asn-database=/path} (GeoLite2 ASN, DB-IP ASN, {@code @ip-location-db} ASN). The files
 * are shared by the node and followed ({@link MmdbFile}); without any, the geo signals are off (one INFO line at
 * start-up, and {@code GET …/vigil/settings} says so).
 */
public class MmdbGeoIpProviderFactory implements GeoIpProviderFactory {

    public static final String PROVIDER_ID = "mmdb";
    static final String CITY = "city-database";
    static final String ASN = "asn-database";
    private static final Logger LOG = Logger.getLogger(MmdbGeoIpProviderFactory.class);

    private final List<MmdbFile> files = new ArrayList<>();

    @Override
    public GeoIpProvider create(KeycloakSession session) {
        return new MmdbGeoIp(files);
    }

    @Override
    public void init(Config.Scope config) {
        for (String role : List.of(CITY, ASN)) {
            String path = config.get(role);
            if (path != null && !path.isBlank()) {
                files.add(new MmdbFile(role.replace("-database", ""), Path.of(path.trim())));
            }
        }
        if (files.isEmpty()) {
            LOG.info("Vigil GeoIP is off: no database configured (set --spi-vigil-geoip--mmdb--city-database and"
                    + " --spi-vigil-geoip--mmdb--asn-database to local .mmdb files); the country, ASN and travel"
                    + " signals stay silent");
        } else {
            files.forEach(MmdbFile::readable); // read now: problems show at start-up
        }
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(CITY).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Local .mmdb with country and coordinates (GeoLite2/GeoIP2 City or Country, DB-IP, or an"
                        + " @ip-location-db city/country file); re-read when it changes.").add()
                .property().name(ASN).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Local .mmdb with autonomous systems (GeoLite2 ASN, DB-IP ASN, or @ip-location-db ASN);"
                        + " re-read when it changes.").add()
                .build();
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

    /** The node's databases, as one provider per session sees them. */
    static final class MmdbGeoIp implements GeoIpProvider {
        private final List<MmdbFile> files;

        MmdbGeoIp(List<MmdbFile> files) {
            this.files = files;
        }

        @Override
        public Optional<GeoLocation> locate(String ip) {
            Optional<InetAddress> address = PublicAddress.of(ip);
            if (address.isEmpty() || files.isEmpty()) {
                return Optional.empty();
            }
            GeoLocation found = null;
            for (MmdbFile f : files) {
                Map<String, Object> record = f.lookup(address.get());
                GeoLocation g = GeoRecords.of(record);
                found = found == null ? g : found.or(g);
            }
            return Optional.ofNullable(found).filter(g -> g.country() != null || g.asn() != null || g.located());
        }

        @Override
        public boolean enabled() {
            return files.stream().anyMatch(MmdbFile::readable);
        }

        @Override
        public String status() {
            return files.isEmpty() ? "off: no database configured (README: GeoIP)"
                    : files.stream().map(MmdbFile::describe).collect(Collectors.joining("; "));
        }
    }
}
