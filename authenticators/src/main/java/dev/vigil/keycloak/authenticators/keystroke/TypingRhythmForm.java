package dev.vigil.keycloak.authenticators.keystroke;

import dev.vigil.keycloak.authenticators.risk.PasswordSprayGuard;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeDetector.Outcome;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.forms.login.freemarker.model.LoginBean;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Keycloak's username/password form, rendered by {@code vigil-login.ftl} with the typing-rhythm capture;
 * after the password is verified, {@link TypingRhythmCheck} judges and learns the typing. Without a usable
 * sample (no JavaScript, paste, password manager) this is a password login for a user without a template and
 * {@code UNVERIFIED} (stepped up by the flow) for an enrolled one — after being asked once to type the password
 * again when the login is otherwise of low risk ({@link TypingRhythmRetype}); strict mode never fails a login for it.
 */
public class TypingRhythmForm extends UsernamePasswordForm {

    static final String TEMPLATE = "vigil-login.ftl";

    private final KeycloakSession session;

    public TypingRhythmForm(KeycloakSession session) {
        super(session);
        this.session = session;
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> formData = context.getHttpRequest().getDecodedFormParameters();
        if (formData.containsKey("cancel")) {
            context.cancelLogin();
            return;
        }
        // the password-spray guard, before every password this form checks (a sprayer keeps one login page open)
        String attempted = context.getUser() != null ? context.getUser().getUsername() : formData.getFirst("username");
        if (PasswordSprayGuard.refusedAndAnswered(context, attempted)) {
            return;
        }
        if (!validateForm(context, formData)) {
            return;
        }
        TypingRhythmConfig config = TypingRhythmConfig.of(context.getAuthenticatorConfig());
        Outcome outcome = TypingRhythmCheck.assess(context, formData.getFirst(TypingRhythmCheck.FORM_FIELD), config);
        TypingRhythmRetype.detail(context);
        if (outcome == Outcome.UNVERIFIED && TypingRhythmRetype.offer(context, config)) {
            context.challenge(challenge(context, new MultivaluedHashMap<>()));
            return;
        }
        if (config.strict() && (outcome == Outcome.MISMATCH || outcome == Outcome.REPLAY)) {
            // exactly what Keycloak does for a wrong password (AbstractUsernameFormAuthenticator): same message,
            // same page, counted by brute-force protection, the user detached from the login; only the event's
            // error, which admins see, says why
            context.getEvent().user(context.getUser());
            context.getEvent().error("vigil_typing_rhythm_" + outcome.name().toLowerCase(java.util.Locale.ROOT));
            // on re-authentication (user known before this form) Keycloak hides the username and keeps the user
            AuthenticatorUtils.setupReauthenticationInUsernamePasswordFormError(context);
            Response challenge = challenge(context, getDefaultChallengeMessage(context), "password");
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, challenge);
            if (!isUserAlreadySetBeforeUsernamePasswordAuth(context)) {
                context.clearUser();
            }
            return;
        }
        context.success(PasswordCredentialModel.TYPE);
    }

    /**
     * The page this form answers a wrong password with (same template, message and filled-in username), for
     * executions that must refuse a login without telling a right password from a wrong one.
     */
    public Response invalidCredentialsPage(AuthenticationFlowContext context) {
        AuthenticatorUtils.setupReauthenticationInUsernamePasswordFormError(context);
        return challenge(context, getDefaultChallengeMessage(context), "password");
    }

    @Override
    protected Response challenge(AuthenticationFlowContext context, MultivaluedMap<String, String> formData) {
        LoginFormsProvider forms = context.form();
        if (!formData.isEmpty()) {
            forms.setFormData(formData);
        }
        // createForm() does not add the "login" bean that Keycloak's login page reads (username, remember me)
        return forms.setAttribute("login", new LoginBean(formData)).createForm(TEMPLATE);
    }

    @Override
    protected Response createLoginForm(LoginFormsProvider form) {
        MultivaluedMap<String, String> formData = session.getContext().getHttpRequest().getDecodedFormParameters();
        return form.setAttribute("login", new LoginBean(formData)).createForm(TEMPLATE);
    }
}
