package dev.vigil.keycloak.authenticators.keystroke;

import dev.vigil.keycloak.riskengine.risk.RiskLevel;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * "Type your password once more": an enrolled user whose password came without a usable typing (pasted, filled in,
 * corrected) is asked once per login to type it again, instead of being stepped up, when nothing else about the login
 * is risky. The second submission is a password check and a typing judged like any other; without a usable typing
 * again it is {@code UNVERIFIED} for good and the flow steps it up.
 *
 * <p>The attacker's view: the question is asked only when the login's level without the typing is {@code LOW} (the
 * user's own device and network), so it tells nobody else that the password was right — elsewhere the login goes on
 * to the step-up or the denial it had before, which answers a right and a wrong password alike. Whoever leaves the
 * typing out on purpose gains nothing: they must type the password, and that typing is judged.
 */
final class TypingRhythmRetype {

    /** auth-session note: the user asked once in this login (their id) */
    static final String NOTE = "vigil.keystroke.retype";
    /** LOGIN event detail on a login whose password was typed again */
    static final String EVENT_DETAIL = "vigil_keystroke_retyped";
    /** template attribute of {@code vigil-login.ftl} */
    static final String ATTRIBUTE = "vigilRetype";
    private static final Logger LOG = Logger.getLogger(TypingRhythmRetype.class);

    private TypingRhythmRetype() {
    }

    /** Puts on the event being built that this login's password was typed again, if it was. */
    static void detail(AuthenticationFlowContext context) {
        if (context.getAuthenticationSession().getAuthNote(NOTE) != null) {
            context.getEvent().detail(EVENT_DETAIL, "true");
        }
    }

    /**
     * Prepares the retype page when this login may be asked (sets the form's attributes and the notes); false when
     * it may not: the setting is off, it was asked already, or the login is of more than low risk without the typing.
     */
    static boolean offer(AuthenticationFlowContext context, TypingRhythmConfig config) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (!config.retype() || context.getUser() == null) {
            return false;
        }
        if (authSession.getAuthNote(NOTE) != null
                || TypingRhythmCheck.HELD.equals(authSession.getAuthNote(TypingRhythmCheck.REASON_NOTE))) {
            return false; // asked already; or the typing was usable (held after a rejected one): typing again cannot help
        }
        RiskLevel level;
        try {
            level = context.getSession().getProvider(RiskEngine.class)
                    .levelWithoutTyping(context.getRealm(), context.getUser());
        } catch (RuntimeException e) {
            LOG.debugf(e, "Vigil: no retype offer (risk without the typing not known)");
            return false;
        }
        if (level != RiskLevel.LOW) {
            return false;
        }
        authSession.setAuthNote(NOTE, context.getUser().getId());
        // Keycloak's re-authentication form: the user stays the one whose password was just verified
        authSession.setAuthNote(AbstractUsernameFormAuthenticator.USER_SET_BEFORE_USERNAME_PASSWORD_AUTH, "true");
        AuthenticatorUtils.setupReauthenticationInUsernamePasswordFormError(context); // username hidden, no sign-up
        context.form().setAttribute(ATTRIBUTE, true);
        return true;
    }
}
