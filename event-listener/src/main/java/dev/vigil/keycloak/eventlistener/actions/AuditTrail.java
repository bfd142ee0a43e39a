package dev.vigil.keycloak.eventlistener.actions;

import java.util.Map;
import java.util.UUID;

import org.keycloak.common.util.Time;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

/**
 * Writes what Vigil did to a user as a Keycloak admin event (operation ACTION on {@code users/<id>},
 * auth client {@code vigil}), stored when the realm saves admin events and sent to the realm's event
 * listeners — where an auditor already looks.
 */
public final class AuditTrail {

    public static final String ACTOR_CLIENT = "vigil";

    private AuditTrail() {
    }

    public static void userAction(KeycloakSession session, RealmModel realm, String userId, String action,
            Map<String, String> details) {
        AdminEvent event = new AdminEvent();
        event.setId(UUID.randomUUID().toString());
        event.setTime(Time.currentTimeMillis());
        event.setRealmId(realm.getId());
        event.setRealmName(realm.getName());
        AuthDetails auth = new AuthDetails();
        auth.setRealmId(realm.getId());
        auth.setRealmName(realm.getName());
        auth.setClientId(ACTOR_CLIENT);
        event.setAuthDetails(auth);
        event.setOperationType(OperationType.ACTION);
        event.setResourceTypeAsString("USER");
        event.setResourcePath("users/" + userId + "/vigil/" + action);
        try {
            event.setRepresentation(JsonSerialization.writeValueAsString(details));
        } catch (java.io.IOException e) {
            event.setRepresentation("{}");
        }
        event.setDetails(details);
        if (realm.isAdminEventsEnabled()) {
            EventStoreProvider store = session.getProvider(EventStoreProvider.class);
            if (store != null) {
                store.onEvent(event, realm.isAdminEventsDetailsEnabled());
            }
        }
        realm.getEventsListenersStream()
                .map(id -> session.getProvider(EventListenerProvider.class, id))
                .filter(l -> l != null)
                .forEach(l -> l.onEvent(event, realm.isAdminEventsDetailsEnabled()));
    }
}
