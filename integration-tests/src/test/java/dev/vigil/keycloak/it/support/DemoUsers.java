package dev.vigil.keycloak.it.support;

import org.keycloak.testframework.realm.UserBuilder;

/** Users complete enough for Keycloak 26's user profile (else: "Account is not fully set up"). */
public final class DemoUsers {

    public static final String PASSWORD = "Vigil-test-pw-1";

    private DemoUsers() {
    }

    public static UserBuilder user(String username) {
        return UserBuilder.create(username)
                .password(PASSWORD)
                .email(username + "@example.org")
                .name(Character.toUpperCase(username.charAt(0)) + username.substring(1), "Tester")
                .emailVerified(true);
    }

    /** A user who may read the realm's events (realm-management view-events), nothing else. */
    public static UserBuilder eventViewer(String username) {
        return user(username).clientRoles("realm-management", "view-events");
    }
}
