package dev.vigil.keycloak.riskengine.model;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Optional;

import org.jboss.logging.Logger;
import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;

/**
 * A trained smile Isolation Forest laid out in flat arrays, scoring exactly as smile does (the same products, summed
 * in the same order) at a fraction of the cost. smile's node takes the dot product of the login's features with its
 * split direction over every feature, although with Vigil's extension level 0 all but one of its weights are zero:
 * that product was most of a forest score (JFR of {@code bench/login-overhead}: {@code MathEx.dot} in 23 of 27 samples
 * of {@code IsolationForest.score}). Here each node keeps only its non-zero weights. Leaving out a term {@code x·0}
 * does not change a sum of finite numbers, so features that are not all finite, or not of the forest's dimension,
 * are scored by smile itself; so is every model when the forest's structure cannot be read (a smile version whose
 * fields differ: then {@link #of} is empty and says so once in the log).
 */
final class CompiledForest {

    private static final Logger LOG = Logger.getLogger(CompiledForest.class);
    private static volatile boolean warned;

    private final int dimension;
    private final double c;
    private final int[] roots;
    /** per node: its children, -1 for a leaf's */
    private final int[] left;
    private final int[] right;
    /** per node: a leaf's path length, an inner node's bias */
    private final double[] value;
    /** per node: its non-zero weights are {@code weight[termStart[n]] … weight[termStart[n + 1] - 1]} */
    private final int[] termStart;
    private final int[] termFeature;
    private final double[] termWeight;

    private CompiledForest(int dimension, double c, int[] roots, int[] left, int[] right, double[] value,
            int[] termStart, int[] termFeature, double[] termWeight) {
        this.dimension = dimension;
        this.c = c;
        this.roots = roots;
        this.left = left;
        this.right = right;
        this.value = value;
        this.termStart = termStart;
        this.termFeature = termFeature;
        this.termWeight = termWeight;
    }

    /** The forest's layout, or empty when its structure cannot be read (smile's score is used then). */
    static Optional<CompiledForest> of(IsolationForest forest) {
        try {
            return Optional.of(new Builder().build(forest));
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.infof("Vigil scores logins with smile's own Isolation Forest code (its layout is not the one Vigil"
                        + " reads: %s)", e.toString());
            }
            return Optional.empty();
        }
    }

    /** Whether {@link #score} gives smile's score for {@code x}: of the forest's dimension, every feature finite. */
    boolean accepts(double[] x) {
        if (x.length != dimension) {
            return false;
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** {@link IsolationForest#score(double[])} of an {@link #accepts accepted} {@code x}. */
    double score(double[] x) {
        double sum = 0;
        for (int root : roots) {
            sum += path(root, x);
        }
        sum /= roots.length;
        return Math.pow(2.0, -sum / c);
    }

    private double path(int node, double[] x) {
        int n = node;
        while (left[n] >= 0) {
            double dot = 0.0;
            for (int k = termStart[n]; k < termStart[n + 1]; k++) {
                dot += x[termFeature[k]] * termWeight[k];
            }
            n = dot < value[n] ? left[n] : right[n];
        }
        return value[n];
    }

    /** Reads smile's trees (fields of smile 3.1: {@code IsolationTree.root}, {@code Node.slope/bias/depth/left/right}). */
    private static final class Builder {
        private int[] left = new int[1024];
        private int[] right = new int[1024];
        private double[] value = new double[1024];
        private int[] termStart = new int[1025];
        private int[] termFeature = new int[1024];
        private double[] termWeight = new double[1024];
        private int nodes;
        private int terms;
        private int dimension = -1;
        private Field nodeLeft;
        private Field nodeRight;
        private Field nodeSlope;
        private Field nodeBias;
        private Field nodeDepth;

        CompiledForest build(IsolationForest forest) throws ReflectiveOperationException {
            Field c = accessible(IsolationForest.class, "c");
            Field root = accessible(IsolationTree.class, "root");
            Class<?> node = Class.forName(IsolationTree.class.getName() + "$Node", false,
                    IsolationTree.class.getClassLoader());
            nodeLeft = accessible(node, "left");
            nodeRight = accessible(node, "right");
            nodeSlope = accessible(node, "slope");
            nodeBias = accessible(node, "bias");
            nodeDepth = accessible(node, "depth");
            IsolationTree[] trees = forest.trees();
            if (trees.length == 0) {
                throw new IllegalStateException("a forest without trees");
            }
            int[] roots = new int[trees.length];
            for (int t = 0; t < trees.length; t++) {
                roots[t] = add(root.get(trees[t]), 0);
            }
            if (dimension < 0) {
                throw new IllegalStateException("a forest of leaves only");
            }
            termStart[nodes] = terms;
            return new CompiledForest(dimension, c.getDouble(forest), roots, Arrays.copyOf(left, nodes),
                    Arrays.copyOf(right, nodes), Arrays.copyOf(value, nodes), Arrays.copyOf(termStart, nodes + 1),
                    Arrays.copyOf(termFeature, terms), Arrays.copyOf(termWeight, terms));
        }

        private int add(Object node, int depth) throws ReflectiveOperationException {
            if (node == null || depth > 64) {
                throw new IllegalStateException("a tree that is not one");
            }
            int n = nodes++;
            if (n == left.length) {
                left = Arrays.copyOf(left, 2 * n);
                right = Arrays.copyOf(right, 2 * n);
                value = Arrays.copyOf(value, 2 * n);
                termStart = Arrays.copyOf(termStart, 2 * n + 1);
            }
            Object l = nodeLeft.get(node);
            Object r = nodeRight.get(node);
            termStart[n] = terms;
            left[n] = -1;
            right[n] = -1;
            if (l == null && r == null) {
                value[n] = nodeDepth.getDouble(node);
                return n;
            }
            double[] slope = (double[]) nodeSlope.get(node);
            if (dimension < 0) {
                dimension = slope.length;
            } else if (slope.length != dimension) {
                throw new IllegalStateException("nodes of different dimensions");
            }
            for (int i = 0; i < slope.length; i++) {
                if (slope[i] != 0.0) { // NaN and infinities included
                    if (terms == termFeature.length) {
                        termFeature = Arrays.copyOf(termFeature, 2 * terms);
                        termWeight = Arrays.copyOf(termWeight, 2 * terms);
                    }
                    termFeature[terms] = i;
                    termWeight[terms++] = slope[i];
                }
            }
            value[n] = nodeBias.getDouble(node);
            int l0 = add(l, depth + 1);
            int r0 = add(r, depth + 1);
            left[n] = l0;
            right[n] = r0;
            return n;
        }

        private static Field accessible(Class<?> type, String name) throws NoSuchFieldException {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        }
    }
}
