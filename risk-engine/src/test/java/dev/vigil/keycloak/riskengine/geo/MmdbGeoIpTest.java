package dev.vigil.keycloak.riskengine.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real reader on MaxMind's test databases (shared/data/geoip; skipped when absent). */
class MmdbGeoIpTest {

    static final String RELATIVE = "shared/data/geoip/";
    static final Path DIR = Stream.of("../../" + RELATIVE, "/work/" + RELATIVE)
            .map(Path::of).filter(p -> Files.isRegularFile(p.resolve("GeoIP2-City-Test.mmdb"))).findFirst().orElse(null);

    static Path data(String name) {
        Assumptions.assumeTrue(DIR != null, "GeoIP test databases not found (../../" + RELATIVE + ", /work/" + RELATIVE + ")");
        return DIR.resolve(name);
    }

    @Test
    void citiesCountriesAndAsnsOfPublicAddressesAndNothingForTheRest() {
        GeoIpProvider geo = new MmdbGeoIpProviderFactory.MmdbGeoIp(List.of(
                new MmdbFile("city", data("GeoIP2-City-Test.mmdb")), new MmdbFile("asn", data("GeoLite2-ASN-Test.mmdb"))));
        GeoLocation london = geo.locate("81.2.69.142").orElseThrow();
        assertThat(london.country()).isEqualTo("GB");
        assertThat(london.latitude()).isEqualTo(51.5142);
        assertThat(london.accuracyKm()).isEqualTo(10);
        assertThat(geo.locate("2001:218::1").orElseThrow().country()).isEqualTo("JP");
        GeoLocation telstra = geo.locate("1.128.0.1").orElseThrow();
        assertThat(telstra.asn()).isEqualTo(1221L);
        assertThat(telstra.asOrganization()).isEqualTo("Telstra Pty Ltd");
        for (String nothing : new String[] {"10.1.2.3", "127.0.0.1", "::1", "fe80::1", "192.168.0.9", "fd00::1",
                "not-an-ip", "999.1.1.1", "", null, "198.51.100.7", "x".repeat(100)}) {
            assertThat(geo.locate(nothing)).as(String.valueOf(nothing)).isEmpty();
        }
        assertThat(geo.enabled()).isTrue();
        assertThat(geo.status()).contains("city: ").contains("GeoIP2-City").contains("asn: ");
    }

    @Test
    void aReplacedFileIsReadAgainAndAMissingOneTurnsGeoOffUntilItIsBack(@TempDir Path dir) throws IOException,
            InterruptedException {
        Path file = dir.resolve("city.mmdb");
        Files.copy(data("GeoIP2-City-Test.mmdb"), file);
        GeoIpProvider geo = new MmdbGeoIpProviderFactory.MmdbGeoIp(List.of(new MmdbFile("city", file, 0)));
        assertThat(geo.locate("81.2.69.142").orElseThrow().country()).isEqualTo("GB");

        Files.delete(file);
        assertThat(geo.locate("81.2.69.142")).isEmpty();
        assertThat(geo.enabled()).isFalse();
        assertThat(geo.status()).contains("off, cannot read the file");

        Files.writeString(file, "not a database");
        assertThat(geo.locate("81.2.69.142")).isEmpty();
        assertThat(geo.status()).contains("off, not a readable MaxMind DB file");

        // an operator's update: a new file moved into place (here a country-only database)
        Path next = dir.resolve("next.mmdb");
        Files.copy(data("GeoLite2-Country-Test.mmdb"), next);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        GeoLocation again = geo.locate("81.2.69.142").orElseThrow();
        assertThat(again.country()).isEqualTo("GB");
        assertThat(again.located()).as("a country database has no coordinates").isFalse();
        assertThat(geo.status()).contains("GeoLite2-Country");
    }

    @Test
    void withoutADatabaseGeoIsOffAndSaysSo() {
        GeoIpProvider geo = new MmdbGeoIpProviderFactory.MmdbGeoIp(List.of());
        assertThat(geo.locate("81.2.69.142")).isEmpty();
        assertThat(geo.enabled()).isFalse();
        assertThat(geo.status()).startsWith("off: no database configured");
    }

    @Test
    void theFlatLayoutOfIpLocationDbReadsToo() {
        GeoLocation flat = GeoRecords.of(java.util.Map.of("country_code", "de", "latitude", "52.52", "longitude",
                "13.405", "autonomous_system_number", 3320L));
        assertThat(flat.country()).isEqualTo("DE");
        assertThat(flat.latitude()).isEqualTo(52.52);
        assertThat(flat.accuracyKm()).isEqualTo(GeoLocation.DEFAULT_ACCURACY_KM);
        assertThat(flat.asn()).isEqualTo(3320L);
        assertThat(GeoRecords.of(java.util.Map.of("country_code", "germany", "latitude", "999", "longitude", "1")))
                .extracting(GeoLocation::country, GeoLocation::latitude).containsExactly(null, null);
    }
}
