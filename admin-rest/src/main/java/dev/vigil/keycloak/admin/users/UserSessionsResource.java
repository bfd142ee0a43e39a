package dev.vigil.keycloak.admin.users;

import java.util.Map;

import dev.vigil.keycloak.admin.rest.AdminContext;
import dev.vigil.keycloak.admin.rest.VigilSubresource;
import dev.vigil.keycloak.riskengine.actions.SessionRevocation;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.UserModel;

/** {@code POST /admin/realms/{realm}/vigil/users/{id}/revoke-sessions}: end every session, refuse old tokens. */
public class UserSessionsResource extends VigilSubresource {

    public UserSessionsResource(AdminContext context) {
        super(context);
    }

    @POST
    @Path("{id}/revoke-sessions")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> revoke(@PathParam("id") String id) {
        auth.users().requireManage();
        UserModel user = userOr404(id);
        auth.users().requireManage(user);
        int revoked = SessionRevocation.revokeAll(session, realm, user);
        adminEvent.operation(OperationType.ACTION).resource(ResourceType.USER)
                .resourcePath(session.getContext().getUri())
                .representation(Map.of("userId", id, "sessionsRevoked", revoked)).success();
        return Map.of("userId", id, "sessionsRevoked", revoked);
    }
}
