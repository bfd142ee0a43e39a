package dev.vigil.keycloak.admin.users;

import java.util.Map;

import dev.vigil.keycloak.admin.rest.AdminContext;
import dev.vigil.keycloak.riskengine.actions.SessionRevocation;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code POST /admin/realms/{realm}/vigil/users/{id}/revoke-sessions}: end every session, refuse old tokens. */
public class UserSessionsResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public UserSessionsResource(AdminContext context) {
        this.session = context.session();
        this.realm = context.realm();
        this.auth = context.auth();
        this.adminEvent = context.adminEvent();
    }

    @POST
    @Path("{id}/revoke-sessions")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> revoke(@PathParam("id") String id) {
        auth.users().requireManage();
        UserModel user = id == null || id.length() > 255 ? null : session.users().getUserById(realm, id);
        if (user == null) {
            throw ErrorResponse.error("no such user", Response.Status.NOT_FOUND);
        }
        auth.users().requireManage(user);
        int revoked = SessionRevocation.revokeAll(session, realm, user);
        adminEvent.operation(OperationType.ACTION).resource(ResourceType.USER)
                .resourcePath(session.getContext().getUri())
                .representation(Map.of("userId", id, "sessionsRevoked", revoked)).success();
        return Map.of("userId", id, "sessionsRevoked", revoked);
    }
}
