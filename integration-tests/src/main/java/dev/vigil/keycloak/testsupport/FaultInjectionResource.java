package dev.vigil.keycloak.testsupport;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Breaks Vigil's storage for real (the table, one column, a stored model) and moves Keycloak's clock
 * ({@link Time#setOffset}, the mechanism Keycloak's own test suite uses), so tests exercise failure
 * handling and history against the real server and database.
 */
public class FaultInjectionResource {

    private final KeycloakSession session;

    FaultInjectionResource(KeycloakSession session) {
        this.session = session;
    }

    @POST
    @Path("login-table/break")
    public Response breakTable() {
        return sql("ALTER TABLE VIGIL_LOGIN_EVENT RENAME TO VIGIL_LOGIN_EVENT_AWAY");
    }

    @POST
    @Path("login-table/restore")
    public Response restoreTable() {
        return sql("ALTER TABLE VIGIL_LOGIN_EVENT_AWAY RENAME TO VIGIL_LOGIN_EVENT");
    }

    /** Recording keeps working (dynamic insert), scoring cannot store its result. */
    @POST
    @Path("score-column/break")
    public Response breakScoreColumn() {
        return sql(renameColumn("SCORE", "SCORE_AWAY"));
    }

    @POST
    @Path("score-column/restore")
    public Response restoreScoreColumn() {
        return sql(renameColumn("SCORE_AWAY", "SCORE"));
    }

    /**
     * Scoring fails, for good, for the rows of one username: a CHECK constraint refuses any score on them (a real
     * database error inside the scoring transaction), while recording and the attempt count still work.
     */
    @POST
    @Path("scoring-of-user/break")
    public Response breakScoringOfUser(@QueryParam("username") String username) {
        String name = plainName(username);
        return name == null ? Response.status(Response.Status.BAD_REQUEST).build()
                : sql("ALTER TABLE VIGIL_LOGIN_EVENT ADD CONSTRAINT VIGIL_TEST_UNSCORABLE_" + name.toUpperCase(java.util.Locale.ROOT)
                        + " CHECK (SCORE IS NULL OR USERNAME IS NULL OR USERNAME <> '" + name + "')");
    }

    @POST
    @Path("scoring-of-user/restore")
    public Response restoreScoringOfUser(@QueryParam("username") String username) {
        String name = plainName(username);
        return name == null ? Response.status(Response.Status.BAD_REQUEST).build()
                : sql("ALTER TABLE VIGIL_LOGIN_EVENT DROP CONSTRAINT VIGIL_TEST_UNSCORABLE_" + name.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Writes {@code count} successful logins of {@code username} (no user id) in the realm (id), waiting for
     * scoring, recorded {@code ageSeconds} ago and earlier: a backlog, as a crash or an outage leaves behind.
     */
    @POST
    @Path("unscored-rows")
    public Response unscoredRows(@QueryParam("realm") String realmId, @QueryParam("username") String username,
            @QueryParam("count") int count, @QueryParam("ageSeconds") int ageSeconds) {
        Response denied = authenticate();
        if (denied != null) {
            return denied;
        }
        var em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        long newest = Time.currentTimeMillis() - ageSeconds * 1000L;
        for (int i = 0; i < count; i++) {
            em.createNativeQuery("INSERT INTO VIGIL_LOGIN_EVENT (ID, REALM_ID, EVENT_TYPE, EVENT_TIME, USERNAME, CLIENT_ID,"
                            + " IP_ADDRESS, STATUS) VALUES (?1, ?2, 'LOGIN', ?3, ?4, 'backlog-client', '203.0.113.9', 'NEW')")
                    .setParameter(1, java.util.UUID.randomUUID().toString()).setParameter(2, realmId)
                    .setParameter(3, newest - i).setParameter(4, username).executeUpdate();
        }
        return Response.noContent().build();
    }

    private static String plainName(String username) {
        return username != null && username.matches("[a-z0-9]{1,20}") ? username : null;
    }

    /** H2 and PostgreSQL spell a column rename differently. */
    private String renameColumn(String from, String to) {
        String product = session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .unwrap(org.hibernate.Session.class)
                .doReturningWork(c -> c.getMetaData().getDatabaseProductName());
        return product.toLowerCase(java.util.Locale.ROOT).contains("h2")
                ? "ALTER TABLE VIGIL_LOGIN_EVENT ALTER COLUMN " + from + " RENAME TO " + to
                : "ALTER TABLE VIGIL_LOGIN_EVENT RENAME COLUMN " + from + " TO " + to;
    }

    /** Stores a newer model version that cannot be read (as a buggy or foreign writer would). */
    @POST
    @Path("model/publish-unreadable")
    public Response publishUnreadableModel(@QueryParam("realm") String realmId) {
        Response denied = authenticate();
        if (denied != null) {
            return denied;
        }
        var em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        Number latest = (Number) em.createNativeQuery("SELECT COALESCE(MAX(MODEL_VERSION), 0) FROM VIGIL_MODEL WHERE REALM_ID = ?1")
                .setParameter(1, realmId).getSingleResult();
        em.createNativeQuery("INSERT INTO VIGIL_MODEL (ID, REALM_ID, MODEL_VERSION, KIND, TRAINED_AT, SAMPLES, THRESHOLD,"
                        + " CONTAMINATION, PARAMETERS, DATA_FORMAT, MODEL_DATA) VALUES (?1, ?2, ?3, 'REALM', ?4, 1, 0.5, 0.01,"
                        + " 'broken', 1, 'VGhpcyBpcyBub3QgYSBtb2RlbA==')")
                .setParameter(1, java.util.UUID.randomUUID().toString()).setParameter(2, realmId)
                .setParameter(3, latest.longValue() + 1).setParameter(4, Time.currentTimeMillis()).executeUpdate();
        return Response.noContent().build();
    }

    /** How many Vigil user profiles the realm has (of {@code user} only, when given): data-removal checks. */
    @GET
    @Path("profiles")
    @Produces(MediaType.TEXT_PLAIN)
    public Response profiles(@QueryParam("realm") String realmId, @QueryParam("user") String userId) {
        Response denied = authenticate();
        if (denied != null) {
            return denied;
        }
        var em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        var query = em.createNativeQuery("SELECT COUNT(*) FROM VIGIL_USER_PROFILE WHERE REALM_ID = ?1"
                + (userId == null ? "" : " AND USER_ID = ?2")).setParameter(1, realmId);
        if (userId != null) {
            query.setParameter(2, userId);
        }
        Number n = (Number) query.getSingleResult();
        return Response.ok(String.valueOf(n.longValue())).build();
    }

    /** How many trusted-device rows (expired or void ones too) the user has: data-removal checks. */
    @GET
    @Path("trusted-devices")
    @Produces(MediaType.TEXT_PLAIN)
    public Response trustedDevices(@QueryParam("realm") String realmId, @QueryParam("user") String userId) {
        Response denied = authenticate();
        if (denied != null) {
            return denied;
        }
        Number n = (Number) session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("SELECT COUNT(*) FROM VIGIL_TRUSTED_DEVICE WHERE REALM_ID = ?1 AND USER_ID = ?2")
                .setParameter(1, realmId).setParameter(2, userId).getSingleResult();
        return Response.ok(String.valueOf(n.longValue())).build();
    }

    /** Ages every Vigil login row and profile of the realm by {@code days}, as if recorded that much earlier. */
    @POST
    @Path("backdate")
    public Response backdate(@QueryParam("realm") String realmId, @QueryParam("days") int days) {
        Response denied = authenticate();
        if (denied != null) {
            return denied;
        }
        long shift = days * 86_400_000L;
        var em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        em.createNativeQuery("UPDATE VIGIL_LOGIN_EVENT SET EVENT_TIME = EVENT_TIME - ?1 WHERE REALM_ID = ?2")
                .setParameter(1, shift).setParameter(2, realmId).executeUpdate();
        em.createNativeQuery("UPDATE VIGIL_USER_PROFILE SET UPDATED_AT = UPDATED_AT - ?1 WHERE REALM_ID = ?2")
                .setParameter(1, shift).setParameter(2, realmId).executeUpdate();
        return Response.noContent().build();
    }

    /** What the test-only listener {@code vigil-test-admin-events} saw of Vigil's admin events, as JSON. */
    @GET
    @Path("admin-events-seen")
    @Produces(MediaType.APPLICATION_JSON)
    public Response adminEventsSeen() {
        Response denied = authenticate();
        if (denied != null) {
            return denied;
        }
        return Response.ok(java.util.List.copyOf(AdminEventProbe.SEEN)).build();
    }

    /** How many login rows the realm (id) has of {@code user} (a user id): removal checks once the user is gone. */
    @GET
    @Path("login-rows")
    @Produces(MediaType.TEXT_PLAIN)
    public Response loginRows(@QueryParam("realm") String realmId, @QueryParam("user") String userId) {
        Response denied = authenticate();
        if (denied != null) {
            return denied;
        }
        var em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        Number n = (Number) em.createNativeQuery("SELECT COUNT(*) FROM VIGIL_LOGIN_EVENT WHERE REALM_ID = ?1 AND USER_ID = ?2")
                .setParameter(1, realmId).setParameter(2, userId).getSingleResult();
        return Response.ok(String.valueOf(n.longValue())).build();
    }

    /** Moves the server clock by {@code seconds} from real time (0 resets it). */
    @POST
    @Path("clock")
    public Response clock(@QueryParam("offset") int seconds) {
        Response denied = authenticate();
        if (denied != null) {
            return denied;
        }
        Time.setOffset(seconds);
        return Response.noContent().build();
    }

    private Response sql(String statement) {
        Response denied = authenticate();
        if (denied != null) {
            return denied;
        }
        session.getProvider(JpaConnectionProvider.class).getEntityManager().createNativeQuery(statement).executeUpdate();
        return Response.noContent().build();
    }

    private Response authenticate() {
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        return auth == null ? Response.status(Response.Status.UNAUTHORIZED).build() : null;
    }
}
