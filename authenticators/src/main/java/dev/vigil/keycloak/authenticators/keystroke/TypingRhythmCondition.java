package dev.vigil.keycloak.authenticators.keystroke;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import dev.vigil.keycloak.riskengine.keystroke.TypingRhythmSignal;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * "Vigil - typing rhythm": true when the typing outcome recorded by the form is one of the configured
 * outcomes (default MISMATCH, REPLAY and UNVERIFIED), optionally negated — put it in a conditional sub-flow before
 * OTP or WebAuthn to step up instead of failing.
 */
public final class TypingRhythmCondition implements ConditionalAuthenticator {

    static final TypingRhythmCondition SINGLETON = new TypingRhythmCondition();
    public static final String OUTCOMES = "outcomes";
    public static final String NEGATE = "negate";
    public static final String DEFAULT_OUTCOMES = "MISMATCH##REPLAY##UNVERIFIED";

    private TypingRhythmCondition() {
    }

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        Map<String, String> config = context.getAuthenticatorConfig() == null ? Map.of()
                : context.getAuthenticatorConfig().getConfig();
        String outcome = TypingRhythmSignal.of(context.getAuthenticationSession()).map(Enum::name).orElse(null);
        boolean match = outcome != null && Arrays.stream(config.getOrDefault(OUTCOMES, DEFAULT_OUTCOMES).split("##"))
                .map(s -> s.trim().toUpperCase(Locale.ROOT)).anyMatch(outcome::equals);
        return Boolean.parseBoolean(config.getOrDefault(NEGATE, "false")) != match;
    }

    @Override
    public void action(AuthenticationFlowContext context) {
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
