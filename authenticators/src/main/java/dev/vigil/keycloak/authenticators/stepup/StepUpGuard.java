package dev.vigil.keycloak.authenticators.stepup;

import dev.vigil.keycloak.riskengine.metrics.VigilMetrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import dev.vigil.keycloak.riskengine.risk.RiskNotes;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * "Vigil - step-up guard": the last execution of a step-up sub-flow, after Keycloak's own OTP / WebAuthn
 * executions (inside a sub-flow with "Condition - user configured", so that Keycloak never offers to set one up).
 * It lets the login go on only when this login passed a second factor the user already had. A user who has none
 * gets a one-time code to the verified e-mail address on file, or is denied ({@link StepUpGuardConfig}): never
 * "configure OTP", which would let whoever holds the password enrol their own second factor. Because the flow
 * cannot finish before this execution succeeds, no required action (set up OTP or WebAuthn, update password, set
 * up typing rhythm) can run in a stepped-up login before a factor the user already had.
 */
public class StepUpGuard implements Authenticator {

    private static final Logger LOG = Logger.getLogger(StepUpGuard.class);
    static final String TEMPLATE = "vigil-email-code.ftl";
    static final String EMAIL_TEMPLATE = "vigil-email-code.ftl";
    static final String CODE_NOTE = "vigil.stepup.code";
    static final String EXPIRES_NOTE = "vigil.stepup.codeExpires";
    static final String ATTEMPTS_NOTE = "vigil.stepup.attempts";
    static final String SENDS_NOTE = "vigil.stepup.sends";
    static final int CODE_DIGITS = 8;
    static final int CODE_SECONDS = 300;
    static final int MAX_ATTEMPTS = 5;
    static final int MAX_SENDS = 3;
    static final String NO_FACTOR_ERROR = dev.vigil.keycloak.riskengine.risk.VigilEventErrors.NO_SECOND_FACTOR;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        RiskNotes.carry(authSession, context.getEvent());
        Optional<String> factor = StepUpState.keycloakFactorPassed(context);
        if (factor.isPresent()) {
            StepUpState.markPassed(authSession, factor.get());
            context.success();
            return;
        }
        UserModel user = context.getUser();
        if (SecondFactors.has(user)) {
            // the user has OTP or WebAuthn, but no such execution ran before this one: a misplaced guard.
            // Fail closed (a fallback here would be a way around the user's real factor).
            LOG.warnf("Vigil step-up guard in realm %s ran before any OTP/WebAuthn execution for a user who has one;"
                    + " place it after them (see the README). Login denied.", context.getRealm().getName());
            deny(context);
            return;
        }
        StepUpGuardConfig config = StepUpGuardConfig.of(context.getAuthenticatorConfig());
        if (config.withoutSecondFactor() == StepUpGuardConfig.Fallback.EMAIL_CODE && canEmail(context.getRealm(), user)) {
            if (send(context)) {
                context.challenge(form(context, null));
            } else {
                context.failure(AuthenticationFlowError.INTERNAL_ERROR, context.form()
                        .setError("vigilEmailCodeNotSent").createErrorPage(Response.Status.SERVICE_UNAVAILABLE));
            }
            return;
        }
        deny(context);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        RiskNotes.carry(authSession, context.getEvent());
        if (authSession.getAuthNote(CODE_NOTE) == null) {
            authenticate(context); // no code was sent in this login: start over
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey("resend")) {
            if (send(context)) {
                context.challenge(forms(context).setInfo("vigilEmailCodeResent").createForm(TEMPLATE));
            } else {
                context.challenge(form(context, "vigilEmailCodeNoMoreResends"));
            }
            return;
        }
        String code = form.getFirst("code") == null ? "" : form.getFirst("code").replaceAll("\\s", "");
        int attempts = parse(authSession.getAuthNote(ATTEMPTS_NOTE)) + 1;
        authSession.setAuthNote(ATTEMPTS_NOTE, Integer.toString(attempts));
        boolean fresh = Time.currentTime() <= parse(authSession.getAuthNote(EXPIRES_NOTE));
        boolean right = code.length() == CODE_DIGITS && MessageDigest.isEqual(
                hash(authSession, code).getBytes(StandardCharsets.US_ASCII),
                authSession.getAuthNote(CODE_NOTE).getBytes(StandardCharsets.US_ASCII));
        if (right && fresh) {
            clearCode(authSession);
            StepUpState.markPassed(authSession, "email");
            context.success();
            return;
        }
        context.getEvent().error(fresh ? "vigil_invalid_email_code" : "vigil_expired_email_code");
        if (attempts >= MAX_ATTEMPTS) {
            clearCode(authSession);
            context.failure(AuthenticationFlowError.INVALID_CREDENTIALS, context.form()
                    .setError("vigilEmailCodeTooManyAttempts").createErrorPage(Response.Status.UNAUTHORIZED));
            return;
        }
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                form(context, fresh ? "vigilEmailCodeWrong" : "vigilEmailCodeExpired"));
    }

    private void deny(AuthenticationFlowContext context) {
        context.getEvent().user(context.getUser()).error(NO_FACTOR_ERROR);
        VigilMetrics.denied(context.getRealm().getName(), NO_FACTOR_ERROR);
        context.failure(AuthenticationFlowError.ACCESS_DENIED, context.form()
                .setError("vigilStepUpNoSecondFactor").createErrorPage(Response.Status.FORBIDDEN));
    }

    /** Sends a new code unless {@link #MAX_SENDS} were sent in this login; false when none could be sent. */
    private boolean send(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        int sends = parse(authSession.getAuthNote(SENDS_NOTE));
        if (sends >= MAX_SENDS) {
            return false;
        }
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < CODE_DIGITS; i++) {
            code.append(RANDOM.nextInt(10));
        }
        KeycloakSession session = context.getSession();
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(context.getRealm()).setUser(context.getUser())
                    .send("vigilEmailCodeSubject", List.of(realmName(context.getRealm())), EMAIL_TEMPLATE,
                            new java.util.HashMap<>(Map.of("code", code.toString(), "minutes", CODE_SECONDS / 60,
                                    "realmName", realmName(context.getRealm())))); // Keycloak adds to the map
        } catch (EmailException e) {
            LOG.warnf(e, "Vigil could not send a step-up code in realm %s", context.getRealm().getName());
            return false;
        }
        authSession.setAuthNote(CODE_NOTE, hash(authSession, code.toString()));
        authSession.setAuthNote(EXPIRES_NOTE, Integer.toString(Time.currentTime() + CODE_SECONDS));
        authSession.setAuthNote(ATTEMPTS_NOTE, "0");
        authSession.setAuthNote(SENDS_NOTE, Integer.toString(sends + 1));
        return true;
    }

    private static Response form(AuthenticationFlowContext context, String error) {
        LoginFormsProvider forms = forms(context);
        if (error != null) {
            forms.setError(error);
        }
        return forms.createForm(TEMPLATE);
    }

    private static LoginFormsProvider forms(AuthenticationFlowContext context) {
        return context.form().setAttribute("digits", CODE_DIGITS).setAttribute("email", masked(context.getUser()));
    }

    private static String masked(UserModel user) {
        String email = user.getEmail();
        int at = email.indexOf('@');
        return at <= 1 ? "***" + email.substring(Math.max(at, 0)) : email.charAt(0) + "***" + email.substring(at);
    }

    private static boolean canEmail(RealmModel realm, UserModel user) {
        Map<String, String> smtp = realm.getSmtpConfig();
        return user.getEmail() != null && !user.getEmail().isBlank() && user.isEmailVerified() && smtp != null
                && smtp.get("host") != null && !smtp.get("host").isBlank();
    }

    private static void clearCode(AuthenticationSessionModel authSession) {
        authSession.removeAuthNote(CODE_NOTE);
        authSession.removeAuthNote(EXPIRES_NOTE);
    }

    /** The code salted with the login's tab id: the note never holds the code itself. */
    private static String hash(AuthenticationSessionModel authSession, String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (authSession.getTabId() + ":" + code).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int parse(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String realmName(RealmModel realm) {
        return realm.getDisplayName() != null && !realm.getDisplayName().isBlank() ? realm.getDisplayName()
                : realm.getName();
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
        // never: setting up a second factor during a step-up is exactly what this guard prevents
    }

    @Override
    public void close() {
    }
}
