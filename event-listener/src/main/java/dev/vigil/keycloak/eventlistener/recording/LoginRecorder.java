package dev.vigil.keycloak.eventlistener.recording;

import dev.vigil.keycloak.riskengine.metrics.VigilMetrics;
import dev.vigil.keycloak.eventlistener.support.FailureLog;
import dev.vigil.keycloak.riskengine.history.LoginEventStore;
import dev.vigil.keycloak.riskengine.history.LoginRecord;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Writes a {@link LoginRecord} before the login's response is sent, where it costs least: in the request's
 * own transaction, as a guarded write ({@link LoginEventStore#addGuarded}): a plain JDBC INSERT that Hibernate
 * never sees, so a failure cannot make it mark the JTA transaction rollback-only; where the database would
 * abort the whole transaction after a failed statement (PostgreSQL), a savepoint guards the INSERT and a
 * failure rolls back to it. Either way the login's transaction is unharmed. The row commits with the login,
 * and disappears with it if the login's transaction rolls back.
 *
 * <p>When the request has no usable transaction (none active, already rollback-only) or the database
 * offers no savepoint, the row is written in a short transaction of its own instead; Keycloak suspends
 * the request's JTA transaction meanwhile, the same way it stores error events. A failure is logged (once,
 * until writes succeed again) and swallowed.
 */
public class LoginRecorder {

    private static final Logger LOG = Logger.getLogger(LoginRecorder.class);

    private final KeycloakSessionFactory sessionFactory;
    private final FailureLog failures = new FailureLog(LOG, "recording logins");

    public LoginRecorder(KeycloakSessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    /**
     * @param session the request's session
     * @param toScore whether the row waits for scoring
     * @return true when the row was written
     */
    public boolean record(KeycloakSession session, LoginRecord record, boolean toScore) {
        String realm = realmName(session, record);
        LoginEventStore.GuardedWrite write = inRequestTransaction(session, record, toScore);
        if (write != null && write.written()) {
            failures.succeeded();
            VigilMetrics.recorded(realm, record.type());
            return true;
        }
        if (write != null && write.tried()) {
            failures.failed(write.failure(), describe(record));
            VigilMetrics.recordingFailed(realm);
            return false;
        }
        try {
            KeycloakModelUtils.runJobInTransaction(sessionFactory,
                    s -> s.getProvider(RiskEngine.class).loginEvents().add(record, toScore));
        } catch (RuntimeException e) {
            failures.failed(e, describe(record));
            VigilMetrics.recordingFailed(realm);
            return false;
        }
        failures.succeeded();
        VigilMetrics.recorded(realm, record.type());
        return true;
    }

    /** The realm's name for the meters (its id when the session has another realm at hand). */
    private static String realmName(KeycloakSession session, LoginRecord record) {
        var realm = session.getContext().getRealm();
        return realm != null && realm.getId().equals(record.realmId()) ? realm.getName() : record.realmId();
    }

    /** @return the outcome, or null when the request's transaction cannot take the row */
    private static LoginEventStore.GuardedWrite inRequestTransaction(KeycloakSession session, LoginRecord record,
            boolean toScore) {
        try {
            KeycloakTransactionManager tx = session.getTransactionManager();
            if (tx == null || !tx.isActive() || tx.getRollbackOnly()) {
                return null;
            }
            return session.getProvider(RiskEngine.class).loginEvents().addGuarded(record, toScore);
        } catch (RuntimeException e) {
            LOG.debugf(e, "Vigil could not write %s in the request's transaction", record.id());
            return null;
        }
    }

    private static String describe(LoginRecord record) {
        return record.type() + " event " + record.id() + " in realm " + record.realmId();
    }
}
