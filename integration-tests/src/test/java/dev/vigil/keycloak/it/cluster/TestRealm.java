package dev.vigil.keycloak.it.cluster;

/** The realms the cluster tests create: users u0…u(n-1) with password pw-u<i>, a public client "app" for password grants. */
final class TestRealm {

    private TestRealm() {
    }

    /**
     * @param vigil  whether the realm uses Vigil (its event listener on)
     * @param extra  more top-level fields of the representation (e.g. {@code "adminEventsEnabled":true,}), or ""
     */
    static String json(String realm, boolean vigil, int users, String extra) {
        StringBuilder list = new StringBuilder();
        for (int u = 0; u < users; u++) {
            list.append(u == 0 ? "" : ",").append("""
                    {"username":"u%1$d","enabled":true,"email":"u%1$d@example.org","emailVerified":true,
                     "firstName":"U%1$d","lastName":"%2$s",
                     "credentials":[{"type":"password","value":"pw-u%1$d","temporary":false}]}""".formatted(u, realm));
        }
        return """
                {"realm":"%s","enabled":true,"sslRequired":"none","eventsListeners":%s,%s
                 "clients":[{"clientId":"app","publicClient":true,"directAccessGrantsEnabled":true,
                             "standardFlowEnabled":false}],
                 "users":[%s]}""".formatted(realm, vigil ? "[\"jboss-logging\",\"vigil\"]" : "[\"jboss-logging\"]",
                extra, list);
    }
}
