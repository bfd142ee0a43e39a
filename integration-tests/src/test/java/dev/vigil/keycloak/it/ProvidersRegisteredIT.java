package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.info.ProviderRepresentation;
import org.keycloak.representations.info.SpiInfoRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

@KeycloakIntegrationTest(config = VigilServerConfig.class)
class ProvidersRegisteredIT {

    @InjectAdminClient
    Keycloak admin;

    @Test
    void serverInfoListsVigilProviders() {
        Map<String, SpiInfoRepresentation> spis = admin.serverInfo().getInfo().getProviders();

        assertThat(providers(spis, "eventsListener")).containsKey("vigil");
        assertThat(providers(spis, "jpa-entity-provider")).containsKey("vigil");
        assertThat(providers(spis, "admin-realm-restapi-extension")).containsKey("vigil");
        assertThat(providers(spis, "vigil-risk")).containsKey("vigil-default");
    }

    private static Map<String, ProviderRepresentation> providers(Map<String, SpiInfoRepresentation> spis, String spi) {
        assertThat(spis).as("SPIs known to the server").containsKey(spi);
        return spis.get(spi).getProviders();
    }
}
