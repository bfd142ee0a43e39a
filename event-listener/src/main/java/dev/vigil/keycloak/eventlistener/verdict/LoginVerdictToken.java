package dev.vigil.keycloak.eventlistener.verdict;

import java.net.URI;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.authentication.actiontoken.DefaultActionToken;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.Urls;

/**
 * The action token behind the new-device e-mail's "This wasn't me" and "Yes, it was me" links: Keycloak's own
 * signed, expiring token (realm key), naming the user, the login and the verdict. Single use is enforced by the
 * handler when it acts ({@link LoginVerdictHandler}).
 */
public class LoginVerdictToken extends DefaultActionToken {

    public static final String TOKEN_TYPE = "vigil-login-verdict";
    public static final String COMPROMISED = "compromised";
    public static final String SAFE = "safe";

    @JsonProperty("vlid")
    private String loginId;

    @JsonProperty("vvd")
    private String verdict;

    public LoginVerdictToken(String userId, int absoluteExpirationInSecs, String loginId, String verdict) {
        super(userId, TOKEN_TYPE, absoluteExpirationInSecs, UUID.randomUUID());
        this.loginId = loginId;
        this.verdict = verdict;
    }

    /** For Jackson. */
    private LoginVerdictToken() {
    }

    public String loginId() {
        return loginId;
    }

    public String verdict() {
        return verdict;
    }

    /**
     * The link for an e-mail, built outside any HTTP request (the mail threads): the token is signed as
     * {@link DefaultActionToken#serialize} does, with the issuer of {@code baseUri}, the server's public address.
     */
    public URI link(KeycloakSession session, RealmModel realm, URI baseUri) {
        String issuer = Urls.realmIssuer(baseUri, realm.getName());
        issuedNow().id(getActionVerificationNonce().toString()).issuer(issuer).audience(issuer);
        String signed = session.tokens().encode(this);
        return UriBuilder.fromUri(baseUri).path("realms/{realm}/login-actions/action-token").queryParam("key", signed)
                .build(realm.getName());
    }
}
