package dev.vigil.keycloak.admin.rest;

import dev.vigil.keycloak.admin.flagged.FlaggedLoginsResource;
import dev.vigil.keycloak.admin.loginevents.LoginEventsResource;
import dev.vigil.keycloak.admin.model.ModelResource;
import dev.vigil.keycloak.admin.settings.SettingsResource;
import dev.vigil.keycloak.admin.stats.StatsResource;
import dev.vigil.keycloak.admin.users.UserSessionsResource;
import jakarta.ws.rs.Path;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Root of {@code /admin/realms/{realm}/vigil}: one sub-resource per feature. */
public class VigilAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    VigilAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @Path("login-events")
    public LoginEventsResource loginEvents() {
        return new LoginEventsResource(session, realm, auth, adminEvent);
    }

    @Path("flagged-logins")
    public FlaggedLoginsResource flaggedLogins() {
        return new FlaggedLoginsResource(session, realm, auth);
    }

    @Path("users")
    public UserSessionsResource users() {
        return new UserSessionsResource(session, realm, auth, adminEvent);
    }

    @Path("stats")
    public StatsResource stats() {
        return new StatsResource(session, realm, auth);
    }

    @Path("model")
    public ModelResource model() {
        return new ModelResource(session, realm, auth, adminEvent);
    }

    @Path("settings")
    public SettingsResource settings() {
        return new SettingsResource(session, realm, auth, adminEvent);
    }
}
