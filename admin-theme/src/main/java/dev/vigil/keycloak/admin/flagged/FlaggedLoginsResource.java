package dev.vigil.keycloak.admin.flagged;

import java.util.List;

import dev.vigil.keycloak.admin.loginevents.LoginEventRepresentation;
import dev.vigil.keycloak.admin.loginevents.LoginEventsParams;
import dev.vigil.keycloak.admin.loginevents.LoginEventsResource;
import dev.vigil.keycloak.admin.rest.AdminContext;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code GET /admin/realms/{realm}/vigil/flagged-logins?from=&to=&user=&minScore=&status=open|safe|compromised&first=&max=}:
 * flagged logins, newest first.
 */
public class FlaggedLoginsResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public FlaggedLoginsResource(AdminContext context) {
        this.session = context.session();
        this.realm = context.realm();
        this.auth = context.auth();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<LoginEventRepresentation> list(@QueryParam("first") String first, @QueryParam("max") String max,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("user") String user,
            @QueryParam("minScore") String minScore, @QueryParam("status") String status) {
        auth.realm().requireViewEvents();
        var query = LoginEventsResource.badRequestOnError(
                () -> LoginEventsParams.parseFlagged(first, max, from, to, user, minScore, status));
        return session.getProvider(RiskEngine.class).loginEvents().list(realm.getId(), query).stream()
                .map(LoginEventRepresentation::of).toList();
    }
}
