package dev.vigil.keycloak.admin.users;

import java.util.List;
import java.util.Map;

import dev.vigil.keycloak.admin.rest.AdminContext;
import dev.vigil.keycloak.admin.rest.VigilSubresource;
import dev.vigil.keycloak.riskengine.device.TrustedDevices;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.UserModel;
import org.keycloak.services.ErrorResponse;

/**
 * {@code /admin/realms/{realm}/vigil/users/{id}/trusted-devices}: the browsers a user trusts now (label, since,
 * until — never the device id), listed with view-users; one or all revoked with manage-users (admin event).
 * Trust expired or given before the user's latest password change is not listed: it no longer counts.
 */
public class TrustedDevicesResource extends VigilSubresource {

    private final UserModel user;

    public TrustedDevicesResource(AdminContext context, String userId) {
        super(context);
        auth.users().requireView();
        UserModel u = userOr404(userId);
        auth.users().requireView(u);
        this.user = u;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<TrustedDevices.Trusted> list() {
        return TrustedDevices.list(session, realm, user, Time.currentTimeMillis());
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> revokeAll() {
        auth.users().requireManage(user);
        int revoked = TrustedDevices.revokeAll(session, realm.getId(), user.getId());
        event(revoked);
        return Map.of("userId", user.getId(), "revoked", revoked);
    }

    @DELETE
    @Path("{trustId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> revoke(@PathParam("trustId") String trustId) {
        auth.users().requireManage(user);
        if (!plausibleId(trustId, 36)
                || !TrustedDevices.revoke(session, realm.getId(), user.getId(), trustId)) {
            throw ErrorResponse.error("no such trusted device", Response.Status.NOT_FOUND);
        }
        event(1);
        return Map.of("userId", user.getId(), "revoked", 1);
    }

    private void event(int revoked) {
        adminEvent.operation(OperationType.DELETE).resource(ResourceType.USER)
                .resourcePath(session.getContext().getUri())
                .representation(Map.of("userId", user.getId(), "trustedDevicesRevoked", revoked)).success();
    }
}
