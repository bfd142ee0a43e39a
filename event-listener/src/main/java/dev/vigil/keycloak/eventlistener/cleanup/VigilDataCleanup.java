package dev.vigil.keycloak.eventlistener.cleanup;

import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Deletes Vigil's rows of a removed user or realm, inside the removal's own transaction, so that
 * removing a user removes their Vigil data or nothing at all.
 */
public class VigilDataCleanup implements ProviderEventListener {

    private static final Logger LOG = Logger.getLogger(VigilDataCleanup.class);

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof UserModel.UserRemovedEvent removed) {
            UserModel user = removed.getUser();
            RiskEngine engine = removed.getKeycloakSession().getProvider(RiskEngine.class);
            int rows = engine.loginEvents().deleteByUser(removed.getRealm().getId(), user.getId(), user.getUsername())
                    + engine.profiles().deleteByUser(removed.getRealm().getId(), user.getId());
            LOG.debugf("Removed %d Vigil rows of deleted user %s", rows, user.getId());
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            RiskEngine engine = removed.getKeycloakSession().getProvider(RiskEngine.class);
            int rows = engine.loginEvents().deleteByRealm(removed.getRealm().getId())
                    + engine.profiles().deleteByRealm(removed.getRealm().getId());
            engine.models().deleteByRealm(removed.getRealm().getId());
            LOG.debugf("Removed %d Vigil rows of deleted realm %s", rows, removed.getRealm().getName());
        }
    }
}
