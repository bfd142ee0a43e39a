package dev.vigil.keycloak.bench.soak;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed schedule: login {@code k} is due at {@code start + k / rate}, whatever happened to the ones before (an open
 * loop). A scheduler thread hands each due login to a pool of sender threads; when they are all busy, logins queue
 * and their wait counts. Latency is taken from the due time, not from the moment a thread got to it, so that a
 * stalled server shows in the percentiles instead of slowing the load down (no coordinated omission).
 * Window {@code m} (0-based) holds the logins due in minute {@code m+1} ({@code sent}) and those that ended in it;
 * the last window, {@code minutes}, those that ended after the schedule.
 */
final class OpenLoop {

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final Traffic traffic;
    private final double rate;
    private final int minutes;
    private final Window[] windows;
    private final ThreadPoolExecutor senders;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();
    private Thread scheduler;
    private long start;

    OpenLoop(Traffic traffic, double rate, int minutes, int threads) {
        this.traffic = traffic;
        this.rate = rate;
        this.minutes = minutes;
        this.windows = new Window[minutes + 1];
        for (int m = 0; m <= minutes; m++) {
            windows[m] = new Window();
        }
        AtomicInteger n = new AtomicInteger();
        this.senders = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "soak-sender-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        senders.prestartAllCoreThreads();
    }

    /** Starts the schedule now; returns its start ({@link System#nanoTime()}). */
    long start() {
        start = System.nanoTime();
        long end = start + minutes * MINUTE;
        scheduler = new Thread(() -> {
            for (long k = 0; ; k++) {
                long due = start + (long) (k * 1e9 / rate);
                if (due >= end) {
                    return;
                }
                for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                    LockSupport.parkNanos(due - now);
                }
                windows[window(due)].sent();
                sent.incrementAndGet();
                long attempt = traffic.nextAttempt();
                senders.execute(() -> {
                    Traffic.Result result = traffic.perform(attempt);
                    windows[window(result.endNanos())].ended(result.outcome(), result.endNanos() - due);
                    ended.incrementAndGet();
                });
            }
        }, "soak-scheduler");
        scheduler.start();
        return start;
    }

    private int window(long nanos) {
        return (int) Math.min(minutes, Math.max(0, (nanos - start) / MINUTE));
    }

    Window window(int m) {
        return windows[m];
    }

    /** Logins sent that have not ended yet. */
    long inFlight() {
        return sent.get() - ended.get();
    }

    /** Waits for the schedule to end and then for every login sent to end (at most {@code maxSeconds} more). */
    boolean awaitEnd(int maxSeconds) throws InterruptedException {
        scheduler.join();
        senders.shutdown();
        return senders.awaitTermination(maxSeconds, TimeUnit.SECONDS);
    }
}
