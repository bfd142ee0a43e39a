package dev.vigil.keycloak.admin.users;

import java.util.List;

import dev.vigil.keycloak.admin.loginevents.LoginEventsParams;
import dev.vigil.keycloak.admin.loginevents.LoginEventsResource;
import dev.vigil.keycloak.admin.rest.AdminContext;
import dev.vigil.keycloak.admin.rest.VigilSubresource;
import dev.vigil.keycloak.riskengine.history.LoginEventStore.UserPlace;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.common.util.Time;
import org.keycloak.models.UserModel;

/**
 * {@code GET /admin/realms/{realm}/vigil/users/{id}/places?days=}: where the user signed in from in the last
 * {@code days} (1–365, default 90): one entry per network, country and device with its number of logins and when it
 * was last seen, most recent first (at most {@value #MAX_PLACES}; counted over the user's newest 1,000 logins in
 * the window). Needs view-events, as the login rows it counts.
 */
public class UserPlacesResource extends VigilSubresource {

    static final int MAX_PLACES = 100;
    private static final long DAY = 86_400_000L;

    private final String userId;

    public UserPlacesResource(AdminContext context, String userId) {
        super(context);
        auth.realm().requireViewEvents();
        UserModel u = userOr404(userId);
        this.userId = u.getId();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<UserPlace> list(@QueryParam("days") String days) {
        int window = LoginEventsResource.badRequestOnError(() -> LoginEventsParams.integer("days", days, 90, 1, 365));
        return session.getProvider(RiskEngine.class).loginEvents().userPlaces(realm.getId(), userId,
                Time.currentTimeMillis() - window * DAY, MAX_PLACES);
    }
}
