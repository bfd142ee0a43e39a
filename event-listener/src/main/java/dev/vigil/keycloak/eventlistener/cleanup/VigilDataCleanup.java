package dev.vigil.keycloak.eventlistener.cleanup;

import dev.vigil.keycloak.riskengine.device.TrustedDevices;
import dev.vigil.keycloak.riskengine.history.RealmSecrets;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Deletes Vigil's rows of a removed user or realm, inside the removal's own transaction, so that
 * removing a user removes their Vigil data or nothing at all. A removed user's name is also taken off the
 * verdicts they gave as a reviewer (the verdicts stay). Users removed without this event (those of a removed
 * user-federation provider) are caught by the orphan sweep of the retention task.
 */
public class VigilDataCleanup implements ProviderEventListener {

    /** what a removed reviewer's name is replaced with */
    public static final String REMOVED_REVIEWER = "(removed user)";
    private static final Logger LOG = Logger.getLogger(VigilDataCleanup.class);

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof UserModel.UserRemovedEvent removed) {
            UserModel user = removed.getUser();
            RealmModel realm = removed.getRealm();
            RiskEngine engine = removed.getKeycloakSession().getProvider(RiskEngine.class);
            int rows = engine.loginEvents().deleteByUser(realm.getId(), user.getId(), user.getUsername())
                    + engine.profiles().deleteByUser(realm.getId(), user.getId())
                    + TrustedDevices.revokeAll(removed.getKeycloakSession(), realm.getId(), user.getId());
            if (user.getUsername() != null) {
                // an admin of the master realm reviews the logins of every realm
                rows += engine.loginEvents().replaceFeedbackBy(
                        Config.getAdminRealm().equals(realm.getName()) ? null : realm.getId(), user.getUsername(),
                        REMOVED_REVIEWER);
            }
            LOG.debugf("Removed %d Vigil rows of deleted user %s", rows, user.getId());
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            RiskEngine engine = removed.getKeycloakSession().getProvider(RiskEngine.class);
            int rows = engine.loginEvents().deleteByRealm(removed.getRealm().getId())
                    + engine.profiles().deleteByRealm(removed.getRealm().getId())
                    + TrustedDevices.deleteByRealm(removed.getKeycloakSession(), removed.getRealm().getId());
            engine.models().deleteByRealm(removed.getRealm().getId());
            RealmSecrets.delete(removed.getKeycloakSession(), removed.getRealm().getId());
            LOG.debugf("Removed %d Vigil rows of deleted realm %s", rows, removed.getRealm().getName());
        }
    }
}
