package dev.vigil.keycloak.eventlistener.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.vigil.keycloak.eventlistener.support.FailureLog;
import org.jboss.logging.Logger;

/**
 * A bounded queue drained by a few daemon threads in batches: a thread that takes an item keeps collecting
 * for up to {@code lingerMillis} (or until {@code maxBatch} items), then works on the batch while the next
 * thread collects. Under load, one transaction then serves several logins instead of one each; an item
 * waits at most {@code lingerMillis} longer. A full queue refuses new items instead of blocking the caller.
 *
 * <p>A worker thread never dies of what a batch throws, {@link Error}s included ({@code StackOverflowError},
 * {@code OutOfMemoryError}, {@code NoClassDefFoundError}): the batch is given up (its rows stay {@code NEW} for
 * the recovery task), the first such failure of a streak is logged at ERROR, and the thread takes the next
 * batch. A thread lost for good would silently halve scoring until the next restart; after an
 * {@code OutOfMemoryError} the heap is usually usable again once the failed batch's objects are gone.
 */
final class BatchQueue<T> {

    private static final Logger LOG = Logger.getLogger(BatchQueue.class);

    private final BlockingQueue<T> queue;
    private final int maxBatch;
    private final long lingerNanos;
    private final Object collecting = new Object();
    private final Consumer<List<T>> worker;
    private final List<Thread> threads = new ArrayList<>();
    private final FailureLog workerErrors;
    private volatile boolean closed;

    BatchQueue(String name, int threadCount, int capacity, int maxBatch, long lingerMillis, Consumer<List<T>> worker) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(lingerMillis);
        this.worker = worker;
        this.workerErrors = new FailureLog(LOG, "the " + name + " worker");
        for (int i = 1; i <= threadCount; i++) {
            Thread t = new Thread(this::drain, name + "-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Items waiting. */
    int size() {
        return queue.size();
    }

    /** The oldest item waiting, or null. */
    T peek() {
        return queue.peek();
    }

    /** @return false when the queue is full or closed */
    boolean offer(T item) {
        return !closed && queue.offer(item);
    }

    private void drain() {
        List<T> batch = new ArrayList<>(maxBatch);
        while (!closed) {
            try {
                collect(batch);
                if (!batch.isEmpty()) {
                    worker.accept(List.copyOf(batch));
                    workerErrors.succeeded();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.debugf(e, "Vigil: %d queued items not processed", batch.size());
            } catch (Error e) {
                workerErrors.failed(e, batch.size() + " queued items left for the recovery task");
            } finally {
                batch.clear();
            }
        }
    }

    /** One thread at a time: the first item (waiting at most a second, to notice closing), then what comes soon. */
    private void collect(List<T> batch) throws InterruptedException {
        synchronized (collecting) {
            T first = queue.poll(1, TimeUnit.SECONDS);
            if (first == null) {
                return;
            }
            batch.add(first);
            long deadline = System.nanoTime() + lingerNanos;
            while (batch.size() < maxBatch) {
                queue.drainTo(batch, maxBatch - batch.size());
                long left = deadline - System.nanoTime();
                if (batch.size() >= maxBatch || left <= 0) {
                    return;
                }
                T next = queue.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    return;
                }
                batch.add(next);
            }
        }
    }

    /** Worker threads still running (for tests). */
    long alive() {
        return threads.stream().filter(Thread::isAlive).count();
    }

    /** Stops taking items; waits up to {@code millis} for the batches under way. Items still queued are dropped. */
    void close(long millis) {
        closed = true;
        long deadline = System.currentTimeMillis() + millis;
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            t.interrupt();
        }
    }
}
