package dev.vigil.keycloak.admin.simulation;

import java.util.List;
import java.util.Map;

import dev.vigil.keycloak.admin.loginevents.LoginEventsResource;
import dev.vigil.keycloak.admin.rest.AdminContext;
import dev.vigil.keycloak.admin.rest.VigilSubresource;
import dev.vigil.keycloak.riskengine.settings.VigilRealmSettings;
import dev.vigil.keycloak.riskengine.simulation.HistoryImport;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.events.admin.OperationType;

/**
 * {@code POST /admin/realms/{realm}/vigil/history}: replays past logins into a simulation realm (realm attribute
 * {@code vigil.simulation=true}, e.g. the demo), as {@link HistoryImport} describes. Body
 * {@code {"logins":[{"time":…,"username":…,"success":true,"ip":…,"userAgent":…,"device":…,"typing":…}]}}, at most
 * 5,000 per request; answers what was imported. Requires manage-realm; 403 in a realm that is not a simulation realm;
 * 400 with the first bad login named.
 */
public class HistoryResource extends VigilSubresource {

    public HistoryResource(AdminContext context) {
        super(context);
    }

    /** The request body. */
    public record Body(List<HistoryImport.PastAttempt> logins) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public HistoryImport.Result replay(Body body) {
        auth.realm().requireManageRealm();
        if (!HistoryImport.enabled(realm)) {
            throw new ForbiddenException("history import is only for simulation realms (realm attribute "
                    + HistoryImport.REALM_ATTRIBUTE + "=true); never set it in production");
        }
        List<HistoryImport.PastAttempt> logins = body == null || body.logins() == null ? List.of() : body.logins();
        int historyDays = VigilRealmSettings.of(realm).historyDays();
        LoginEventsResource.badRequestOnError(() -> {
            HistoryImport.validate(logins, HistoryImport.now(), historyDays);
            return null;
        });
        HistoryImport.Result result = HistoryImport.replay(session, realm, logins);
        adminEvent.operation(OperationType.CREATE).resource("VIGIL_HISTORY")
                .resourcePath(session.getContext().getUri()).representation(Map.of("imported", result.imported()))
                .success();
        return result;
    }
}
