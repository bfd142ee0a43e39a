package dev.vigil.keycloak.eventlistener.support;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.timer.ScheduledTask;

/**
 * A Vigil task on Keycloak's timer whose failures are logged once per streak ({@link FailureLog}): while the database
 * is away, Keycloak's task runner would log one ERROR per run of every task; this logs the first failure, the rest at
 * DEBUG, and one line when the task works again. Each task stays a class of its own: Keycloak's cluster-aware runner
 * tells tasks apart by their class name.
 */
public abstract class VigilScheduledTask implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(VigilScheduledTask.class);

    private volatile FailureLog failures;

    @Override
    public final void run(KeycloakSession session) {
        try {
            runTask(session);
            failures().succeeded();
        } catch (RuntimeException e) {
            failures().failed(e, "it runs again at its next interval");
            KeycloakTransactionManager tx = session.getTransactionManager();
            if (tx != null && tx.isActive()) {
                tx.setRollbackOnly();
            }
        }
    }

    /** The task's work, in the transaction Keycloak's runner opened. */
    protected abstract void runTask(KeycloakSession session);

    private FailureLog failures() {
        FailureLog f = failures;
        if (f == null) {
            f = new FailureLog(LOG, "the scheduled task " + getTaskName());
            failures = f;
        }
        return f;
    }
}
