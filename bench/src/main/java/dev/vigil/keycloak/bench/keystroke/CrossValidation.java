package dev.vigil.keycloak.bench.keystroke;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.vigil.keycloak.bench.keystroke.Detectors.Detector;
import dev.vigil.keycloak.bench.keystroke.Detectors.Scorer;
import dev.vigil.keycloak.bench.keystroke.KeystrokeCsv.Subject;
import dev.vigil.keycloak.bench.keystroke.KeystrokeCsv.Typing;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeDetector;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeDetector.Shape;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeTemplate;

/**
 * Leave-subjects-out cross-validation of the detector's settings ({@code bench/keystroke --cv K}): the subjects are
 * split into K disjoint folds; for each fold the distance shape ({@link Shape}: cap, outlier z, outlier weight) is
 * chosen on the other folds' subjects only (lowest mean per-subject EER, impostors from those subjects), and then
 * measured on the held-out subjects, whose typings played no part in the choice (impostors from the held-out
 * subjects only). The decision threshold is chosen the same way (pooled FRR &le; 5 % on the training subjects).
 * The classic detectors have no settings; they are measured on the same held-out splits.
 */
final class CrossValidation {

    private static final int IMPOSTOR_REPS = 5;
    private static final double MAX_FRR = 0.05;

    private CrossValidation() {
    }

    /** The grid of shapes tried; the shipped {@link Shape#DEFAULT} is one of them. */
    static List<Shape> grid() {
        List<Shape> g = new ArrayList<>();
        for (double cap : new double[] {2.0, 2.5, 3.0, 4.0}) {
            for (double z : new double[] {2.5, 3.0, 4.0}) {
                for (double w : new double[] {0.0, 1.0, 2.0, 3.0}) {
                    g.add(new Shape(cap, z, w));
                }
            }
        }
        return g;
    }

    /** Runs K folds at N enrolment typings; prints one line per fold and the summary line; returns it. */
    static String run(KeystrokeCsv data, int n, int k, long seed) {
        List<Subject> usable = new ArrayList<>(data.subjects.stream()
                .filter(s -> s.typings().size() >= n + 3).toList());
        if (usable.size() < 2 * k) {
            String line = String.format("CV n=%d folds=%d skipped: %d usable subjects", n, k, usable.size());
            System.out.println(line);
            return line;
        }
        Collections.shuffle(usable, new Random(seed));
        List<Shape> grid = grid();
        System.out.printf("%n== leave-subjects-out cross-validation: N=%d, %d folds of %d subjects (seed %d), %d shapes"
                + " tried per fold; shipped shape %s%n", n, k, usable.size(), seed, grid.size(), fmt(Shape.DEFAULT));
        double sumVigil = 0;
        double sumShipped = 0;
        double sumClassic = 0;
        double sumPassive = 0;
        Map<Shape, Integer> chosen = new LinkedHashMap<>();
        for (int fold = 0; fold < k; fold++) {
            List<Subject> test = new ArrayList<>();
            List<Subject> train = new ArrayList<>();
            for (int i = 0; i < usable.size(); i++) {
                (i % k == fold ? test : train).add(usable.get(i));
            }
            Shape best = null;
            double bestEer = Double.MAX_VALUE;
            for (Shape shape : grid) {
                double e = meanEer(train, n, batch(shape));
                if (e < bestEer - 1e-12 || (Math.abs(e - bestEer) <= 1e-12 && shape.equals(Shape.DEFAULT))) {
                    bestEer = e;
                    best = shape;
                }
            }
            chosen.merge(best, 1, Integer::sum);
            double vigil = meanEer(test, n, batch(best));
            double shipped = meanEer(test, n, batch(Shape.DEFAULT));
            double passive = meanEer(test, n, passive(best));
            double classic = Double.MAX_VALUE;
            String classicName = "";
            for (Detector d : Detectors.all()) {
                if (d.classic()) {
                    double e = meanEer(test, n, d);
                    if (e < classic) {
                        classic = e;
                        classicName = d.name();
                    }
                }
            }
            double[] gTrain = pooled(train, n, batch(best), true);
            double thr = KeystrokeBench.thresholdForFrr(gTrain, MAX_FRR);
            double[] gTest = pooled(test, n, batch(best), true);
            double[] iTest = pooled(test, n, batch(best), false);
            System.out.printf("fold %d/%d: held out %s; chosen %s (train EER %.4f); held-out EER vigil=%.4f"
                    + " (shipped shape %.4f, passive %.4f) best_classic=%.4f (%s) ratio=%.4f; threshold %.3f"
                    + " (train FRR<=5%%): held-out FAR %.4f FRR %.4f%n", fold + 1, k, names(test), fmt(best), bestEer,
                    vigil, shipped, passive, classic, classicName, vigil / classic, thr,
                    KeystrokeBench.far(iTest, thr), KeystrokeBench.frr(gTest, thr));
            sumVigil += vigil;
            sumShipped += shipped;
            sumClassic += classic;
            sumPassive += passive;
        }
        Shape most = chosen.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseThrow();
        String line = String.format("CV n=%d folds=%d vigil=%.4f best_classic=%.4f ratio=%.4f shipped_shape=%.4f"
                        + " passive=%.4f chosen_most_often=%s (%d of %d folds)", n, k, sumVigil / k, sumClassic / k,
                sumVigil / sumClassic, sumShipped / k, sumPassive / k, fmt(most), chosen.get(most), k);
        System.out.println(line);
        return line;
    }

    private static Detector batch(Shape shape) {
        return vigil("Vigil " + fmt(shape), e -> {
            KeystrokeTemplate t = KeystrokeTemplate.enrol(e.stream().map(Typing::sample).toList(), shape);
            return x -> KeystrokeDetector.score(t, x.sample());
        });
    }

    /** Passive enrolment as in production: one typing at a time ({@link Detectors#VIGIL_PASSIVE}). */
    private static Detector passive(Shape shape) {
        return vigil("Vigil passive " + fmt(shape), e -> {
            KeystrokeTemplate t = KeystrokeTemplate.enrol(List.of(e.get(0).sample()), shape);
            for (Typing x : e.subList(1, e.size())) {
                t = t.update(x.sample());
            }
            KeystrokeTemplate learnt = t;
            return x -> KeystrokeDetector.score(learnt, x.sample());
        });
    }

    private static Detector vigil(String name, java.util.function.Function<List<Typing>, Scorer> train) {
        return new Detector() {
            public String name() {
                return name;
            }

            public boolean classic() {
                return false;
            }

            public Scorer train(List<Typing> enrolment) {
                return train.apply(enrolment);
            }
        };
    }

    /** Mean per-subject EER within {@code subjects}: enrol on the first N, impostors = other members' first 5. */
    static double meanEer(List<Subject> subjects, int n, Detector d) {
        double sum = 0;
        for (Subject s : subjects) {
            Scorer scorer = d.train(s.typings().subList(0, n));
            double[] g = s.typings().subList(n, s.typings().size()).stream().mapToDouble(scorer::score).toArray();
            double[] im = impostors(subjects, s).stream().mapToDouble(scorer::score).toArray();
            sum += KeystrokeBench.eer(g, im);
        }
        return sum / subjects.size();
    }

    private static double[] pooled(List<Subject> subjects, int n, Detector d, boolean genuine) {
        List<Double> out = new ArrayList<>();
        for (Subject s : subjects) {
            Scorer scorer = d.train(s.typings().subList(0, n));
            List<Typing> probes = genuine ? s.typings().subList(n, s.typings().size()) : impostors(subjects, s);
            probes.forEach(t -> out.add(scorer.score(t)));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<Typing> impostors(List<Subject> subjects, Subject genuine) {
        List<Typing> out = new ArrayList<>();
        for (Subject o : subjects) {
            if (o != genuine) {
                out.addAll(o.typings().subList(0, Math.min(IMPOSTOR_REPS, o.typings().size())));
            }
        }
        return out;
    }

    private static String names(List<Subject> subjects) {
        return subjects.stream().map(Subject::id).sorted().toList().toString().replace(" ", "");
    }

    static String fmt(Shape s) {
        return String.format("cap=%.1f,outlierZ=%.1f,outlierWeight=%.1f", s.cap(), s.outlierZ(), s.outlierWeight());
    }
}
