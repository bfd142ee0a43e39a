package dev.vigil.keycloak.authenticators.risk;

import dev.vigil.keycloak.riskengine.metrics.VigilMetrics;
import java.util.Map;

import dev.vigil.keycloak.riskengine.spray.SprayCheck;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.Details;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * "Vigil - password-spray guard": refuses a sign-in from a network that failed against many different accounts
 * lately ({@link SprayCheck}), before any password is checked, with HTTP 429 and one message whatever the
 * password. Put it first in the direct-grant flow (each token request runs it) and in browser flows that use
 * Keycloak's own username/password form; Vigil's typing-rhythm form runs the same check before every password it
 * checks, so in its flows the guard execution is not needed. Off in realms whose {@code sprayAccounts} is 0.
 */
public class PasswordSprayGuard implements Authenticator {

    static final String ERROR = dev.vigil.keycloak.riskengine.risk.VigilEventErrors.PASSWORD_SPRAY;
    static final String MESSAGE = "vigilSprayRefused";
    static final String DESCRIPTION = "Too many failed sign-ins from your network. Try again later.";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String username = form == null ? null : form.getFirst(OAuth2Constants.USERNAME);
        if (username != null && isTokenRequest(context) && username.chars().anyMatch(Character::isISOControl)) {
            // no account has such a name, and PostgreSQL refuses a NUL in the lookup that follows (a 500 from
            // Keycloak's own username check): answered here as Keycloak answers an unknown user
            context.getEvent().error(org.keycloak.events.Errors.USER_NOT_FOUND);
            context.failure(AuthenticationFlowError.INVALID_USER, Response.status(Response.Status.BAD_REQUEST)
                    .entity(Map.of("error", "invalid_grant", "error_description", RiskDeny.GRANT_DESCRIPTION))
                    .type(MediaType.APPLICATION_JSON_TYPE).build());
            return;
        }
        if (!refusedAndAnswered(context, username)) {
            context.success();
        }
    }

    /**
     * Runs the check for an attempt with {@code username} (may be null) and, when the network is refused, answers
     * the request (429, the event error {@value #ERROR}); true then, and the caller must stop.
     */
    public static boolean refusedAndAnswered(AuthenticationFlowContext context, String username) {
        SprayCheck.Verdict verdict = SprayCheck.check(context.getSession(), context.getRealm(),
                context.getConnection().getRemoteAddr(), username);
        if (!verdict.refused()) {
            return false;
        }
        if (username != null && username.length() <= 255) {
            context.getEvent().detail(Details.USERNAME, username);
        }
        context.getEvent().detail("vigil_network", verdict.network())
                .detail("vigil_failed_accounts", Long.toString(verdict.failedAccounts())).error(ERROR);
        VigilMetrics.denied(context.getRealm().getName(), ERROR);
        Response response = isTokenRequest(context)
                ? Response.status(Response.Status.TOO_MANY_REQUESTS).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(Map.of("error", "access_denied", "error_description", DESCRIPTION)).build()
                : context.form().setError(MESSAGE).createErrorPage(Response.Status.TOO_MANY_REQUESTS);
        context.failure(AuthenticationFlowError.ACCESS_DENIED, response);
        return true;
    }

    private static boolean isTokenRequest(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        return form != null && form.getFirst(OAuth2Constants.GRANT_TYPE) != null;
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
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
