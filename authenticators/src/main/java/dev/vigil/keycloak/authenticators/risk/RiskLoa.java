package dev.vigil.keycloak.authenticators.risk;

import dev.vigil.keycloak.authenticators.stepup.SecondFactors;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeDetector.Outcome;
import dev.vigil.keycloak.riskengine.keystroke.TypingRhythmSignal;
import dev.vigil.keycloak.riskengine.risk.RiskNotes;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * "Vigil - risk raises level of authentication": maps risk onto Keycloak's own step-up, levels of authentication.
 * Placed at the end of the level-1 sub-flow (after the password), it raises the level the login must reach to the
 * configured one when the risk is at least the configured level, exactly as an application asking for it with
 * {@code acr_values} or the {@code acr} claim would: Keycloak then runs the level-2 sub-flow (the user's own
 * second factor) and the tokens carry that level's {@code acr}. An application's own request is never lowered.
 * While a typing rhythm is learnt, a user who has a second factor is raised too, so that only typings of logins
 * that passed it are learnt ("Vigil - learn typing rhythm" after the level sub-flows).
 */
public final class RiskLoa implements Authenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        RiskLoaConfig config = RiskLoaConfig.of(context.getAuthenticatorConfig());
        if (context.getUser() != null && (LoginRisk.of(context).level().atLeast(config.minimumLevel())
                || config.whileEnrolling() && enrolling(context))) {
            AuthenticationSessionModel authSession = context.getAuthenticationSession();
            if (requested(authSession) < config.loa()) {
                authSession.setClientNote(Constants.REQUESTED_LEVEL_OF_AUTHENTICATION, Integer.toString(config.loa()));
            }
            authSession.setAuthNote(RiskNotes.LOA_NOTE, Integer.toString(config.loa()));
            context.getEvent().detail(RiskNotes.LOA_DETAIL, Integer.toString(config.loa()));
        }
        context.success();
    }

    /** The user's typing rhythm is being learnt and they have a factor to confirm the typings with. */
    private static boolean enrolling(AuthenticationFlowContext context) {
        return TypingRhythmSignal.of(context.getAuthenticationSession()).filter(o -> o == Outcome.ENROLLING).isPresent()
                && SecondFactors.has(context.getUser());
    }

    private static int requested(AuthenticationSessionModel authSession) {
        String note = authSession.getClientNote(Constants.REQUESTED_LEVEL_OF_AUTHENTICATION);
        try {
            return note == null ? Constants.NO_LOA : Integer.parseInt(note.trim());
        } catch (NumberFormatException e) {
            return Constants.NO_LOA;
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public boolean requiresUser() {
        return true;
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
