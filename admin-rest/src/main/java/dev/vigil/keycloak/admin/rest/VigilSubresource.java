package dev.vigil.keycloak.admin.rest;

import org.keycloak.models.KeycloakSession;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Base of the sub-resources under {@code /admin/realms/{realm}/vigil}: the request's session, realm,
 * permission evaluator and admin-event builder, taken from one {@link AdminContext}.
 */
public abstract class VigilSubresource {

    protected final KeycloakSession session;
    protected final RealmModel realm;
    protected final AdminPermissionEvaluator auth;
    protected final AdminEventBuilder adminEvent;

    protected VigilSubresource(AdminContext context) {
        this.session = context.session();
        this.realm = context.realm();
        this.auth = context.auth();
        this.adminEvent = context.adminEvent();
    }

    /** The realm's user with this id; 404 "no such user" for an unknown, absent or absurdly long id. */
    protected UserModel userOr404(String id) {
        UserModel user = !plausibleId(id, 255) ? null : session.users().getUserById(realm, id);
        if (user == null) {
            throw ErrorResponse.error("no such user", Response.Status.NOT_FOUND);
        }
        return user;
    }

    /**
     * Whether {@code id} can be an id at all: present, at most {@code maxLength} characters, no control character
     * (PostgreSQL refuses a NUL in any text, and the query would fail instead of finding nothing).
     */
    public static boolean plausibleId(String id, int maxLength) {
        return id != null && id.length() <= maxLength && id.chars().noneMatch(Character::isISOControl);
    }
}
