package dev.vigil.keycloak.authenticators.keystroke;

import java.util.Optional;

import dev.vigil.keycloak.authenticators.stepup.StepUpState;
import dev.vigil.keycloak.riskengine.keystroke.TypingRhythmSignal;
import dev.vigil.keycloak.riskengine.risk.RiskNotes;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * "Vigil - learn typing rhythm": stores what the typing-rhythm form learnt in this login (see
 * {@link PendingTemplate}) only when the login passed a second factor the user already had — Keycloak's OTP or
 * WebAuthn earlier in the flow, or Vigil's e-mail code. Otherwise nothing is learnt. It never fails or challenges;
 * it also puts the typing outcome on the LOGIN event, which a second-factor step makes come from a later request.
 */
public class TypingRhythmLearn implements Authenticator {

    /** LOGIN event detail: {@code learnt}, or why not ({@code no_second_factor}, {@code stale}) */
    static final String EVENT_DETAIL = "vigil_enrolment";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        TypingRhythmSignal.of(authSession)
                .ifPresent(outcome -> context.getEvent().detail(TypingRhythmSignal.EVENT_DETAIL, outcome.name()));
        RiskNotes.carry(authSession, context.getEvent());
        if (PendingTemplate.exists(authSession)) {
            Optional<String> factor = StepUpState.factorPassed(context.getRealm(), authSession);
            if (factor.isEmpty()) {
                PendingTemplate.discard(authSession);
                context.getEvent().detail(EVENT_DETAIL, "no_second_factor");
            } else {
                boolean learnt = PendingTemplate.commit(context.getSession(), context.getRealm(), context.getUser(),
                        authSession);
                context.getEvent().detail(EVENT_DETAIL, learnt ? "learnt" : "stale");
            }
        }
        context.success();
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
