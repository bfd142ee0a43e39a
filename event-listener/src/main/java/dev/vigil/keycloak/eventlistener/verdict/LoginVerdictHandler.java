package dev.vigil.keycloak.eventlistener.verdict;

import java.util.Locale;

import dev.vigil.keycloak.eventlistener.VigilEventListenerProviderFactory;
import dev.vigil.keycloak.riskengine.actions.CompromisedAccount;
import dev.vigil.keycloak.riskengine.features.UserAgents;
import dev.vigil.keycloak.riskengine.history.Feedback;
import dev.vigil.keycloak.riskengine.history.StoredLogin;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.actiontoken.AbstractActionTokenHandler;
import org.keycloak.authentication.actiontoken.ActionTokenContext;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.Urls;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionCompoundId;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Follows a verdict link of the new-device e-mail. The first visit (a browser without the link's authentication
 * session: the user's, or a mail scanner fetching links) only shows what the link will do and a confirmation link,
 * as Keycloak's own e-mail verification does; the confirmation, from the same browser, acts once:
 * <ul>
 *   <li>"This wasn't me" ({@code compromised}): every session of the user ends, their trusted devices lose that
 *   trust, a new password is required at the next sign-in, the login is marked compromised (as reported by the
 *   user) and the realm's admins are alerted;</li>
 *   <li>"Yes, it was me" ({@code safe}): the login is marked safe, unless it was already found compromised (a user's
 *   "safe" never clears that).</li>
 * </ul>
 * The token is single use (Keycloak's revoked-token store, which the action-token endpoint also checks) and expires.
 */
public class LoginVerdictHandler extends AbstractActionTokenHandler<LoginVerdictToken> {

    private static final Logger LOG = Logger.getLogger(LoginVerdictHandler.class);
    /** {@code feedbackBy} of a verdict the user gave through the e-mail, before their username */
    public static final String BY_USER = "user:";

    public LoginVerdictHandler() {
        super(LoginVerdictToken.TOKEN_TYPE, LoginVerdictToken.class, Messages.INVALID_REQUEST,
                EventType.EXECUTE_ACTION_TOKEN, "invalid_request");
    }

    /** Single use is enforced when the verdict is given, not when the confirmation page is shown. */
    @Override
    public boolean canUseTokenRepeatedly(LoginVerdictToken token, ActionTokenContext<LoginVerdictToken> context) {
        return true;
    }

    @Override
    public Response handleToken(LoginVerdictToken token, ActionTokenContext<LoginVerdictToken> context) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = authSession.getAuthenticatedUser();
        EventBuilder event = context.getEvent().detail("vigil_login", String.valueOf(token.loginId()))
                .detail("vigil_verdict", String.valueOf(token.verdict()));
        LoginFormsProvider forms = session.getProvider(LoginFormsProvider.class).setAuthenticationSession(authSession)
                .setUser(user);
        boolean compromised = LoginVerdictToken.COMPROMISED.equals(token.verdict());
        StoredLogin login = token.loginId() == null ? null
                : session.getProvider(RiskEngine.class).loginEvents().find(realm.getId(), token.loginId())
                        .filter(l -> user.getId().equals(l.login().userId())).orElse(null);
        if (login == null || !(compromised || LoginVerdictToken.SAFE.equals(token.verdict()))) {
            event.error("vigil_unknown_login");
            return forms.setError("vigilVerdictUnknownLogin").createErrorPage(Response.Status.BAD_REQUEST);
        }
        String kind = compromised ? "notMe" : "wasMe";
        String when = new java.text.SimpleDateFormat("yyyy-MM-dd HH:mm z", Locale.ROOT)
                .format(new java.util.Date(login.login().time()));
        String device = UserAgents.family(login.login().userAgent());
        String ip = String.valueOf(login.login().ipAddress());

        if (session.revokedTokens().contains(token.serializeKey())) {
            event.error("vigil_link_used");
            return forms.setError("vigilVerdictLinkUsed").createErrorPage(Response.Status.BAD_REQUEST);
        }
        if (context.isAuthenticationSessionFresh()) {
            token.setCompoundAuthenticationSessionId(AuthenticationSessionCompoundId.fromAuthSession(authSession)
                    .getEncodedId());
            String confirm = Urls.actionTokenBuilder(context.getUriInfo().getBaseUri(),
                    token.serialize(session, realm, context.getUriInfo()), authSession.getClient().getClientId(),
                    authSession.getTabId(), AuthenticationProcessor.getClientData(session, authSession))
                    .build(realm.getName()).toString();
            return forms.setAttribute("messageHeader", forms.getMessage("vigilVerdictConfirmHeader." + kind))
                    .setInfo("vigilVerdictConfirm." + kind, when, device, ip)
                    .setAttribute(Constants.TEMPLATE_ATTR_ACTION_URI, confirm)
                    .createInfoPage();
        }

        long ttl = Math.max(1, token.getExp() - Time.currentTime()) + 60;
        if (!session.revokedTokens().put(token.serializeKey(), ttl)) {
            event.error("vigil_link_used");
            return forms.setError("vigilVerdictLinkUsed").createErrorPage(Response.Status.BAD_REQUEST);
        }
        if (!compromised && login.feedback() == Feedback.COMPROMISED) {
            event.error("vigil_already_compromised");
            return forms.setAttribute(Constants.SKIP_LINK, true).setInfo("vigilVerdictAlreadyCompromised")
                    .createInfoPage();
        }
        String by = BY_USER + user.getUsername();
        session.getProvider(RiskEngine.class).loginEvents().feedback(realm.getId(), login.login().id(),
                compromised ? Feedback.COMPROMISED : Feedback.SAFE, by, Time.currentTimeMillis());
        if (compromised) {
            CompromisedAccount.Secured secured = CompromisedAccount.secure(session, realm, user);
            user.addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
            event.detail("vigil_sessions_ended", Integer.toString(secured.sessions()));
            alertAdmins(session, realm, login);
        }
        event.success();
        return forms.setAttribute(Constants.SKIP_LINK, true)
                .setAttribute("messageHeader", forms.getMessage("vigilVerdictDoneHeader." + kind))
                .setSuccess("vigilVerdictDone." + kind).createInfoPage();
    }

    private static void alertAdmins(KeycloakSession session, RealmModel realm, StoredLogin login) {
        var factory = session.getKeycloakSessionFactory().getProviderFactory(EventListenerProvider.class,
                VigilEventListenerProviderFactory.PROVIDER_ID);
        if (factory instanceof VigilEventListenerProviderFactory vigil && vigil.scoring() != null) {
            vigil.scoring().alertUserReport(realm.getId(), login.login().id());
        } else {
            LOG.warnf("Vigil could not alert the admins of realm %s about a login its user reported", realm.getName());
        }
    }
}
