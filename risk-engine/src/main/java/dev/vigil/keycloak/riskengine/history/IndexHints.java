package dev.vigil.keycloak.riskengine.history;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import jakarta.persistence.EntityManager;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.jboss.logging.Logger;

/**
 * Index hints for the statements a login's request path runs, on H2 only. With its default column statistics H2's
 * planner rates a realm-wide (realm, time) index as cheap as the (realm, user|ip, …) one a read is written for, takes
 * it, and walks every row of the realm in the window on each login (seen with {@code EXPLAIN ANALYZE} while
 * {@code bench/login-overhead} ran: 301 rows scanned instead of 1, about 0.7 ms per count, growing with the realm's
 * traffic). PostgreSQL and the other databases plan from real statistics and get no hint. Should a hinted statement
 * fail on H2, it runs once more without the hint (H2 does not spoil the transaction for a failed statement); if that
 * works, the hint was the trouble (an index renamed by hand, say) and no hint is given from then on.
 */
public final class IndexHints {

    private static final Logger LOG = Logger.getLogger(IndexHints.class);
    private static final AtomicBoolean ENABLED = new AtomicBoolean(true);
    private static volatile Boolean h2;

    private IndexHints() {
    }

    /**
     * Runs {@code statement} with the hint for {@code index} (H2's {@code USE INDEX (…)}, written after the table's
     * alias), or with an empty one.
     */
    public static <T> T run(EntityManager em, String index, Function<String, T> statement) {
        return runEach(em, hints -> statement.apply(hints.apply(index)));
    }

    /**
     * {@link #run(EntityManager, String, Function)} for a statement that reads the table more than once (a
     * {@code UNION ALL}, each part along its own index): {@code statement} is given what turns an index's name into
     * its hint (or into an empty string).
     */
    public static <T> T runEach(EntityManager em, Function<UnaryOperator<String>, T> statement) {
        return runEach(ENABLED.get() && isH2(em), statement);
    }

    /** {@link #run(EntityManager, String, Function)} on a database that is H2 when {@code h2} says so. */
    static <T> T run(boolean h2, String index, Function<String, T> statement) {
        return runEach(h2, hints -> statement.apply(hints.apply(index)));
    }

    /** {@link #runEach(EntityManager, Function)} on a database that is H2 when {@code h2} says so. */
    static <T> T runEach(boolean h2, Function<UnaryOperator<String>, T> statement) {
        UnaryOperator<String> none = index -> "";
        if (!h2 || !ENABLED.get()) {
            return statement.apply(none);
        }
        RuntimeException refused;
        try {
            return statement.apply(index -> " USE INDEX (" + index + ")");
        } catch (RuntimeException e) {
            refused = e;
        }
        T result;
        try {
            result = statement.apply(none);
        } catch (RuntimeException e) {
            e.addSuppressed(refused);
            throw e; // not the hint (a table gone, the database away): hints stay
        }
        if (ENABLED.compareAndSet(true, false)) {
            LOG.warnf("Vigil's index hint for H2 was refused (%s); its reads run without hints from now on",
                    refused.getMessage());
        }
        return result;
    }

    /** Whether hints are given (for tests). */
    static boolean enabled() {
        return ENABLED.get();
    }

    /** Gives hints again (for tests). */
    static void reset() {
        ENABLED.set(true);
    }

    private static boolean isH2(EntityManager em) {
        Boolean is = h2;
        if (is == null) {
            is = em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices()
                    .getDialect() instanceof H2Dialect;
            h2 = is;
        }
        return is;
    }
}
