package dev.vigil.keycloak.eventlistener.alerts;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.vigil.keycloak.eventlistener.verdict.LoginVerdictLinks;
import dev.vigil.keycloak.riskengine.features.Feature;
import dev.vigil.keycloak.riskengine.features.UserAgents;
import dev.vigil.keycloak.riskengine.history.StoredLogin;
import dev.vigil.keycloak.riskengine.settings.VigilRealmSettings;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * E-mails about logins, through Keycloak's e-mail templating and the realm's SMTP settings:
 * the user about a login from a new device, the realm's security admins about a flagged login.
 * Templates: {@code theme-resources/templates/{html,text}/vigil-*.ftl}; texts: {@code messages_en}.
 */
public final class LoginAlerts {

    static final String NEW_DEVICE_TEMPLATE = "vigil-new-device.ftl";
    static final String FLAGGED_TEMPLATE = "vigil-flagged-login.ftl";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    private LoginAlerts() {
    }

    /** True when the user has logged in before, but never from this device. */
    public static boolean isNewDevice(StoredLogin login) {
        double[] x = login.features();
        return x != null && x[Feature.NEW_DEVICE.ordinal()] >= 0.5
                && x[Feature.LOG_HOURS_SINCE_LAST.ordinal()] < Math.log1p(24 * 365) - 1e-6;
    }

    /** Alerts need the realm's SMTP server (Realm settings → Email); without one they are off. */
    public static boolean canSend(RealmModel realm) {
        Map<String, String> smtp = realm.getSmtpConfig();
        return smtp != null && smtp.get("host") != null && !smtp.get("host").isBlank();
    }

    /**
     * The user's e-mail about a login from a new device, with the "This wasn't me" and "Yes, it was me" links when
     * the server's public address is known ({@code baseUri}, from a login request of the realm).
     *
     * @return whether a mail was sent
     */
    public static boolean newDevice(KeycloakSession session, RealmModel realm, UserModel user, StoredLogin login,
            VigilRealmSettings settings, java.net.URI baseUri) throws EmailException {
        if (user.getEmail() == null || !user.isEnabled()) {
            return false;
        }
        Map<String, Object> attrs = attributes(realm, login, settings);
        if (baseUri != null) {
            attrs.putAll(LoginVerdictLinks.of(session, realm, user, login.login().id(), baseUri));
        }
        session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                .send("vigilNewDeviceSubject", List.of(realmName(realm)), NEW_DEVICE_TEMPLATE, attrs);
        return true;
    }

    /** The admins' e-mail about a login its user reported as not theirs. @return the addresses alerted */
    public static Set<String> reportedByUser(KeycloakSession session, RealmModel realm, UserModel user,
            StoredLogin login, VigilRealmSettings settings) throws EmailException {
        return toAdmins(session, realm, user, login, settings, "vigilUserReportSubject",
                "reported by the user (\"This wasn't me\"): every session ended, trusted devices revoked, a new"
                        + " password required at the next sign-in");
    }

    /** @return the addresses alerted */
    public static Set<String> flagged(KeycloakSession session, RealmModel realm, UserModel user, StoredLogin login,
            VigilRealmSettings settings, String action) throws EmailException {
        return toAdmins(session, realm, user, login, settings, "vigilFlaggedLoginSubject",
                action + (settings.dryRun() ? " (dry run: nothing was done)" : ""));
    }

    /** One e-mail per admin address about {@code login}, with the flag template, this subject and this action. */
    private static Set<String> toAdmins(KeycloakSession session, RealmModel realm, UserModel user, StoredLogin login,
            VigilRealmSettings settings, String subjectKey, String action) throws EmailException {
        Set<String> to = adminAddresses(session, realm, settings);
        if (to.isEmpty()) {
            return to;
        }
        Map<String, Object> attrs = attributes(realm, login, settings);
        attrs.put("score", login.score() == null ? "–" : String.format("%.3f", login.score()));
        attrs.put("threshold", login.threshold() == null ? "–" : String.format("%.3f", login.threshold()));
        attrs.put("action", action);
        attrs.put("loginId", login.login().id());
        attrs.put("username", login.login().username());
        EmailTemplateProvider email = session.getProvider(EmailTemplateProvider.class).setRealm(realm);
        if (user != null) {
            email.setUser(user);
        }
        for (String address : to) {
            email.send(subjectKey, List.of(login.login().username(), realmName(realm)), FLAGGED_TEMPLATE, attrs,
                    address);
        }
        return to;
    }

    static Set<String> adminAddresses(KeycloakSession session, RealmModel realm, VigilRealmSettings settings) {
        Set<String> to = new LinkedHashSet<>(settings.adminEmails());
        if (!settings.adminRole().isEmpty()) {
            RoleModel role = realm.getRole(settings.adminRole());
            if (role != null) {
                to.addAll(session.users().getRoleMembersStream(realm, role, 0, 100)
                        .filter(UserModel::isEnabled)
                        .map(UserModel::getEmail)
                        .filter(e -> e != null && !e.isBlank())
                        .collect(Collectors.toCollection(LinkedHashSet::new)));
            }
        }
        return to;
    }

    private static Map<String, Object> attributes(RealmModel realm, StoredLogin login, VigilRealmSettings settings) {
        Map<String, Object> attrs = new HashMap<>();
        ZonedDateTime when = Instant.ofEpochMilli(login.login().time()).atZone(settings.timeZone());
        attrs.put("when", WHEN.format(when));
        attrs.put("ipAddress", orUnknown(login.login().ipAddress()));
        attrs.put("device", UserAgents.family(login.login().userAgent()));
        attrs.put("userAgent", orUnknown(login.login().userAgent()));
        attrs.put("client", orUnknown(login.login().clientId()));
        attrs.put("reasons", login.reasons().stream().map(r -> r.feature().replace('_', ' ')).toList());
        attrs.put("realmName", realmName(realm));
        return attrs;
    }

    private static String realmName(RealmModel realm) {
        return realm.getDisplayName() != null && !realm.getDisplayName().isBlank() ? realm.getDisplayName()
                : realm.getName();
    }

    private static String orUnknown(String v) {
        return v == null || v.isBlank() ? "unknown" : v;
    }
}
