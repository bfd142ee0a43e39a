package dev.vigil.keycloak.authenticators.stepup;

import java.util.Optional;
import java.util.Set;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.RealmModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Whether, and how, the login in an authentication session passed a second factor the user already had:
 * Keycloak's OTP or WebAuthn executions that succeeded in this login (Keycloak keeps each execution's status in
 * the authentication session), or Vigil's e-mail code. Read by the guard and by anything that may only happen
 * after such a factor (typing-rhythm enrolment).
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
    }

    /** The Keycloak factor execution that succeeded earlier in this login, if any. */
    static Optional<String> keycloakFactorPassed(AuthenticationFlowContext context) {
        RealmModel realm = context.getRealm();
        return context.getAuthenticationSession().getExecutionStatus().entrySet().stream()
                .filter(e -> e.getValue() == AuthenticationSessionModel.ExecutionStatus.SUCCESS)
                .map(e -> realm.getAuthenticationExecutionById(e.getKey()))
                .filter(e -> e != null && e.getAuthenticator() != null)
                .map(AuthenticationExecutionModel::getAuthenticator)
                .filter(FACTOR_AUTHENTICATORS::contains)
                .findFirst();
    }
}
