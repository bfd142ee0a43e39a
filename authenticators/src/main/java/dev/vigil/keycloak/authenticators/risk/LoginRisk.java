package dev.vigil.keycloak.authenticators.risk;

import dev.vigil.keycloak.riskengine.metrics.VigilMetrics;
import dev.vigil.keycloak.riskengine.keystroke.TypingRhythmSignal;
import dev.vigil.keycloak.riskengine.risk.AssessmentFailures;
import dev.vigil.keycloak.riskengine.risk.RiskAssessment;
import dev.vigil.keycloak.riskengine.risk.RiskLevel;
import dev.vigil.keycloak.riskengine.risk.RiskNotes;
import dev.vigil.keycloak.riskengine.risk.RiskSettings;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The login's in-flow assessment, made once per authentication session (by the first Vigil risk execution that
 * needs it, after the user is known) and read back from the auth-session notes by every later one. It is also put
 * on the event of each request that reads it, so the LOGIN or LOGIN_ERROR event carries it. If the assessment
 * fails, the realm's fallback level is used: a Vigil failure never fails a login by itself.
 */
final class LoginRisk {

    private static final AssessmentFailures FAILURES = new AssessmentFailures();

    private LoginRisk() {
    }

    static RiskNotes.Noted of(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        RiskNotes.Noted noted = RiskNotes.of(authSession).orElse(null);
        if (noted == null) {
            RiskAssessment a;
            try {
                String typing = TypingRhythmSignal.of(authSession).map(Enum::name).orElse(null);
                a = context.getSession().getProvider(RiskEngine.class)
                        .assess(context.getRealm(), context.getUser(), typing);
            } catch (RuntimeException | LinkageError e) {
                RiskLevel fallback = fallback(context);
                FAILURES.log(context.getRealm(), e, fallback);
                VigilMetrics.assessmentFailed(context.getRealm().getName());
                a = RiskAssessment.fallback(fallback, e.getClass().getSimpleName());
            }
            RiskNotes.record(authSession, a);
            noted = new RiskNotes.Noted(a.level(), a.score(), a.reasonsText());
        }
        RiskNotes.detail(context.getEvent(), noted);
        return noted;
    }

    private static RiskLevel fallback(AuthenticationFlowContext context) {
        try {
            return RiskSettings.of(context.getRealm()).fallbackLevel();
        } catch (RuntimeException e) {
            return RiskSettings.DEFAULTS.fallbackLevel();
        }
    }
}
