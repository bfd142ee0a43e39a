package dev.vigil.keycloak.testsupport;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/** Renames Vigil's table away and back: every write to it fails in between, as with a broken database. */
public class FaultInjectionResource {

    private static final String TABLE = "VIGIL_LOGIN_EVENT";
    private static final String AWAY = "VIGIL_LOGIN_EVENT_AWAY";

    private final KeycloakSession session;

    FaultInjectionResource(KeycloakSession session) {
        this.session = session;
    }

    @POST
    @Path("login-table/break")
    public Response breakTable() {
        return rename(TABLE, AWAY);
    }

    @POST
    @Path("login-table/restore")
    public Response restoreTable() {
        return rename(AWAY, TABLE);
    }

    private Response rename(String from, String to) {
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null) {
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("ALTER TABLE " + from + " RENAME TO " + to).executeUpdate();
        return Response.noContent().build();
    }
}
