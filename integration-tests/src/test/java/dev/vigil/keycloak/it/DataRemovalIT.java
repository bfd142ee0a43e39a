package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.vigil.keycloak.it.support.DemoUsers;
import dev.vigil.keycloak.it.support.RealmTokens;
import dev.vigil.keycloak.it.support.VigilApi;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import org.apache.http.client.HttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.util.ApiUtil;
import org.keycloak.testframework.admin.AdminClientFactory;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectAdminClientFactory;
import org.keycloak.testframework.annotations.InjectHttpClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.server.KeycloakUrls;

/** Removing a user or a realm removes Vigil's rows for it. */
@KeycloakIntegrationTest(config = VigilServerConfig.class)
class DataRemovalIT {

    static final String REALM = "vigil-removal";
    static final String DOOMED = "vigil-doomed";

    @InjectRealm(config = RemovalRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectAdminClientFactory
    AdminClientFactory adminClients;

    @InjectHttpClient
    HttpClient http;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    VigilApi api;

    @BeforeEach
    void setUp() {
        api = new VigilApi(http, urls);
    }

    @Test
    void deletingAUserDeletesTheirRowsAndOnlyTheirs() {
        RealmTokens.of(adminClients, REALM, "henry");
        RealmTokens.of(adminClients, REALM, "henry");
        RealmTokens.of(adminClients, REALM, "iris");
        String henryId = realm.admin().users().search("henry", true).get(0).getId();
        String irisId = realm.admin().users().search("iris", true).get(0).getId();
        String realmId = realm.admin().toRepresentation().getId();
        assertThat(api.loginEvents(REALM, token(), "user=" + henryId)).hasSize(2);
        api.awaitScoredLogin(REALM, token(), "henry", 20_000);
        api.awaitScoredLogin(REALM, token(), "iris", 20_000);
        assertThat(api.profiles(token(), realmId, henryId)).as("scoring keeps a profile of the user").isEqualTo(1);

        realm.admin().users().delete(henryId).close();

        assertThat(api.loginEvents(REALM, token(), "user=" + henryId)).isEmpty();
        assertThat(api.loginEvents(REALM, token(), "user=henry")).isEmpty();
        assertThat(api.profiles(token(), realmId, henryId)).isZero();
        assertThat(api.loginEvents(REALM, token(), "user=iris")).hasSize(1);
        assertThat(api.profiles(token(), realmId, irisId)).isEqualTo(1);
    }

    @Test
    void deletingARealmDeletesItsRows() {
        createDoomedRealm(true);
        try {
            RealmTokens.of(adminClients, DOOMED, "jack");
            assertThat(api.loginEvents(DOOMED, token(), null)).hasSize(1);
            api.awaitScoredLogin(DOOMED, token(), "jack", 20_000);
            assertThat(api.profiles(token(), DOOMED, null)).isEqualTo(1);

            admin.realm(DOOMED).remove();
            // same id again: rows left behind by the old realm would show up here
            createDoomedRealm(false);
            List<?> rows = api.loginEvents(DOOMED, token(), null);
            assertThat(rows).isEmpty();
            assertThat(api.profiles(token(), DOOMED, null)).isZero();
        } finally {
            admin.realm(DOOMED).remove();
        }
    }

    /**
     * Removing a user-federation provider deletes its imported users without the per-user removal event
     * (JpaUserProvider.preRemove → removeImportedUsers): the retention task's orphan sweep removes their rows
     * at its next run.
     */
    @Test
    void removingAFederationProviderRemovesTheRowsOfItsImportedUsers() {
        String realmId = realm.admin().toRepresentation().getId();
        ComponentRepresentation storage = new ComponentRepresentation();
        storage.setName("vigil-test-federation");
        storage.setProviderId("vigil-test-importing-storage");
        storage.setProviderType("org.keycloak.storage.UserStorageProvider");
        storage.setParentId(realmId);
        String componentId;
        try (Response created = realm.admin().components().add(storage)) {
            assertThat(created.getStatus()).isEqualTo(201);
            componentId = ApiUtil.getCreatedId(created);
        }
        UserRepresentation imported = DemoUsers.user("nora").build();
        imported.setFederationLink(componentId);
        String noraId;
        try (Response created = realm.admin().users().create(imported)) {
            assertThat(created.getStatus()).isEqualTo(201);
            noraId = ApiUtil.getCreatedId(created);
        }
        assertThat(realm.admin().users().get(noraId).toRepresentation().getFederationLink()).isEqualTo(componentId);
        RealmTokens.of(adminClients, REALM, "nora");
        api.awaitScoredLogin(REALM, token(), "nora", 20_000);
        RealmTokens.of(adminClients, REALM, "olga");
        assertThat(rows(realmId, noraId)).isEqualTo(1);
        assertThat(api.profiles(token(), realmId, noraId)).isEqualTo(1);

        realm.admin().components().component(componentId).remove();
        assertThat(realm.admin().users().search("nora", true)).as("Keycloak removed the imported user").isEmpty();

        // the retention task (every 5 s on the test server, VigilServerConfig) sweeps the orphans
        long end = System.currentTimeMillis() + 30_000;
        while ((rows(realmId, noraId) > 0 || api.profiles(token(), realmId, noraId) > 0)
                && System.currentTimeMillis() < end) {
            sleep(250);
        }
        assertThat(rows(realmId, noraId)).isZero();
        assertThat(api.profiles(token(), realmId, noraId)).isZero();
        assertThat(api.loginEvents(REALM, token(), "user=olga")).as("other users keep their rows").isNotEmpty();
    }

    @Test
    void aRemovedReviewersNameLeavesTheirVerdictsAndTheVerdictsStay() {
        RealmTokens.of(adminClients, REALM, "paul");
        JsonNode login = api.awaitScoredLogin(REALM, token(), "paul", 20_000);
        UserRepresentation reviewer = DemoUsers.user("rita").build();
        String ritaId;
        try (Response created = realm.admin().users().create(reviewer)) {
            ritaId = ApiUtil.getCreatedId(created);
        }
        var realmManagement = realm.admin().clients().findByClientId("realm-management").get(0);
        realm.admin().users().get(ritaId).roles().clientLevel(realmManagement.getId())
                .add(List.of(realm.admin().clients().get(realmManagement.getId()).roles().get("realm-admin").toRepresentation()));
        String ritaToken = RealmTokens.of(adminClients, REALM, "rita");
        String id = login.path("id").asText();
        assertThat(api.post(REALM, ritaToken, "login-events/" + id + "/feedback", "{\"feedback\":\"safe\"}").status())
                .isEqualTo(200);
        assertThat(api.get(REALM, token(), "login-events/" + id).json().path("login").path("feedbackBy").asText()).isEqualTo("rita");

        realm.admin().users().delete(ritaId).close();

        JsonNode after = api.get(REALM, token(), "login-events/" + id).json().path("login");
        assertThat(after.path("feedbackBy").asText()).isEqualTo("(removed user)");
        assertThat(after.path("feedback").asText()).isEqualTo("SAFE");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private long rows(String realmId, String userId) {
        return Long.parseLong(api.faultText(token(), "login-rows?realm=" + realmId + "&user=" + userId).trim());
    }

    private void createDoomedRealm(boolean withUser) {
        RealmRepresentation rep = RealmBuilder.create().name(DOOMED).sslRequired("none")
                .eventsListeners("vigil").build();
        rep.setId(DOOMED);
        rep.setEnabled(true);
        if (withUser) {
            rep.setUsers(List.of(DemoUsers.user("jack").build()));
        }
        admin.realms().create(rep);
    }

    private String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    static class RemovalRealm implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder r) {
            return r.name(REALM).sslRequired("none").eventsListeners("vigil")
                    .users(DemoUsers.user("henry"), DemoUsers.user("iris"), DemoUsers.user("olga"), DemoUsers.user("paul"));
        }
    }
}
