package dev.vigil.keycloak.eventlistener.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

/**
 * A bounded queue drained by a few daemon threads, each taking everything waiting (up to {@code maxBatch}
 * items) at once: under load, one transaction then serves several logins instead of one each. A full
 * queue refuses new items instead of blocking the caller.
 */
final class BatchQueue<T> {

    private static final Logger LOG = Logger.getLogger(BatchQueue.class);

    private final BlockingQueue<T> queue;
    private final int maxBatch;
    private final Consumer<List<T>> worker;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    BatchQueue(String name, int threadCount, int capacity, int maxBatch, Consumer<List<T>> worker) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.worker = worker;
        for (int i = 1; i <= threadCount; i++) {
            Thread t = new Thread(this::drain, name + "-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** @return false when the queue is full or closed */
    boolean offer(T item) {
        return !closed && queue.offer(item);
    }

    private void drain() {
        List<T> batch = new ArrayList<>(maxBatch);
        while (!closed) {
            try {
                T first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                worker.accept(List.copyOf(batch));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.debugf(e, "Vigil: %d queued items not processed", batch.size());
            } finally {
                batch.clear();
            }
        }
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
