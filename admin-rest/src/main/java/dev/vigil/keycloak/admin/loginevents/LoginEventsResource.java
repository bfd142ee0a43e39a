package dev.vigil.keycloak.admin.loginevents;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vigil.keycloak.admin.rest.AdminContext;
import dev.vigil.keycloak.admin.rest.VigilSubresource;
import dev.vigil.keycloak.riskengine.actions.CompromisedAccount;
import dev.vigil.keycloak.riskengine.history.Feedback;
import dev.vigil.keycloak.riskengine.history.LoginEventQuery;
import dev.vigil.keycloak.riskengine.history.StoredLogin;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.UserModel;
import org.keycloak.services.ErrorResponse;

/** {@code /admin/realms/{realm}/vigil/login-events}: the realm's recorded events, one login, feedback. */
public class LoginEventsResource extends VigilSubresource {

    public LoginEventsResource(AdminContext context) {
        super(context);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<LoginEventRepresentation> list(
            @QueryParam("first") String first,
            @QueryParam("max") String max,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("user") String user,
            @QueryParam("type") String type,
            @QueryParam("status") String status,
            @QueryParam("level") String level) {
        auth.realm().requireViewEvents();
        LoginEventQuery query = badRequestOnError(() -> LoginEventsParams.withLevel(
                LoginEventsParams.parse(first, max, from, to, user, type, status), level));
        return engine().loginEvents().list(realm.getId(), query).stream().map(LoginEventRepresentation::of).toList();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public LoginEventDetail get(@PathParam("id") String id) {
        auth.realm().requireViewEvents();
        return LoginEventDetail.of(find(id));
    }

    /**
     * An admin's verdict. {@code compromised} also ends every session of the user and revokes the trust of every
     * device they trusted. Stored for the model
     * quality metrics of {@code GET model} and for training. Giving {@code compromised}, and reversing it,
     * need manage-users as well as manage-events.
     */
    @POST
    @Path("{id}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public LoginEventDetail feedback(@PathParam("id") String id, FeedbackRequest body) {
        auth.realm().requireManageEvents();
        Feedback verdict = badRequestOnError(() -> parseFeedback(body));
        StoredLogin login = find(id);
        UserModel user = login.login().userId() == null ? null
                : session.users().getUserById(realm, login.login().userId());
        boolean reversesCompromised = login.feedback() == Feedback.COMPROMISED && verdict != Feedback.COMPROMISED;
        if (verdict == Feedback.COMPROMISED || reversesCompromised) {
            // giving or taking back "compromised" takes the same rights: manage-users (for this user)
            if (user != null) {
                auth.users().requireManage(user);
            } else {
                auth.users().requireManage();
            }
        }
        int revoked = 0;
        int untrusted = 0;
        if (verdict == Feedback.COMPROMISED && user != null) {
            CompromisedAccount.Secured secured = CompromisedAccount.secure(session, realm, user);
            revoked = secured.sessions();
            untrusted = secured.devices();
        }
        String by = auth.adminAuth().getUser().getUsername();
        engine().loginEvents().feedback(realm.getId(), id, verdict, by, Time.currentTimeMillis());
        adminEvent.operation(OperationType.ACTION).resource("VIGIL_LOGIN")
                .resourcePath(session.getContext().getUri())
                .representation(Map.of("loginId", id, "feedback", verdict.name(), "sessionsRevoked", revoked,
                        "trustedDevicesRevoked", untrusted))
                .success();
        return LoginEventDetail.of(find(id));
    }

    private StoredLogin find(String id) {
        if (!plausibleId(id, 64)) {
            throw ErrorResponse.error("no such login event", Response.Status.NOT_FOUND);
        }
        return engine().loginEvents().find(realm.getId(), id)
                .orElseThrow(() -> ErrorResponse.error("no such login event", Response.Status.NOT_FOUND));
    }

    private static Feedback parseFeedback(FeedbackRequest body) {
        if (body == null || body.feedback() == null) {
            throw new IllegalArgumentException("body must be {\"feedback\": \"safe\"} or {\"feedback\": \"compromised\"}");
        }
        return switch (body.feedback().trim().toLowerCase(Locale.ROOT)) {
            case "safe" -> Feedback.SAFE;
            case "compromised" -> Feedback.COMPROMISED;
            default -> throw new IllegalArgumentException("feedback must be safe or compromised");
        };
    }

    private RiskEngine engine() {
        return session.getProvider(RiskEngine.class);
    }

    /** Runs a parser; its {@link IllegalArgumentException} becomes 400 with the message. */
    public static <T> T badRequestOnError(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw ErrorResponse.error(e.getMessage(), Response.Status.BAD_REQUEST);
        }
    }
}
