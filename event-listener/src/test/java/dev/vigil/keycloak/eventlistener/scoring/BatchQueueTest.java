package dev.vigil.keycloak.eventlistener.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The scoring threads survive whatever a batch throws, Errors included, and go on with later items. */
class BatchQueueTest {

    @Test
    void workersSurviveErrorsThrownByABatchAndProcessLaterItems() throws Exception {
        Set<Integer> done = ConcurrentHashMap.newKeySet();
        BatchQueue<Integer> queue = new BatchQueue<>("test-scoring", 2, 100, 1, 0, batch -> {
            int item = batch.get(0);
            switch (item) {
                case 1 -> throw new StackOverflowError("reading a model");
                case 2 -> throw new OutOfMemoryError("Java heap space");
                case 3 -> throw new NoClassDefFoundError("smile/anomaly/IsolationTree");
                case 4 -> throw new IllegalStateException("database down");
                default -> done.add(item);
            }
        });
        try {
            for (int i = 1; i <= 4; i++) {
                assertThat(queue.offer(i)).isTrue();
            }
            for (int i = 10; i < 30; i++) {
                assertThat(queue.offer(i)).isTrue();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (done.size() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(done).as("every item after the failing ones is processed").hasSize(20);
            assertThat(queue.alive()).as("both worker threads are still alive").isEqualTo(2);
        } finally {
            queue.close(1_000);
        }
    }

    @Test
    void aFullQueueRefusesInsteadOfBlocking() {
        BatchQueue<Integer> queue = new BatchQueue<>("test-full", 1, 2, 1, 0, batch -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            List<Boolean> accepted = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                accepted.add(queue.offer(i));
            }
            assertThat(accepted).contains(false);
        } finally {
            queue.close(100);
        }
    }
}
