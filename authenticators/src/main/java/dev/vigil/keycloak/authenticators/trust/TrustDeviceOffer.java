package dev.vigil.keycloak.authenticators.trust;

import java.time.Instant;
import java.util.Optional;

import dev.vigil.keycloak.authenticators.stepup.StepUpState;
import dev.vigil.keycloak.riskengine.device.DeviceCookie;
import dev.vigil.keycloak.riskengine.device.TrustedDevices;
import dev.vigil.keycloak.riskengine.risk.RiskSettings;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * "Vigil - offer to trust this device": after the login passed a second factor the user already had (never on a
 * password alone), asks once whether to trust this browser for the realm's {@code trustedDeviceDays}. A trusted
 * browser then counts as {@code trusted_device} (lowers the risk) instead of {@code new_device}. Not asked when the
 * browser is already trusted, when the realm's trustedDeviceDays is 0, or at the token endpoint. Storing the trust
 * happens in a transaction of its own: if it fails, the login goes on (one WARN line), untrusted.
 */
public final class TrustDeviceOffer implements Authenticator {

    /** the LOGIN event detail set when the user trusted the browser in this login: until when (ISO-8601) */
    public static final String EVENT_DETAIL = "vigil_device_trusted_until";
    static final String TEMPLATE = "vigil-trust-device.ftl";
    private static final Logger LOG = Logger.getLogger(TrustDeviceOffer.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        RealmModel realm = context.getRealm();
        int days = RiskSettings.of(realm).trustedDeviceDays();
        if (user == null || days == 0 || isTokenRequest(context)
                || StepUpState.factorPassed(realm, context.getAuthenticationSession()).isEmpty()
                || alreadyTrusted(context.getSession(), realm, user)) {
            context.success();
            return;
        }
        context.challenge(context.form().setAttribute("trustDays", days).createForm(TEMPLATE));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        String answer = context.getHttpRequest().getDecodedFormParameters().getFirst("trust");
        if ("yes".equals(answer) && context.getUser() != null
                && StepUpState.factorPassed(context.getRealm(), context.getAuthenticationSession()).isPresent()) {
            trust(context).ifPresent(until -> context.getEvent().detail(EVENT_DETAIL, until.toString()));
        }
        context.success();
    }

    private static Optional<Instant> trust(AuthenticationFlowContext context) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        try {
            Optional<String> device = DeviceCookie.read(session, realm).map(DeviceCookie.Known::id)
                    .or(() -> DeviceCookie.issue(session, realm));
            if (device.isEmpty()) {
                LOG.warnf("Vigil could not trust a device in realm %s: the realm has no HS512 key", realm.getName());
                return Optional.empty();
            }
            int days = RiskSettings.of(realm).trustedDeviceDays();
            String ua = context.getHttpRequest().getHttpHeaders().getHeaderString(HttpHeaders.USER_AGENT);
            String realmId = realm.getId();
            String userId = context.getUser().getId();
            long now = Time.currentTimeMillis();
            TrustedDevices.Trusted t = KeycloakModelUtils.runJobInTransactionWithResult(
                    session.getKeycloakSessionFactory(), s -> {
                        RealmModel r = s.realms().getRealm(realmId);
                        s.getContext().setRealm(r);
                        return TrustedDevices.trust(s, r, s.users().getUserById(r, userId), device.get(), ua, days, now);
                    });
            return Optional.of(Instant.ofEpochMilli(t.expiresAt()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Vigil could not store a trusted device in realm %s; the login goes on", realm.getName());
            return Optional.empty();
        }
    }

    private static boolean alreadyTrusted(KeycloakSession session, RealmModel realm, UserModel user) {
        try {
            Optional<String> device = DeviceCookie.read(session, realm).map(DeviceCookie.Known::id);
            if (device.isEmpty()) {
                return false;
            }
            String realmId = realm.getId();
            String userId = user.getId();
            long now = Time.currentTimeMillis();
            return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), s -> {
                RealmModel r = s.realms().getRealm(realmId);
                s.getContext().setRealm(r); // a user's credentials are read through the session's realm
                UserModel u = s.users().getUserById(r, userId);
                return u != null && TrustedDevices.isTrusted(s, r, u, device.get(), now);
            });
        } catch (RuntimeException e) {
            LOG.debugf(e, "Vigil could not read trusted devices in realm %s", realm.getName());
            return false;
        }
    }

    private static boolean isTokenRequest(AuthenticationFlowContext context) {
        return context.getHttpRequest() == null || context.getHttpRequest().getUri() == null
                || context.getHttpRequest().getUri().getPath().endsWith("/token");
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
