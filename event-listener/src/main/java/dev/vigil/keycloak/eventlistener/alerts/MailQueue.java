package dev.vigil.keycloak.eventlistener.alerts;

import dev.vigil.keycloak.riskengine.metrics.VigilMetrics;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

/**
 * Sends alert e-mails off the scoring threads: one realm whose SMTP server hangs (every send waits for its
 * timeouts) then delays only its own mail, never the scoring of other realms' logins. Bounded everywhere: a few
 * {@code vigil-mail-*} threads, a bounded queue, at most {@code maxPendingPerRealm} e-mails waiting per realm and
 * {@code maxPerRealmPerHour} sent per realm and hour. What does not fit is dropped, counted, and logged once per
 * realm and hour.
 */
public final class MailQueue {

    private static final Logger LOG = Logger.getLogger(MailQueue.class);
    private static final long HOUR = 3_600_000L;

    private final ThreadPoolExecutor executor;
    private final int maxPendingPerRealm;
    private final int maxPerRealmPerHour;
    private final Map<String, AtomicInteger> pending = new ConcurrentHashMap<>();
    private final Map<String, Window> sentThisHour = new ConcurrentHashMap<>();
    private final Map<String, Long> droppedLoggedAt = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();

    public MailQueue(int threads, int capacity, int maxPendingPerRealm, int maxPerRealmPerHour) {
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(capacity),
                r -> {
                    Thread t = new Thread(r, "vigil-mail-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.maxPendingPerRealm = maxPendingPerRealm;
        this.maxPerRealmPerHour = maxPerRealmPerHour;
    }

    private static final class Window {
        long start;
        int count;
    }

    /** Queues one alert of the realm; returns at once. False when it was dropped (limits, full queue, closed). */
    public boolean submit(String realmId, Runnable send) {
        if (!takeHourlySlot(realmId)) {
            return drop(realmId, "more than " + maxPerRealmPerHour + " alert e-mails this hour");
        }
        AtomicInteger waiting = pending.computeIfAbsent(realmId, k -> new AtomicInteger());
        if (waiting.incrementAndGet() > maxPendingPerRealm) {
            waiting.decrementAndGet();
            return drop(realmId, maxPendingPerRealm + " alert e-mails already waiting (is its SMTP server slow?)");
        }
        try {
            executor.execute(() -> {
                try {
                    send.run();
                } catch (RuntimeException e) {
                    LOG.debugf(e, "Vigil alert e-mail of realm %s failed", realmId);
                } finally {
                    waiting.decrementAndGet();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            waiting.decrementAndGet();
            return drop(realmId, "the alert queue is full");
        }
    }

    private synchronized boolean takeHourlySlot(String realmId) {
        long now = System.currentTimeMillis();
        Window w = sentThisHour.computeIfAbsent(realmId, k -> new Window());
        if (now - w.start >= HOUR) {
            w.start = now;
            w.count = 0;
        }
        if (w.count >= maxPerRealmPerHour) {
            return false;
        }
        w.count++;
        return true;
    }

    private boolean drop(String realmId, String why) {
        dropped.incrementAndGet();
        VigilMetrics.alertMail("dropped");
        long now = System.currentTimeMillis();
        Long last = droppedLoggedAt.get(realmId);
        if (last == null || now - last >= HOUR) {
            droppedLoggedAt.put(realmId, now);
            LOG.warnf("Vigil dropped an alert e-mail of realm %s: %s. Further drops of this realm are not logged for"
                    + " an hour; scoring is not affected.", realmId, why);
        }
        return false;
    }

    /** Alert e-mails dropped since start. */
    public long dropped() {
        return dropped.get();
    }

    /** E-mails of the realm waiting or being sent. */
    public int pending(String realmId) {
        AtomicInteger n = pending.get(realmId);
        return n == null ? 0 : n.get();
    }

    public void close() {
        executor.shutdownNow();
    }
}
