package dev.vigil.keycloak.eventlistener.recording;

import dev.vigil.keycloak.eventlistener.support.FailureLog;
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

    private final KeycloakSessionFactory sessionFactory;
    private final FailureLog failures = new FailureLog(Logger.getLogger(LoginRecorder.class), "recording logins");

    public LoginRecorder(KeycloakSessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    /**
     * @param toScore whether the row waits for scoring
     * @return true when the row was written
     */
    public boolean record(LoginRecord record, boolean toScore) {
        try {
            KeycloakModelUtils.runJobInTransaction(sessionFactory,
                    s -> s.getProvider(RiskEngine.class).loginEvents().add(record, toScore));
        } catch (RuntimeException e) {
            failures.failed(e, record.type() + " event " + record.id() + " in realm " + record.realmId());
            return false;
        }
        failures.succeeded();
        return true;
    }
}
