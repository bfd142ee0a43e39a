package dev.vigil.keycloak.admin.loginevents;

import java.util.List;

import dev.vigil.keycloak.riskengine.history.LoginEventQuery;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code GET /admin/realms/{realm}/vigil/login-events}: the realm's recorded events, newest first. */
public class LoginEventsResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public LoginEventsResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<LoginEventRepresentation> list(
            @QueryParam("first") String first,
            @QueryParam("max") String max,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("user") String user,
            @QueryParam("type") String type) {
        auth.realm().requireViewEvents();
        LoginEventQuery query;
        try {
            query = LoginEventsParams.parse(first, max, from, to, user, type);
        } catch (IllegalArgumentException e) {
            throw ErrorResponse.error(e.getMessage(), Response.Status.BAD_REQUEST);
        }
        return session.getProvider(RiskEngine.class).loginEvents().list(realm.getId(), query).stream()
                .map(LoginEventRepresentation::of)
                .toList();
    }
}
