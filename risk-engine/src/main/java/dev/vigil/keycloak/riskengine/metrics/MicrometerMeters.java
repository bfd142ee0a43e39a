package dev.vigil.keycloak.riskengine.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of {@link VigilMetrics} on Micrometer's global registry; loaded only when Micrometer is on the class path
 * (it always is in Keycloak's distribution). {@link VigilMetrics} guards every call.
 */
final class MicrometerMeters {

    /** histogram range of the request-path and scoring timers */
    private static final Duration MIN = Duration.ofNanos(50_000);
    private static final Duration MAX = Duration.ofSeconds(30);
    /** per realm name, the model it scores with: read by the model gauges */
    private static final Map<String, ModelState> MODELS = new ConcurrentHashMap<>();

    /**
     * The per-login meters, by name and tags: registering a meter again looks it up in the registry (an id built,
     * its tags sorted), a few microseconds on every login for a meter that already exists
     */
    private static final Map<String, Meter> PER_LOGIN = new ConcurrentHashMap<>();

    private MicrometerMeters() {
    }

    @SuppressWarnings("unchecked")
    private static <M extends Meter> M perLogin(String key, Supplier<M> register) {
        return (M) PER_LOGIN.computeIfAbsent(key, k -> register.get());
    }

    private static MeterRegistry registry() {
        return Metrics.globalRegistry;
    }

    /** A login row written ({@code type}: LOGIN, LOGIN_ERROR, …). */
    static void recorded(String realm, String type) {
        perLogin("recorded|" + realm + "|" + type, () -> Counter.builder("vigil.logins.recorded")
                .description("Login events recorded by Vigil").tag("realm", realm).tag("type", type)
                .register(registry())).increment();
    }

    /** A login row could not be written (the login went on without it). */
    static void recordingFailed(String realm) {
        Counter.builder("vigil.recording.failures").description("Login events Vigil could not record")
                .tag("realm", realm).register(registry()).increment();
    }

    /**
     * A login scored by the realm's model ({@code model}: BOOTSTRAP or REALM), {@code lagMillis} after it happened.
     */
    static void scored(String realm, String model, boolean flagged, long lagMillis) {
        perLogin("scored|" + realm + "|" + model, () -> Counter.builder("vigil.logins.scored")
                .description("Successful logins scored by the Isolation Forest").tag("realm", realm)
                .tag("model", model).register(registry())).increment();
        if (flagged) {
            perLogin("flagged|" + realm + "|" + model, () -> Counter.builder("vigil.logins.flagged")
                    .description("Scored logins flagged as outliers").tag("realm", realm).tag("model", model)
                    .register(registry())).increment();
        }
        perLogin("lag", () -> Timer.builder("vigil.scoring.lag").description("Time from a login to its score")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1)).register(registry()))
                .record(Duration.ofMillis(Math.max(0, lagMillis)));
    }

    /** One scoring transaction (a batch of logins) took {@code nanos}. */
    static void scoringBatch(long nanos, boolean committed) {
        Timer.builder("vigil.scoring.batch").description("Scoring transactions (a batch of logins)")
                .tag("outcome", committed ? "committed" : "failed").publishPercentileHistogram()
                .minimumExpectedValue(MIN).maximumExpectedValue(MAX).register(registry()).record(Duration.ofNanos(nanos));
    }

    /** The in-flow risk assessment of a login: its level and how long it took on the request path. */
    static void assessed(String realm, String level, long nanos) {
        perLogin("assessed|" + realm + "|" + level, () -> Counter.builder("vigil.assessments")
                .description("In-flow risk assessments by level (MEDIUM: step-up)").tag("realm", realm)
                .tag("level", level).register(registry())).increment();
        perLogin("assessment", () -> Timer.builder("vigil.assessment.duration")
                .description("In-flow risk assessment on the request path").publishPercentileHistogram()
                .minimumExpectedValue(MIN).maximumExpectedValue(MAX).register(registry()))
                .record(Duration.ofNanos(nanos));
    }

    /** An in-flow assessment could not be made; the configured fallback level was applied. */
    static void assessmentFailed(String realm) {
        Counter.builder("vigil.assessment.failures")
                .description("In-flow assessments that failed and fell back to the configured level")
                .tag("realm", realm).register(registry()).increment();
    }

    /** A login refused by a Vigil authenticator ({@code reason}: the event error, e.g. vigil_high_risk). */
    static void denied(String realm, String reason) {
        Counter.builder("vigil.denials").description("Logins refused by Vigil's authenticators")
                .tag("realm", realm).tag("reason", reason).register(registry()).increment();
    }

    /** Logins left unscored that the recovery task queued again. */
    static void requeued(String realm, int logins) {
        Counter.builder("vigil.recovery.requeued").description("Unscored logins queued again by recovery")
                .tag("realm", realm).register(registry()).increment(logins);
    }

    /** An alert e-mail: {@code outcome} sent, failed or dropped (limits, full queue). */
    static void alertMail(String outcome) {
        Counter.builder("vigil.alert.emails").description("Alert e-mails by outcome")
                .tag("outcome", outcome).register(registry()).increment();
    }

    /** The scoring queue's depth and the age of its oldest item, read when the registry is scraped. */
    static void scoringQueue(LongSupplier depth, LongSupplier oldestMillis) {
        Gauge.builder("vigil.scoring.queue.depth", depth, d -> d.getAsLong())
                .description("Logins waiting for scoring on this node").strongReference(true).register(registry());
        Gauge.builder("vigil.scoring.queue.oldest", oldestMillis, d -> d.getAsLong() / 1000.0)
                .description("Age of the oldest login waiting for scoring on this node").baseUnit("seconds")
                .strongReference(true).register(registry());
    }

    /** The model the realm's logins are scored with now (version 0: the bootstrap model). */
    static void modelInUse(String realm, long version, long trainedAt) {
        ModelState state = MODELS.computeIfAbsent(realm, r -> {
            ModelState s = new ModelState();
            Gauge.builder("vigil.model.version", s, m -> m.version).description("Model version scoring the realm"
                    + " (0: bootstrap)").tag("realm", r).strongReference(true).register(registry());
            Gauge.builder("vigil.model.age", s, m -> m.trainedAt <= 0 ? 0
                    : (System.currentTimeMillis() - m.trainedAt) / 1000.0).baseUnit("seconds")
                    .description("Age of the realm's model (0: bootstrap)").tag("realm", r).strongReference(true)
                    .register(registry());
            return s;
        });
        state.version = version;
        state.trainedAt = version == 0 ? 0 : trainedAt;
    }

    private static final class ModelState {
        volatile long version;
        volatile long trainedAt;
    }
}
