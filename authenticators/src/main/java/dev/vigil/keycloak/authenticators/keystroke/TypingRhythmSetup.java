package dev.vigil.keycloak.authenticators.keystroke;

import java.util.List;
import java.util.Set;

import dev.vigil.keycloak.authenticators.stepup.SecondFactors;
import dev.vigil.keycloak.authenticators.stepup.StepUpState;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeDetector.Outcome;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeEnrolment;
import dev.vigil.keycloak.riskengine.keystroke.TypingRhythmSignal;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.CredentialRegistrator;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The required action "Set up typing rhythm": the user types the password N times on one page; the
 * typings (timings only, one {@code vigil_ks} field each) and the password arrive in one request, the
 * password is checked, and {@link KeystrokeEnrolment} turns the typings into the user's template, which
 * replaces any earlier one. Anything wrong re-shows the page with a message; nothing is stored then.
 * Users start it themselves from the account console ("Set up" under Typing rhythm) or an application
 * asks for it with {@code kc_action=vigil-typing-rhythm-setup}; admins can require it.
 */
public class TypingRhythmSetup implements RequiredActionProvider, CredentialRegistrator {

    static final String TEMPLATE = "vigil-typing-rhythm-setup.ftl";
    /** the one message for every refused set-up: which check failed is for the event log, not the page */
    static final String FAILED = "vigilTypingSetupFailed";
    /** the user has a second factor that this login did not pass */
    static final String NEEDS_FACTOR = "vigilTypingSetupNeedsFactor";


    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public String getCredentialType(KeycloakSession session, AuthenticationSessionModel authenticationSession) {
        return KeystrokeCredentialModel.TYPE;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // never added automatically: passive enrolment covers users who do not set it up
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(page(context, confirmedWithSecondFactor(context) ? null : NEEDS_FACTOR));
    }

    /**
     * A user who has a second factor sets up typing rhythm only in a login (or a session) that passed it, or whose
     * typing matched the rhythm learnt before: the password alone does not let anyone replace the template. A user
     * with only a password has nothing stronger to ask for (Keycloak lets the password set up OTP, too).
     */
    static boolean confirmedWithSecondFactor(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        return !SecondFactors.has(context.getUser())
                || TypingRhythmSignal.of(authSession).filter(o -> o == Outcome.MATCH).isPresent()
                || StepUpState.factorPassedInSession(context.getSession(), context.getRealm(), authSession).isPresent();
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        UserModel user = context.getUser();
        context.getEvent().event(EventType.UPDATE_CREDENTIAL).detail(Details.CREDENTIAL_TYPE, KeystrokeCredentialModel.TYPE);

        // One answer for every failure (wrong password, corrections, replayed or machine-made typings), and the
        // password check goes through brute-force protection like a login: this page is no password oracle.
        if (!confirmedWithSecondFactor(context)) {
            context.getEvent().error("vigil_second_factor_required");
            context.challenge(page(context, NEEDS_FACTOR));
            return;
        }
        BruteForceProtector bruteForce = context.getSession().getProvider(BruteForceProtector.class);
        RealmModel realm = context.getRealm();
        boolean protectedRealm = realm.isBruteForceProtected() && bruteForce != null;
        if (protectedRealm && (bruteForce.isTemporarilyDisabled(context.getSession(), realm, user)
                || bruteForce.isPermanentlyLockedOut(context.getSession(), realm, user))) {
            context.getEvent().error(Errors.USER_TEMPORARILY_DISABLED);
            context.challenge(page(context, FAILED));
            return;
        }
        String password = form.getFirst("password");
        List<String> fields = form.get(TypingRhythmCheck.FORM_FIELD);
        KeystrokeEnrolment.Result result = KeystrokeEnrolment.of(fields, TypingRhythmSetupFactory.typings(context.getConfig()));
        boolean rightPassword = password != null && !password.isEmpty() && password.length() <= 1024
                && user.credentialManager().isValid(UserCredentialModel.password(password));
        if (!rightPassword) {
            if (protectedRealm) {
                bruteForce.failedLogin(realm, user, context.getConnection(), context.getUriInfo(),
                        Set.of(PasswordCredentialModel.TYPE));
            }
            context.getEvent().error(Errors.INVALID_USER_CREDENTIALS);
            context.challenge(page(context, FAILED));
            return;
        }
        if (result.ok() && result.template().keyCount() < password.length()) {
            result = new KeystrokeEnrolment.Result(null, KeystrokeEnrolment.Problem.UNUSABLE); // not the password typed
        }
        if (!result.ok()) {
            context.getEvent().detail("vigil_enrolment", result.problem().name()).error(Errors.INVALID_INPUT);
            context.challenge(page(context, FAILED));
            return;
        }
        KeystrokeCredentialProvider provider = KeystrokeCredentialProvider.of(context.getSession());
        CredentialModel passwordCredential = KeystrokeCredentialProvider.password(user).orElse(null);
        provider.saveTemplate(context.getRealm(), user, result.template(), passwordCredential);
        context.getEvent().detail("vigil_typings", String.valueOf(result.template().sampleCount())).success();
        context.success();
    }

    private Response page(RequiredActionContext context, String error) {
        var form = context.form().setAttribute("typings", TypingRhythmSetupFactory.typings(context.getConfig()));
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }

    @Override
    public void close() {
    }
}
