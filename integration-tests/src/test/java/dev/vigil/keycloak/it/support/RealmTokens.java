package dev.vigil.keycloak.it.support;

import org.keycloak.OAuth2Constants;
import org.keycloak.testframework.admin.AdminClientFactory;

/** Access tokens of ordinary realm users, obtained the way an admin tool would (admin-cli, password grant). */
public final class RealmTokens {

    private RealmTokens() {
    }

    public static String of(AdminClientFactory factory, String realm, String username) {
        return factory.create()
                .realm(realm)
                .clientId("admin-cli")
                .username(username)
                .password(DemoUsers.PASSWORD)
                .grantType(OAuth2Constants.PASSWORD)
                .autoClose()
                .build()
                .tokenManager()
                .getAccessTokenString();
    }
}
