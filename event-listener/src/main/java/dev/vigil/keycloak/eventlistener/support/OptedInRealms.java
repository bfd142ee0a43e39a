package dev.vigil.keycloak.eventlistener.support;

import java.util.List;

import dev.vigil.keycloak.eventlistener.VigilEventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** The realms that use Vigil (its event listener is on): the ones the scheduled tasks work for. */
public final class OptedInRealms {

    private OptedInRealms() {
    }

    /** Their ids, read once: each task then works on each realm in a transaction of its own. */
    public static List<String> ids(KeycloakSession session) {
        return session.realms().getRealmsStream()
                .filter(r -> r.getEventsListenersStream().anyMatch(VigilEventListenerProviderFactory.PROVIDER_ID::equals))
                .map(RealmModel::getId)
                .toList();
    }
}
