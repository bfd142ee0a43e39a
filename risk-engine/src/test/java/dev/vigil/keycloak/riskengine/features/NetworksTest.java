package dev.vigil.keycloak.riskengine.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetworksTest {

    @Test
    void prefixes() {
        assertThat(Networks.prefixOf("198.51.100.77")).isEqualTo("198.51.100.0/24");
        assertThat(Networks.prefixOf("2001:db8:abcd:12::1")).isEqualTo("2001:db8:abcd::/48");
        assertThat(Networks.prefixOf("::ffff:10.1.2.3")).isEqualTo("10.1.2.0/24");
        assertThat(Networks.prefixOf("999.1.1.1")).isNull();
        assertThat(Networks.prefixOf("example.org")).isNull();
        assertThat(Networks.prefixOf(null)).isNull();
    }

    @Test
    void userAgentFamiliesIgnoreVersions() {
        String chrome120 = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
        String chrome131 = chrome120.replace("120.0", "131.0");
        assertThat(UserAgents.family(chrome120)).isEqualTo("Chrome/Windows").isEqualTo(UserAgents.family(chrome131));
        assertThat(UserAgents.family("curl/8.4.0")).isEqualTo("curl");
        assertThat(UserAgents.family("Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"))
                .isEqualTo("Firefox/Linux");
        assertThat(UserAgents.family(null)).isEqualTo("unknown");
    }
}
