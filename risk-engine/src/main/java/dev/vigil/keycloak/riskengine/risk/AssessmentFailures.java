package dev.vigil.keycloak.riskengine.risk;

import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

/**
 * Logs failed assessments without flooding the log during an outage: the first failure, then at most one line a
 * minute with the number of failures in between (each login then used the realm's fallback level).
 */
public final class AssessmentFailures {

    private static final Logger LOG = Logger.getLogger(AssessmentFailures.class);
    private static final long MINUTE = 60_000L;
    private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong since = new AtomicLong();

    public void log(RealmModel realm, Throwable e, RiskLevel fallback) {
        long now = System.currentTimeMillis();
        long last = lastLogged.get();
        long skipped = since.incrementAndGet();
        if (now - last >= MINUTE && lastLogged.compareAndSet(last, now)) {
            since.set(0);
            LOG.warnf(e, "Vigil could not assess the login risk in realm %s; the fallback level %s was used (%d failed"
                    + " assessment(s) since the last such line)", realm.getName(), fallback, skipped);
        }
    }
}
