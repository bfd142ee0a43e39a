package dev.vigil.keycloak.testsupport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Test-only event listener ({@code vigil-test-admin-events}): for every admin event Vigil emits, it looks from a
 * NEW transaction at what the event reports — the login row's recorded action, the user's enabled flag — and
 * keeps what it saw. An event sent before the scoring transaction committed sees none of it.
 */
public class AdminEventProbe implements EventListenerProvider {

    /** What a listener saw, per Vigil admin event received (this node only, reset with the server). */
    public record Seen(String resourcePath, String loginEventId, String committedAction, Boolean userEnabled) {
    }

    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

    private final KeycloakSessionFactory factory;

    AdminEventProbe(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    @Override
    public void onEvent(Event event) {
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getAuthDetails() == null || !"vigil".equals(event.getAuthDetails().getClientId())) {
            return;
        }
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        String loginId = details.get("login_event_id");
        String path = event.getResourcePath();
        String userId = path.split("/")[1];
        String realmId = event.getRealmId();
        String[] action = new String[1];
        Boolean[] enabled = new Boolean[1];
        KeycloakModelUtils.runJobInTransaction(factory, s -> {
            var realm = s.realms().getRealm(realmId);
            s.getContext().setRealm(realm);
            var em = s.getProvider(org.keycloak.connections.jpa.JpaConnectionProvider.class).getEntityManager();
            List<?> rows = em.createNativeQuery("SELECT ACTION_TAKEN FROM VIGIL_LOGIN_EVENT WHERE ID = ?1")
                    .setParameter(1, loginId).getResultList();
            action[0] = rows.isEmpty() || rows.get(0) == null ? null : rows.get(0).toString();
            var user = s.users().getUserById(realm, userId);
            enabled[0] = user == null ? null : user.isEnabled();
        });
        SEEN.add(new Seen(path, loginId, action[0], enabled[0]));
    }

    @Override
    public void close() {
    }

}
