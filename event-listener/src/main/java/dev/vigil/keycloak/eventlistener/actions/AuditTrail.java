package dev.vigil.keycloak.eventlistener.actions;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

/**
 * Writes what Vigil did to a user as a Keycloak admin event (operation ACTION on {@code users/<id>},
 * auth client {@code vigil}), stored when the realm saves admin events and sent to the realm's event
 * listeners — where an auditor already looks. The stored event is part of the caller's transaction; the
 * listeners are told after it commits, once, and not at all when it rolls back.
 */
public final class AuditTrail {

    public static final String ACTOR_CLIENT = "vigil";
    private static final Logger LOG = Logger.getLogger(AuditTrail.class);

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
        boolean withDetails = realm.isAdminEventsDetailsEnabled();
        if (realm.isAdminEventsEnabled()) {
            // the event store writes in this transaction: the stored event commits, or rolls back, with the action
            EventStoreProvider store = session.getProvider(EventStoreProvider.class);
            if (store != null) {
                store.onEvent(event, withDetails);
            }
        }
        List<EventListenerProvider> listeners = realm.getEventsListenersStream()
                .map(id -> session.getProvider(EventListenerProvider.class, id))
                .filter(l -> l != null)
                .toList();
        if (listeners.isEmpty()) {
            return;
        }
        // listeners (webhooks, SIEM forwarders) hear of the action only once it has committed, exactly once;
        // an action rolled back with its transaction was never taken, and nobody is told it was
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                for (EventListenerProvider listener : listeners) {
                    try {
                        listener.onEvent(event, withDetails);
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "Vigil: event listener %s failed on admin event %s", listener.getClass().getName(),
                                event.getResourcePath());
                    }
                }
            }

            @Override
            protected void rollbackImpl() {
                // the action did not happen
            }
        });
    }
}
