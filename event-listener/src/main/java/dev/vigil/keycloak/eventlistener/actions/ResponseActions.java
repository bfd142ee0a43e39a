package dev.vigil.keycloak.eventlistener.actions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import dev.vigil.keycloak.riskengine.actions.SessionRevocation;
import dev.vigil.keycloak.riskengine.history.StoredLogin;
import dev.vigil.keycloak.riskengine.model.Reason;
import dev.vigil.keycloak.riskengine.settings.FlagAction;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Applies a realm's flag policy to one user (see {@link SessionRevocation} for what revocation does) and
 * leaves an admin event for auditors.
 */
public final class ResponseActions {

    private static final Logger LOG = Logger.getLogger(ResponseActions.class);

    private ResponseActions() {
    }

    /**
     * @return a description of what was done (or would have been, in dry run), e.g. {@code REVOKE_ALL_SESSIONS}
     */
    public static String apply(KeycloakSession session, RealmModel realm, StoredLogin login, FlagAction action,
            boolean dryRun) {
        if (action == FlagAction.NONE || login.login().userId() == null) {
            return FlagAction.NONE.name();
        }
        UserModel user = session.users().getUserById(realm, login.login().userId());
        if (user == null) {
            return "USER_GONE";
        }
        if (!dryRun) {
            switch (action) {
                case REVOKE_SESSION -> SessionRevocation.revokeSession(session, realm, login.login().sessionId());
                case REVOKE_ALL_SESSIONS -> SessionRevocation.revokeAll(session, realm, user);
                case DISABLE_USER -> {
                    SessionRevocation.revokeAll(session, realm, user);
                    user.setEnabled(false);
                }
                default -> {
                }
            }
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("login_event_id", login.login().id());
        details.put("score", String.valueOf(login.score()));
        details.put("dry_run", String.valueOf(dryRun));
        details.put("reasons", login.reasons().stream().map(Reason::feature).collect(Collectors.joining(",")));
        AuditTrail.userAction(session, realm, user.getId(), action.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), details);
        LOG.infof("Vigil %s %s for user %s in realm %s (login %s, score %.3f)", dryRun ? "would apply" : "applied",
                action, user.getUsername(), realm.getName(), login.login().id(), login.score());
        return action.name();
    }
}
