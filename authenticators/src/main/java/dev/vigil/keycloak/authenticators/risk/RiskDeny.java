package dev.vigil.keycloak.authenticators.risk;

import dev.vigil.keycloak.riskengine.metrics.VigilMetrics;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import dev.vigil.keycloak.authenticators.keystroke.TypingRhythmForm;
import dev.vigil.keycloak.riskengine.keystroke.TypingRhythmSignal;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

/**
 * "Vigil - deny risky login": refuses the login with exactly the answer a wrong password gets — the login page with
 * "Invalid username or password." in a browser, HTTP 400 {@code invalid_grant} "Invalid user credentials" at the
 * token endpoint — so that whoever tries a password cannot tell a right one that was denied from a wrong one. Only
 * the event's error ({@value #ERROR}), which admins see, says why. Every later attempt in the same login page is
 * refused the same way. Place it behind "Vigil - login risk" ≥ HIGH.
 */
public final class RiskDeny implements Authenticator {

    static final String ERROR = dev.vigil.keycloak.riskengine.risk.VigilEventErrors.HIGH_RISK;
    /** Keycloak's own answer to wrong credentials at the token endpoint */
    static final String GRANT_DESCRIPTION = "Invalid user credentials";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (context.getUser() != null) {
            LoginRisk.of(context);
            context.getEvent().user(context.getUser());
        }
        context.getEvent().error(ERROR);
        VigilMetrics.denied(context.getRealm().getName(), ERROR);
        if (isTokenRequest(context)) {
            // Keycloak 26.7's direct-grant password check answers a wrong password exactly so (ValidatePassword)
            context.failure(AuthenticationFlowError.INVALID_USER, Response.status(Response.Status.BAD_REQUEST)
                    .entity(new OAuth2ErrorRepresentation("invalid_grant", GRANT_DESCRIPTION))
                    .type(MediaType.APPLICATION_JSON_TYPE).build());
            return;
        }
        boolean typingForm = TypingRhythmSignal.of(context.getAuthenticationSession()).isPresent();
        // as a wrong password leaves it: no user on the login any more, then the page (it shows no "restart login")
        context.clearUser();
        Response page = typingForm ? new TypingRhythmForm(context.getSession()).invalidCredentialsPage(context)
                : new StockPage(context.getSession()).invalidCredentialsPage(context);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // the denied login page was submitted again: refused again, the same way
        authenticate(context);
    }

    private static boolean isTokenRequest(AuthenticationFlowContext context) {
        return context.getHttpRequest() != null && context.getHttpRequest().getUri() != null
                && context.getHttpRequest().getUri().getPath().endsWith("/token");
    }

    /** Keycloak's own username/password page, as its form answers a wrong password. */
    private static final class StockPage extends UsernamePasswordForm {
        StockPage(KeycloakSession session) {
            super(session);
        }

        Response invalidCredentialsPage(AuthenticationFlowContext context) {
            AuthenticatorUtils.setupReauthenticationInUsernamePasswordFormError(context);
            return challenge(context, getDefaultChallengeMessage(context), "password");
        }
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
