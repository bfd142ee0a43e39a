package dev.vigil.keycloak.admin.settings;

import java.util.Map;

import dev.vigil.keycloak.admin.loginevents.LoginEventsResource;
import dev.vigil.keycloak.admin.rest.AdminContext;
import dev.vigil.keycloak.admin.rest.VigilSubresource;
import dev.vigil.keycloak.riskengine.settings.FlagAction;
import dev.vigil.keycloak.riskengine.settings.VigilRealmSettings;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.events.admin.OperationType;

/**
 * {@code GET/PUT /admin/realms/{realm}/vigil/settings}: the realm's Vigil settings as a flat JSON object of
 * strings. PUT takes any subset and answers the full settings; an unknown name or a bad value is a 400
 * listing every problem, and nothing is changed.
 */
public class SettingsResource extends VigilSubresource {

    public SettingsResource(AdminContext context) {
        super(context);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> get() {
        auth.realm().requireViewEvents();
        return VigilRealmSettings.of(realm).toStrings();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> put(Map<String, String> changes) {
        auth.realm().requireManageEvents();
        if (changes == null) {
            changes = Map.of();
        }
        Map<String, String> given = changes;
        VigilRealmSettings updated = LoginEventsResource.badRequestOnError(
                () -> VigilRealmSettings.of(realm).withChanges(given));
        if (updated.action() != FlagAction.NONE) {
            // an automatic action ends sessions or disables users: the admin must be allowed to do that
            auth.users().requireManage();
        }
        updated.store(realm);
        adminEvent.operation(OperationType.UPDATE).resource("VIGIL_SETTINGS")
                .resourcePath(session.getContext().getUri()).representation(updated.toStrings()).success();
        return updated.toStrings();
    }
}
