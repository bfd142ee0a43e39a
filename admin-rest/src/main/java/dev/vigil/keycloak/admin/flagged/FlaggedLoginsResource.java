package dev.vigil.keycloak.admin.flagged;

import java.util.List;

import dev.vigil.keycloak.admin.loginevents.LoginEventRepresentation;
import dev.vigil.keycloak.admin.loginevents.LoginEventsParams;
import dev.vigil.keycloak.admin.loginevents.LoginEventsResource;
import dev.vigil.keycloak.admin.rest.AdminContext;
import dev.vigil.keycloak.admin.rest.VigilSubresource;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /admin/realms/{realm}/vigil/flagged-logins?from=&to=&user=&minScore=&status=open|safe|compromised&level=&reason=&first=&max=}:
 * flagged logins, newest first.
 */
public class FlaggedLoginsResource extends VigilSubresource {

    public FlaggedLoginsResource(AdminContext context) {
        super(context);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<LoginEventRepresentation> list(@QueryParam("first") String first, @QueryParam("max") String max,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("user") String user,
            @QueryParam("minScore") String minScore, @QueryParam("status") String status,
            @QueryParam("level") String level, @QueryParam("reason") String reason) {
        auth.realm().requireViewEvents();
        var query = LoginEventsResource.badRequestOnError(() -> LoginEventsParams.withReason(LoginEventsParams.withLevel(
                LoginEventsParams.parseFlagged(first, max, from, to, user, minScore, status), level), reason));
        return session.getProvider(RiskEngine.class).loginEvents().list(realm.getId(), query).stream()
                .map(LoginEventRepresentation::of).toList();
    }
}
