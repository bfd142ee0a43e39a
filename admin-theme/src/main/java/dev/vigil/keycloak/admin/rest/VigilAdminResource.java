package dev.vigil.keycloak.admin.rest;

import dev.vigil.keycloak.admin.loginevents.LoginEventsResource;
import jakarta.ws.rs.Path;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Root of {@code /admin/realms/{realm}/vigil}: one sub-resource per feature. */
public class VigilAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    VigilAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @Path("login-events")
    public LoginEventsResource loginEvents() {
        return new LoginEventsResource(session, realm, auth);
    }
}
