package dev.vigil.keycloak.authenticators.risk;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * "Vigil - login risk": true when the login's risk level is at least the configured one (optionally negated).
 * Put it first in a conditional sub-flow: "≥ MEDIUM" before the user's own OTP/WebAuthn and the step-up guard,
 * "≥ HIGH" before "Vigil - deny risky login".
 */
public final class LoginRiskCondition implements ConditionalAuthenticator {

    static final LoginRiskCondition SINGLETON = new LoginRiskCondition();

    private LoginRiskCondition() {
    }

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        LoginRiskConditionConfig config = LoginRiskConditionConfig.of(context.getAuthenticatorConfig());
        if (context.getUser() == null) {
            // placed before the user is known: nothing to assess; the level is unknown, so the condition is false
            // (the README says where to put it)
            return config.negate();
        }
        boolean match = LoginRisk.of(context).level().atLeast(config.minimumLevel());
        return config.negate() != match;
    }

    @Override
    public void action(AuthenticationFlowContext context) {
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
