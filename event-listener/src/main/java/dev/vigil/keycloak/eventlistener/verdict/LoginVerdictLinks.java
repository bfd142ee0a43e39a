package dev.vigil.keycloak.eventlistener.verdict;

import java.net.URI;
import java.util.Map;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The two verdict links of a new-device e-mail, as template attributes {@code notMeUrl}, {@code wasMeUrl} and
 * {@code linkHours}. They expire after {@link #DEFAULT_LIFESPAN_SECONDS} unless the realm overrides the lifespan
 * of action tokens of type {@value LoginVerdictToken#TOKEN_TYPE} (Realm settings → Tokens → Override action tokens).
 */
public final class LoginVerdictLinks {

    /** 72 hours: long enough to read one's e-mail after a weekend, short enough to bound an old mailbox's use. */
    static final int DEFAULT_LIFESPAN_SECONDS = 72 * 3600;

    private LoginVerdictLinks() {
    }

    public static Map<String, Object> of(KeycloakSession session, RealmModel realm, UserModel user, String loginId,
            URI baseUri) {
        int lifespan = lifespanSeconds(realm);
        int expires = Time.currentTime() + lifespan;
        URI notMe = new LoginVerdictToken(user.getId(), expires, loginId, LoginVerdictToken.COMPROMISED)
                .link(session, realm, baseUri);
        URI wasMe = new LoginVerdictToken(user.getId(), expires, loginId, LoginVerdictToken.SAFE)
                .link(session, realm, baseUri);
        return Map.of("notMeUrl", notMe.toString(), "wasMeUrl", wasMe.toString(),
                "linkHours", Integer.toString(Math.max(1, lifespan / 3600)));
    }

    /** The realm's override for this token type (realm attribute {@code actionTokenGeneratedByUserLifespan.<type>}). */
    static int lifespanSeconds(RealmModel realm) {
        String override = realm.getAttribute("actionTokenGeneratedByUserLifespan." + LoginVerdictToken.TOKEN_TYPE);
        try {
            int seconds = override == null ? 0 : Integer.parseInt(override.trim());
            return seconds > 0 ? seconds : DEFAULT_LIFESPAN_SECONDS;
        } catch (NumberFormatException e) {
            return DEFAULT_LIFESPAN_SECONDS;
        }
    }
}
