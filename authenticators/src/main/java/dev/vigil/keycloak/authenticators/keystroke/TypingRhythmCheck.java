package dev.vigil.keycloak.authenticators.keystroke;

import java.util.List;
import java.util.Optional;

import dev.vigil.keycloak.authenticators.stepup.StepUpState;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeDetector;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeDetector.Outcome;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeSample;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeTemplate;
import dev.vigil.keycloak.riskengine.keystroke.TypingRhythmSignal;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;

/**
 * Judges the typing of the password just verified, learns from it, and leaves the outcome where the rest
 * of Keycloak can read it ({@link TypingRhythmSignal}: an auth-session note for the condition and a LOGIN
 * event detail). Never throws: a failure of Vigil itself is "no sample", a plain login, or "unverified" for a user
 * who has a template. A user with a finished template whose login brings no usable typing gets {@code UNVERIFIED},
 * which the demo flow steps up. Enrolment typings are stored only once the login passed a second factor the user
 * already had ({@link PendingTemplate}, {@link TypingRhythmLearn}). After a rejected typing ({@code MISMATCH},
 * {@code REPLAY}) a matching one is {@code UNVERIFIED} until the user passes such a factor: an attacker who has the
 * password gets one try at the rhythm, not one per login attempt.
 */
public final class TypingRhythmCheck {

    public static final String FORM_FIELD = "vigil_ks";
    /**
     * Auth-session note and LOGIN event detail {@code vigil_keystroke_reason}: the typing matched, but a typing was
     * rejected since the user last passed a second factor, so it is {@code UNVERIFIED}: typing again cannot help.
     */
    static final String HELD = "after_rejected_typing";
    static final String REASON_NOTE = "vigil.keystroke.reason";
    static final String REASON_DETAIL = "vigil_keystroke_reason";
    private static final Logger LOG = Logger.getLogger(TypingRhythmCheck.class);

    private TypingRhythmCheck() {
    }

    public static Outcome assess(AuthenticationFlowContext context, String field, TypingRhythmConfig config) {
        Outcome outcome;
        try {
            outcome = evaluate(context, field, config);
        } catch (RuntimeException e) {
            // Vigil's own failure never fails the login; but for a user who has a template it is no free pass
            // either (an input that makes the check throw would skip it): unverified, which the flow steps up
            outcome = hasTemplate(context) ? Outcome.UNVERIFIED : Outcome.NO_SAMPLE;
            LOG.warnf(e, "Vigil typing-rhythm check failed for user %s; treated as %s",
                    context.getUser() == null ? null : context.getUser().getId(), outcome);
        }
        TypingRhythmSignal.record(context.getAuthenticationSession(), context.getEvent(), outcome);
        return outcome;
    }

    private static Outcome evaluate(AuthenticationFlowContext context, String field, TypingRhythmConfig config) {
        context.getAuthenticationSession().removeAuthNote(REASON_NOTE);
        UserModel user = context.getUser();
        KeystrokeSample sample = KeystrokeSample.parse(field).orElse(null);
        KeystrokeCredentialProvider provider = KeystrokeCredentialProvider.of(context.getSession());
        CredentialModel password = KeystrokeCredentialProvider.password(user).orElse(null);
        Optional<KeystrokeCredentialModel> stored = provider.current(user);
        // a template learnt on another password is worthless: start again (the credential is overwritten)
        KeystrokeTemplate template = stored.filter(c -> boundTo(c, password))
                .flatMap(KeystrokeCredentialModel::template).orElse(null);

        if (stored.isEmpty() && provider.removedByChoice(user)) {
            return Outcome.NO_SAMPLE; // the user removed their typing rhythm: not enrolled again behind their back
        }
        Outcome outcome = new KeystrokeDetector(config.sensitivity()).verify(template, sample).outcome();
        if ((outcome == Outcome.MATCH || outcome == Outcome.MISMATCH) && template != null
                && template.sampleCount() < config.enrollmentSamples()) {
            outcome = Outcome.ENROLLING; // passive enrolment: clean typings are learnt until N (see PendingTemplate)
        }
        if (outcome == Outcome.NO_SAMPLE && template != null && template.sampleCount() >= config.enrollmentSamples()) {
            // an enrolled user's typing that cannot be checked is not a free pass: the flow steps it up
            return Outcome.UNVERIFIED;
        }
        boolean held = false;
        if (outcome == Outcome.MATCH && template != null && template.rejectedTypings() > 0) {
            // a typing was rejected since the user last passed a second factor: whoever has the password could be
            // trying typings until one passes (each impostor typing passes about one time in four), so no typing
            // vouches for this login until a factor the user already had passes again (TypingRhythmLearn clears it)
            outcome = Outcome.UNVERIFIED;
            held = true;
            context.getAuthenticationSession().setAuthNote(REASON_NOTE, HELD);
            context.getEvent().detail(REASON_DETAIL, HELD);
        }
        if (sample == null) {
            return outcome;
        }
        KeystrokeTemplate next = switch (outcome) {
            case ENROLLING -> template == null ? KeystrokeTemplate.enrol(List.of(sample))
                    : template.comparable(sample) ? template.update(sample) : null;
            case MATCH -> template.update(sample);
            case MISMATCH, REPLAY -> template == null ? null : template.remember(sample); // never learnt
            case UNVERIFIED -> held ? template.remember(sample) : null; // counted, never learnt
            default -> null;
        };
        if (next == null) {
            return outcome;
        }
        if (outcome == Outcome.ENROLLING
                && StepUpState.factorPassed(context.getRealm(), context.getAuthenticationSession()).isEmpty()) {
            // enrolment only from logins that pass a factor the user already had: held until then
            PendingTemplate.park(context.getAuthenticationSession(), next, password);
        } else {
            provider.saveTemplate(context.getRealm(), user, next, password);
        }
        return outcome;
    }

    private static boolean hasTemplate(AuthenticationFlowContext context) {
        try {
            return context.getUser() != null
                    && KeystrokeCredentialProvider.of(context.getSession()).current(context.getUser()).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean boundTo(KeystrokeCredentialModel credential, CredentialModel password) {
        if (password == null) {
            return false;
        }
        return credential.data().map(d -> password.getId().equals(d.passwordCredentialId())
                && java.util.Objects.equals(password.getCreatedDate(), d.passwordCreated())).orElse(false);
    }
}
