package dev.vigil.keycloak.bench.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import dev.vigil.keycloak.riskengine.features.Feature;
import dev.vigil.keycloak.riskengine.model.AnomalyModel;
import dev.vigil.keycloak.riskengine.model.BootstrapModel;
import dev.vigil.keycloak.riskengine.model.ModelCodec;
import dev.vigil.keycloak.riskengine.model.ModelKind;
import dev.vigil.keycloak.riskengine.model.ModelTrainer;
import smile.anomaly.IsolationForest;

/**
 * What Vigil's Isolation Forest costs: scoring per login (p50/p99), training from 10k / 100k / 1M rows of
 * history with bounded sampling (against fitting smile on all 10k rows, measured in the same run), and the
 * memory a realm's model takes. Last line: {@code MODEL score_p99_us=<x> train_1m_s=<y> model_kib=<z>}.
 */
public final class ModelBench {

    private ModelBench() {
    }

    public static void main(String[] args) {
        Random random = new Random(1);
        System.out.printf(Locale.ROOT, "Vigil model benchmark: %d trees, max depth %d, %d rows per tree, %d features%n",
                ModelTrainer.TREES, ModelTrainer.MAX_DEPTH, ModelTrainer.ROWS_PER_TREE, Feature.COUNT);
        System.out.printf(Locale.ROOT, "JVM %s, %d cores%n%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        // --- scoring ---
        AnomalyModel model = trainBounded(BootstrapModel.normalBehaviour(ModelTrainer.MAX_SAMPLES, random));
        double[][] probes = BootstrapModel.normalBehaviour(10_000, new Random(2));
        // baseline in the same run: smile's own score of a forest of the same size fitted on the same rows
        IsolationForest smile = IsolationForest.fit(BootstrapModel.normalBehaviour(ModelTrainer.MAX_SAMPLES,
                new Random(1)), ModelTrainer.TREES, ModelTrainer.MAX_DEPTH,
                ModelTrainer.ROWS_PER_TREE / (double) ModelTrainer.MAX_SAMPLES, ModelTrainer.EXTENSION_LEVEL);
        double sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += model.score(probes[i % probes.length]) + smile.score(probes[i % probes.length]);
        }
        long[] nanos = new long[200_000];
        long[] smileNanos = new long[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            double[] x = probes[i % probes.length];
            long t0 = System.nanoTime();
            sink += model.score(x);
            long t1 = System.nanoTime();
            sink += smile.score(x);
            nanos[i] = t1 - t0;
            smileNanos[i] = System.nanoTime() - t1;
        }
        Arrays.sort(nanos);
        Arrays.sort(smileNanos);
        double p50 = nanos[nanos.length / 2] / 1000.0;
        double p99 = nanos[(int) (nanos.length * 0.99)] / 1000.0;
        double smileP50 = smileNanos[nanos.length / 2] / 1000.0;
        System.out.printf(Locale.ROOT, "score: p50 %.1f us, p99 %.1f us, max %.1f us (%d calls)%n", p50, p99,
                nanos[nanos.length - 1] / 1000.0, nanos.length);
        System.out.printf(Locale.ROOT, "  baseline, smile's own score of a forest of that size: p50 %.1f us, p99 %.1f us"
                + " (Vigil/smile p50 = %.2f)%n", smileP50, smileNanos[(int) (nanos.length * 0.99)] / 1000.0,
                p50 / smileP50);

        // --- training ---
        System.out.println();
        System.out.println("training (reservoir sample of at most " + ModelTrainer.MAX_SAMPLES + " rows, then fit):");
        double train1m = 0;
        for (int rows : new int[] {10_000, 100_000, 1_000_000}) {
            double seconds = timeBoundedTraining(rows, new Random(rows));
            System.out.printf(Locale.ROOT, "  %,9d history rows: %.2f s%n", rows, seconds);
            if (rows == 1_000_000) {
                train1m = seconds;
            }
        }
        double[][] tenK = BootstrapModel.normalBehaviour(10_000, new Random(3));
        long t0 = System.nanoTime();
        IsolationForest unbounded = IsolationForest.fit(tenK, ModelTrainer.TREES, ModelTrainer.MAX_DEPTH,
                ModelTrainer.ROWS_PER_TREE / (double) tenK.length, ModelTrainer.EXTENSION_LEVEL);
        double unboundedSeconds = (System.nanoTime() - t0) / 1e9;
        sink += unbounded.score(tenK[0]);
        double boundedTenK = timeBoundedTraining(10_000, new Random(4));
        System.out.printf(Locale.ROOT, "  baseline, smile fit on all 10,000 rows: %.2f s (bounded/unbounded = %.2f)%n",
                unboundedSeconds, boundedTenK / unboundedSeconds);

        // --- memory ---
        System.out.println();
        int serializedBytes = ModelCodec.encode(model).length() * 3 / 4;
        long heapPerModel = heapPerModel();
        System.out.printf(Locale.ROOT, "model size: %.1f KiB serialized (stored in VIGIL_MODEL, base64), %.1f KiB on the heap%n",
                serializedBytes / 1024.0, heapPerModel / 1024.0);
        System.out.println("(checksum " + (sink > 0 ? "ok" : "0") + ")");
        System.out.printf(Locale.ROOT, "MODEL score_p99_us=%.1f train_1m_s=%.2f model_kib=%.0f%n", p99, train1m,
                heapPerModel / 1024.0);
    }

    private static AnomalyModel trainBounded(double[][] sample) {
        return ModelTrainer.train(sample, 0.01, ModelKind.REALM, System.currentTimeMillis());
    }

    /** Streams {@code rows} history vectors through the reservoir (as the store does) and fits on the sample. */
    private static double timeBoundedTraining(int rows, Random random) {
        double[][] block = BootstrapModel.normalBehaviour(10_000, random);
        long t0 = System.nanoTime();
        ModelTrainer.Reservoir reservoir = new ModelTrainer.Reservoir(ModelTrainer.MAX_SAMPLES, random);
        for (int i = 0; i < rows; i++) {
            reservoir.offer(block[i % block.length]);
        }
        trainBounded(reservoir.sample());
        return (System.nanoTime() - t0) / 1e9;
    }

    private static long heapPerModel() {
        int n = 20;
        AnomalyModel[] keep = new AnomalyModel[n];
        long before = usedHeap();
        for (int i = 0; i < n; i++) {
            keep[i] = trainBounded(BootstrapModel.normalBehaviour(ModelTrainer.MAX_SAMPLES, new Random(100 + i)));
        }
        long after = usedHeap();
        long per = Math.max(0, (after - before) / n);
        if (keep[n - 1] == null) {
            throw new IllegalStateException();
        }
        return per;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
