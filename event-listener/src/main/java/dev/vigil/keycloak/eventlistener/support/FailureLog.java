package dev.vigil.keycloak.eventlistener.support;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

/**
 * Logs the first failure of a streak at ERROR (with the stack trace), the rest at DEBUG, and one INFO
 * line when things work again — so a broken database does not flood the log with one error per login.
 */
public final class FailureLog {

    private final Logger log;
    private final String what;
    private final AtomicBoolean failing = new AtomicBoolean();

    public FailureLog(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    public void failed(Throwable e, String detail) {
        if (failing.compareAndSet(false, true)) {
            log.errorf(e, "Vigil: %s failed (%s); logins go on. Further failures are logged at DEBUG until it works"
                    + " again.", what, detail);
        } else {
            log.debugf(e, "Vigil: %s failed (%s)", what, detail);
        }
    }

    public void succeeded() {
        if (failing.compareAndSet(true, false)) {
            log.infof("Vigil: %s works again", what);
        }
    }
}
