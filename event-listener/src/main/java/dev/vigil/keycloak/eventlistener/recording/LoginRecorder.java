package dev.vigil.keycloak.eventlistener.recording;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.vigil.keycloak.riskengine.history.LoginRecord;
import dev.vigil.keycloak.riskengine.spi.RiskEngine;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Writes a {@link LoginRecord} before the login's response is sent, in a short transaction of its own.
 *
 * <p>Why not in the request's transaction: a failed INSERT there cannot be isolated — Hibernate marks
 * the JTA transaction rollback-only and PostgreSQL aborts the whole transaction after any failed
 * statement — so a Vigil write failure would fail the login. Keycloak suspends the request's JTA
 * transaction while this one runs (the same mechanism it uses to store error events), and the row is
 * committed before the response leaves, so nothing is lost. A failure is logged (once, until writes
 * succeed again) and swallowed.
 */
public class LoginRecorder {

    private static final Logger LOG = Logger.getLogger(LoginRecorder.class);

    private final KeycloakSessionFactory sessionFactory;
    private final AtomicBoolean failing = new AtomicBoolean();

    public LoginRecorder(KeycloakSessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    /** @return true when the row was written */
    public boolean record(LoginRecord record) {
        try {
            KeycloakModelUtils.runJobInTransaction(sessionFactory,
                    s -> s.getProvider(RiskEngine.class).loginEvents().add(record));
        } catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                LOG.errorf(e, "Vigil could not record %s event %s in realm %s; the login goes on unrecorded."
                        + " Further failures are logged at DEBUG until recording works again.",
                        record.type(), record.id(), record.realmId());
            } else {
                LOG.debugf(e, "Vigil could not record %s event %s", record.type(), record.id());
            }
            return false;
        }
        if (failing.compareAndSet(true, false)) {
            LOG.infof("Vigil login recording works again (event %s)", record.id());
        }
        return true;
    }
}
