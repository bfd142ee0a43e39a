package dev.vigil.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.vigil.keycloak.it.support.DemoUsers;
import dev.vigil.keycloak.it.support.RealmTokens;
import dev.vigil.keycloak.it.support.VigilApi;
import dev.vigil.keycloak.it.support.VigilServerConfig;
import org.apache.http.client.HttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
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
                    .users(DemoUsers.user("henry"), DemoUsers.user("iris"));
        }
    }
}
