package dev.vigil.keycloak.admin.rest;

import dev.vigil.keycloak.admin.simulation.HistoryResource;
import dev.vigil.keycloak.admin.flagged.FlaggedLoginsResource;
import dev.vigil.keycloak.admin.loginevents.LoginEventsResource;
import dev.vigil.keycloak.admin.model.ModelResource;
import dev.vigil.keycloak.admin.settings.SettingsResource;
import dev.vigil.keycloak.admin.stats.StatsResource;
import dev.vigil.keycloak.admin.users.TrustedDevicesResource;
import dev.vigil.keycloak.admin.users.UserPlacesResource;
import dev.vigil.keycloak.admin.users.UserSessionsResource;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** Root of {@code /admin/realms/{realm}/vigil}: one sub-resource per feature. */
public class VigilAdminResource {

    private final AdminContext context;

    VigilAdminResource(AdminContext context) {
        this.context = context;
    }

    @Path("login-events")
    public LoginEventsResource loginEvents() {
        return new LoginEventsResource(context);
    }

    @Path("flagged-logins")
    public FlaggedLoginsResource flaggedLogins() {
        return new FlaggedLoginsResource(context);
    }

    @Path("users")
    public UserSessionsResource users() {
        return new UserSessionsResource(context);
    }

    @Path("users/{id}/trusted-devices")
    public TrustedDevicesResource trustedDevices(@PathParam("id") String userId) {
        return new TrustedDevicesResource(context, userId);
    }

    @Path("users/{id}/places")
    public UserPlacesResource userPlaces(@PathParam("id") String userId) {
        return new UserPlacesResource(context, userId);
    }

    @Path("stats")
    public StatsResource stats() {
        return new StatsResource(context);
    }

    @Path("model")
    public ModelResource model() {
        return new ModelResource(context);
    }

    @Path("settings")
    public SettingsResource settings() {
        return new SettingsResource(context);
    }

    @Path("history")
    public HistoryResource history() {
        return new HistoryResource(context);
    }
}
