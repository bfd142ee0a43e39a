package dev.vigil.keycloak.bench.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.maxmind.db.Reader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("unchecked")
class AsnDatabaseTest {

    @Test
    void rangesBecomeExactBlocks() {
        assertThat(AsnDatabase.cidrs(AsnDatabase.ipv4("1.0.4.0"), AsnDatabase.ipv4("1.0.7.255"))).containsExactly("1.0.4.0/22");
        assertThat(AsnDatabase.cidrs(AsnDatabase.ipv4("10.0.0.1"), AsnDatabase.ipv4("10.0.0.6")))
                .containsExactly("10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32");
        assertThat(AsnDatabase.fields("1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\""))
                .containsExactly("1.0.0.0", "1.0.0.255", "13335", "Cloudflare, Inc.");
    }

    @Test
    void theWrittenDatabaseAnswersWithTheRangesAutonomousSystem(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("asn-ipv4.csv");
        Files.writeString(csv, "1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\"\n1.0.4.0,1.0.7.255,38803,Gtelecom Pty Ltd\n"
                + "1.0.5.0,1.0.5.9,1,overlapping\nnot,a,line\n");
        Path out = dir.resolve("asn.mmdb");
        AsnDatabase.main(new String[] {csv.toString(), out.toString()});
        try (Reader reader = new Reader(new File(out.toString()))) {
            Map<String, Object> r = reader.get(InetAddress.getByName("1.0.6.7"), Map.class);
            assertThat(r).containsEntry("autonomous_system_organization", "Gtelecom Pty Ltd");
            assertThat(((Number) r.get("autonomous_system_number")).longValue()).isEqualTo(38803L);
            Map<String, Object> cloudflare = reader.get(InetAddress.getByName("1.0.0.9"), Map.class);
            assertThat(cloudflare).containsEntry("autonomous_system_organization", "Cloudflare, Inc.");
            assertThat(reader.get(InetAddress.getByName("1.0.3.1"), Map.class)).isNull();
        }
    }
}
