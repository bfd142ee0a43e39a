package dev.vigil.keycloak.authenticators.stepup;

import java.util.Optional;
import java.util.Set;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Whether, and how, the login in an authentication session passed a second factor the user already had:
 * Keycloak's OTP or WebAuthn executions that succeeded in this login (Keycloak keeps each execution's status in
 * the authentication session), or Vigil's e-mail code. Read by the guard and by anything that may only happen
 * after such a factor (typing-rhythm enrolment). A factor that passed is also left on the user session that the
 * login creates, so that an application-initiated action shortly after (set up typing rhythm, from an SSO cookie
 * without a new login) knows the session was established with it.
 */
public final class StepUpState {

    /** auth-session note: the factor that passed ({@code otp}, {@code webauthn}, {@code email}) */
    public static final String PASSED_NOTE = "vigil.stepup.passed";
    /** Keycloak authenticators that verify a credential the user already has (they never set one up) */
    static final Set<String> FACTOR_AUTHENTICATORS = Set.of("auth-otp-form", "webauthn-authenticator",
            "webauthn-authenticator-passwordless", "auth-recovery-authn-code-form");

    private StepUpState() {
    }

    /** The factor this login passed, if any. */
    public static Optional<String> passed(AuthenticationSessionModel authSession) {
        return Optional.ofNullable(authSession.getAuthNote(PASSED_NOTE));
    }

    static void markPassed(AuthenticationSessionModel authSession, String factor) {
        authSession.setAuthNote(PASSED_NOTE, factor);
        authSession.setUserSessionNote(PASSED_NOTE, factor);
    }

    /**
     * The factor this login passed so far, Vigil's or Keycloak's, if any; a Keycloak factor found here is noted
     * ({@link #PASSED_NOTE}) so that it carries to the user session.
     */
    public static Optional<String> factorPassed(RealmModel realm, AuthenticationSessionModel authSession) {
        Optional<String> factor = passed(authSession).or(() -> keycloakFactorPassed(realm, authSession));
        factor.ifPresent(f -> markPassed(authSession, f));
        return factor;
    }

    /**
     * The factor this login, or the user session it continues (an SSO cookie, no new login), was established
     * with, if any.
     */
    public static Optional<String> factorPassedInSession(KeycloakSession session, RealmModel realm,
            AuthenticationSessionModel authSession) {
        return factorPassed(realm, authSession).or(() -> {
            UserSessionModel userSession = authSession.getParentSession() == null ? null
                    : session.sessions().getUserSession(realm, authSession.getParentSession().getId());
            return userSession == null || authSession.getAuthenticatedUser() == null
                    || !userSession.getUser().getId().equals(authSession.getAuthenticatedUser().getId())
                    ? Optional.empty() : Optional.ofNullable(userSession.getNote(PASSED_NOTE));
        });
    }

    /** The Keycloak factor execution that succeeded earlier in this login, if any. */
    static Optional<String> keycloakFactorPassed(AuthenticationFlowContext context) {
        return keycloakFactorPassed(context.getRealm(), context.getAuthenticationSession());
    }

    private static Optional<String> keycloakFactorPassed(RealmModel realm, AuthenticationSessionModel authSession) {
        return authSession.getExecutionStatus().entrySet().stream()
                .filter(e -> e.getValue() == AuthenticationSessionModel.ExecutionStatus.SUCCESS)
                .map(e -> realm.getAuthenticationExecutionById(e.getKey()))
                .filter(e -> e != null && e.getAuthenticator() != null)
                .map(AuthenticationExecutionModel::getAuthenticator)
                .filter(FACTOR_AUTHENTICATORS::contains)
                .findFirst();
    }
}
