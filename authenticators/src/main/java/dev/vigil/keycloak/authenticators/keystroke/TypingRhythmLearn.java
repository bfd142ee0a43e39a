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
 * After such a factor it clears the user's rejected typings ({@code KeystrokeTemplate#cleared}).
 */
public class TypingRhythmLearn implements Authenticator {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(TypingRhythmLearn.class);

    /** LOGIN event detail: {@code learnt}, or why not ({@code no_second_factor}, {@code stale}) */
    static final String EVENT_DETAIL = "vigil_enrolment";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        TypingRhythmSignal.of(authSession)
                .ifPresent(outcome -> context.getEvent().detail(TypingRhythmSignal.EVENT_DETAIL, outcome.name()));
        String reason = authSession.getAuthNote(TypingRhythmCheck.REASON_NOTE);
        if (reason != null) {
            context.getEvent().detail(TypingRhythmCheck.REASON_DETAIL, reason);
        }
        RiskNotes.carry(authSession, context.getEvent());
        Optional<String> factor = StepUpState.factorPassed(context.getRealm(), authSession);
        if (factor.isPresent()) {
            clearRejectedTypings(context);
        }
        if (PendingTemplate.exists(authSession)) {
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

    /**
     * The user passed a second factor they already had: typings rejected before (someone else's, or the user's own
     * off day) no longer hold back a matching one. Never fails the login.
     */
    private static void clearRejectedTypings(AuthenticationFlowContext context) {
        try {
            KeystrokeCredentialProvider provider = KeystrokeCredentialProvider.of(context.getSession());
            UserModel user = context.getUser();
            provider.current(user).ifPresent(credential -> credential.template()
                    .filter(t -> t.rejectedTypings() > 0)
                    .ifPresent(t -> credential.data().ifPresent(d -> { // the same password binding
                        credential.fill(t.cleared(), d.passwordCredentialId(), d.passwordCreated());
                        provider.save(context.getRealm(), user, credential);
                    })));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Vigil: could not clear the rejected typings of user %s", context.getUser().getId());
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
