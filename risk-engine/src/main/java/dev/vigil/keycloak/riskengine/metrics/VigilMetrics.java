package dev.vigil.keycloak.riskengine.metrics;

import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

/**
 * Every meter Vigil publishes, declared once ({@link MicrometerMeters}): on Keycloak's management port
 * ({@code /metrics}) when the server runs with {@code --metrics-enabled=true}, through Micrometer's global registry,
 * where Keycloak's own providers register theirs. Labels are bounded: realm name, model kind, level, reason, outcome —
 * never a user. Every method is safe on a hot path and never throws, and does nothing where Micrometer is missing:
 * metrics must not fail a login. The README's operator page lists the meters and the alert rules worth having.
 */
public final class VigilMetrics {

    private static final Logger LOG = Logger.getLogger(VigilMetrics.class);
    private static final boolean MICROMETER = present();

    private VigilMetrics() {
    }

    private static boolean present() {
        try {
            Class.forName("io.micrometer.core.instrument.Metrics", false, VigilMetrics.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** A login row written ({@code type}: LOGIN, LOGIN_ERROR, …). */
    public static void recorded(String realm, String type) {
        guard(() -> MicrometerMeters.recorded(realm, type));
    }

    /** A login row could not be written (the login went on without it). */
    public static void recordingFailed(String realm) {
        guard(() -> MicrometerMeters.recordingFailed(realm));
    }

    /**
     * A login scored by the realm's model ({@code model}: BOOTSTRAP or REALM), {@code lagMillis} after it happened.
     */
    public static void scored(String realm, String model, boolean flagged, long lagMillis) {
        guard(() -> MicrometerMeters.scored(realm, model, flagged, lagMillis));
    }

    /** One scoring transaction (a batch of logins) took {@code nanos}. */
    public static void scoringBatch(long nanos, boolean committed) {
        guard(() -> MicrometerMeters.scoringBatch(nanos, committed));
    }

    /** The in-flow risk assessment of a login: its level and how long it took on the request path. */
    public static void assessed(String realm, String level, long nanos) {
        guard(() -> MicrometerMeters.assessed(realm, level, nanos));
    }

    /** An in-flow assessment could not be made; the configured fallback level was applied. */
    public static void assessmentFailed(String realm) {
        guard(() -> MicrometerMeters.assessmentFailed(realm));
    }

    /** A login refused by a Vigil authenticator ({@code reason}: the event error, e.g. vigil_high_risk). */
    public static void denied(String realm, String reason) {
        guard(() -> MicrometerMeters.denied(realm, reason));
    }

    /** Logins left unscored that the recovery task queued again. */
    public static void requeued(String realm, int logins) {
        guard(() -> MicrometerMeters.requeued(realm, logins));
    }

    /** An alert e-mail: {@code outcome} sent, failed or dropped (limits, full queue). */
    public static void alertMail(String outcome) {
        guard(() -> MicrometerMeters.alertMail(outcome));
    }

    /** The scoring queue's depth and the age of its oldest item, read when the registry is scraped. */
    public static void scoringQueue(LongSupplier depth, LongSupplier oldestMillis) {
        guard(() -> MicrometerMeters.scoringQueue(depth, oldestMillis));
    }

    /** The model the realm's logins are scored with now (version 0: the bootstrap model). */
    public static void modelInUse(String realm, long version, long trainedAt) {
        guard(() -> MicrometerMeters.modelInUse(realm, version, trainedAt));
    }

    private static void guard(Runnable meter) {
        if (!MICROMETER) {
            return;
        }
        try {
            meter.run();
        } catch (RuntimeException | LinkageError e) {
            LOG.debugf(e, "Vigil could not update a metric");
        }
    }
}
