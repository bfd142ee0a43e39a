package dev.vigil.keycloak.it.support;

import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Tests present public client addresses with X-Forwarded-For; the demo realm's {@code sslRequired=external} would then
 * ask for HTTPS, which the test server does not speak. One place switches it off.
 */
public final class ForwardedAddresses {

    private ForwardedAddresses() {
    }

    /** Lets the realm's logins come from public addresses over the test server's plain HTTP. */
    public static void allow(ManagedRealm realm) {
        var rep = realm.admin().toRepresentation();
        if (!"none".equals(rep.getSslRequired())) {
            rep.setSslRequired("none");
            realm.admin().update(rep);
        }
    }
}
