package dev.vigil.keycloak.bench.keystroke;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import dev.vigil.keycloak.bench.keystroke.Detectors.Detector;
import dev.vigil.keycloak.bench.keystroke.Detectors.Scorer;
import dev.vigil.keycloak.bench.keystroke.KeystrokeCsv.Subject;
import dev.vigil.keycloak.bench.keystroke.KeystrokeCsv.Typing;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeDetector;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeDetector.Shape;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeSample;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeSettings;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeTemplate;

/**
 * Leave-subjects-out cross-validation of every setting of Vigil's detector ({@code bench/keystroke --cv K}): the
 * subjects are shuffled with a fixed seed and split into K disjoint folds. For each fold, the settings
 * ({@link KeystrokeSettings}: the distance's cap, outlier z and outlier weight together, each scale floor, the recency
 * window, the timing kinds used) are chosen on the other folds' subjects only, by coordinate descent from the shipped
 * settings: one group at a time is set to the value of its grid with the lowest mean per-subject EER on the training
 * subjects (impostors from those subjects), until a pass changes nothing (at most {@value #MAX_PASSES} passes). The
 * chosen settings are then measured on the held-out subjects, whose typings played no part in the choice (impostors
 * from the held-out subjects only). The classic detectors have no settings; they are measured on the same held-out
 * splits. At the end, each setting's value chosen most often across folds (ties: the shipped value if tied, else the
 * first in grid order) is the "consensus"; its decision threshold is chosen per fold on the training subjects (pooled
 * genuine rejection at most 5 %) and measured on the held-out ones. Deterministic for a seed, except that ties
 * between settings are broken by grid order.
 */
final class CrossValidation {

    private static final int IMPOSTOR_REPS = 5;
    private static final double MAX_FRR = 0.05;
    private static final int MAX_PASSES = 3;

    private static final double[] CAPS = {2.0, 2.5, 3.0, 4.0};
    private static final double[] OUTLIER_ZS = {2.5, 3.0, 4.0};
    private static final double[] OUTLIER_WEIGHTS = {0.0, 1.0, 2.0, 3.0, 4.0};
    private static final double[] FLOOR_HOLD = {0.05, 0.075, 0.10, 0.15, 0.20};
    private static final double[] FLOOR_SHAPE = {0.08, 0.10, 0.13, 0.17, 0.22};
    private static final double[] FLOOR_TEMPO = {0.08, 0.10, 0.15, 0.20, 0.30};
    private static final double[] FLOOR_UD = {5, 7.5, 10, 15, 20, 30};
    private static final int[] WINDOWS = {0, 10, 20, 40};
    private static final int[] KINDS = {KeystrokeSample.ALL_KINDS, KeystrokeSample.HOLD | KeystrokeSample.DOWN_DOWN,
            KeystrokeSample.HOLD | KeystrokeSample.UP_DOWN, KeystrokeSample.DOWN_DOWN | KeystrokeSample.UP_DOWN};

    /** One group of settings chosen together: its name, its candidate values around a current setting. */
    private record Group(String name, Function<KeystrokeSettings, List<KeystrokeSettings>> candidates,
            Function<KeystrokeSettings, String> value) {
    }

    private static final List<Group> GROUPS = List.of(
            new Group("shape", s -> {
                List<KeystrokeSettings> out = new ArrayList<>();
                for (double cap : CAPS) {
                    for (double z : OUTLIER_ZS) {
                        for (double w : OUTLIER_WEIGHTS) {
                            out.add(s.withShape(new Shape(cap, z, w)));
                        }
                    }
                }
                return out;
            }, s -> String.format("cap=%s,outlierZ=%s,outlierWeight=%s", num(s.shape().cap()),
                    num(s.shape().outlierZ()), num(s.shape().outlierWeight()))),
            new Group("floorHold", s -> map(FLOOR_HOLD, v -> s.withFloors(v, s.floorShape(), s.floorTempo(), s.floorUdMs())),
                    s -> "floorHold=" + num(s.floorHold())),
            new Group("floorShape", s -> map(FLOOR_SHAPE, v -> s.withFloors(s.floorHold(), v, s.floorTempo(), s.floorUdMs())),
                    s -> "floorShape=" + num(s.floorShape())),
            new Group("floorTempo", s -> map(FLOOR_TEMPO, v -> s.withFloors(s.floorHold(), s.floorShape(), v, s.floorUdMs())),
                    s -> "floorTempo=" + num(s.floorTempo())),
            new Group("floorUdMs", s -> map(FLOOR_UD, v -> s.withFloors(s.floorHold(), s.floorShape(), s.floorTempo(), v)),
                    s -> "floorUdMs=" + num(s.floorUdMs())),
            new Group("window", s -> {
                List<KeystrokeSettings> out = new ArrayList<>();
                for (int w : WINDOWS) {
                    out.add(s.withWindow(w));
                }
                return out;
            }, s -> "window=" + s.window()),
            new Group("kinds", s -> {
                List<KeystrokeSettings> out = new ArrayList<>();
                for (int k : KINDS) {
                    out.add(s.withKinds(k));
                }
                return out;
            }, s -> "kinds=" + kinds(s.kinds())));

    private CrossValidation() {
    }

    private static List<KeystrokeSettings> map(double[] values, Function<Double, KeystrokeSettings> f) {
        List<KeystrokeSettings> out = new ArrayList<>();
        for (double v : values) {
            out.add(f.apply(v));
        }
        return out;
    }

    /**
     * Runs K folds at N enrolment typings, {@code repeats} times with the seeds {@code seed, seed + 1, …} (each repeat
     * another split of the subjects); prints one line per fold and the summary line; returns it.
     */
    static String run(KeystrokeCsv data, int n, int k, int repeats, long seed) {
        List<Subject> usable = new ArrayList<>(data.subjects.stream()
                .filter(s -> s.typings().size() >= n + 3).toList());
        if (usable.size() < 2 * k) {
            String line = String.format("CV n=%d folds=%d skipped: %d usable subjects", n, k, usable.size());
            System.out.println(line);
            return line;
        }
        KeystrokeSettings shipped = KeystrokeSettings.DEFAULT;
        System.out.printf("%n== leave-subjects-out cross-validation: N=%d, %d folds of %d subjects, %d repeat(s) with"
                + " seeds %d..%d; settings chosen on the training folds by coordinate descent from the shipped ones"
                + " over the grids shape %d, floorHold %d, floorShape %d, floorTempo %d, floorUdMs %d, window %d,"
                + " kinds %d%nshipped: %s; threshold %.3f%n", n, k, usable.size(), repeats, seed, seed + repeats - 1,
                CAPS.length * OUTLIER_ZS.length * OUTLIER_WEIGHTS.length, FLOOR_HOLD.length, FLOOR_SHAPE.length,
                FLOOR_TEMPO.length, FLOOR_UD.length, WINDOWS.length, KINDS.length, fmt(shipped),
                KeystrokeDetector.DEFAULT_THRESHOLD);
        List<List<Subject>> tests = new ArrayList<>();
        List<List<Subject>> trains = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            List<Subject> order = new ArrayList<>(usable);
            Collections.shuffle(order, new Random(seed + r));
            for (int fold = 0; fold < k; fold++) {
                List<Subject> test = new ArrayList<>();
                List<Subject> train = new ArrayList<>();
                for (int i = 0; i < order.size(); i++) {
                    (i % k == fold ? test : train).add(order.get(i));
                }
                tests.add(test);
                trains.add(train);
                labels.add(repeats > 1 ? String.format("seed %d fold %d/%d", seed + r, fold + 1, k)
                        : String.format("fold %d/%d", fold + 1, k));
            }
        }
        int total = tests.size();
        double sumVigil = 0;
        double sumShipped = 0;
        double sumClassic = 0;
        double sumPassive = 0;
        List<KeystrokeSettings> chosen = new ArrayList<>();
        for (int fold = 0; fold < total; fold++) {
            List<Subject> test = tests.get(fold);
            List<Subject> train = trains.get(fold);
            KeystrokeSettings best = shipped;
            double bestEer = meanEer(train, n, batch(best));
            int evaluations = 1;
            for (int pass = 0; pass < MAX_PASSES; pass++) {
                boolean changed = false;
                for (Group g : GROUPS) {
                    for (KeystrokeSettings c : g.candidates().apply(best)) {
                        if (c.equals(best)) {
                            continue;
                        }
                        double e = meanEer(train, n, batch(c));
                        evaluations++;
                        if (e < bestEer - 1e-9) {
                            bestEer = e;
                            best = c;
                            changed = true;
                        }
                    }
                }
                if (!changed) {
                    break;
                }
            }
            chosen.add(best);
            double vigil = meanEer(test, n, batch(best));
            double shippedEer = meanEer(test, n, batch(shipped));
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
            System.out.printf("%s: held out %s; chosen %s (train EER %.4f, %d settings tried); held-out EER"
                    + " vigil=%.4f (shipped %.4f, passive %.4f) best_classic=%.4f (%s) ratio=%.4f%n", labels.get(fold),
                    names(test), fmt(best), bestEer, evaluations, vigil, shippedEer, passive, classic, classicName,
                    vigil / classic);
            sumVigil += vigil;
            sumShipped += shippedEer;
            sumClassic += classic;
            sumPassive += passive;
        }

        // consensus: per group, the value chosen most often
        KeystrokeSettings consensus = shipped;
        StringBuilder votes = new StringBuilder();
        for (Group g : GROUPS) {
            Map<String, Integer> count = new LinkedHashMap<>();
            Map<String, KeystrokeSettings> example = new LinkedHashMap<>();
            for (KeystrokeSettings c : chosen) {
                count.merge(g.value().apply(c), 1, Integer::sum);
                example.putIfAbsent(g.value().apply(c), c);
            }
            int max = Collections.max(count.values());
            String pick = count.containsKey(g.value().apply(shipped)) && count.get(g.value().apply(shipped)) == max
                    ? g.value().apply(shipped)
                    : count.entrySet().stream().filter(e -> e.getValue() == max).findFirst().orElseThrow().getKey();
            consensus = copy(g, example.getOrDefault(pick, shipped), consensus);
            votes.append(votes.length() == 0 ? "" : "; ").append(count.toString().replace(", ", " "));
        }
        System.out.printf("votes per setting (folds): %s%nconsensus (each setting's most frequent choice): %s%n", votes,
                fmt(consensus));
        double sumConsensus = 0;
        double sumThr = 0;
        for (int fold = 0; fold < total; fold++) {
            List<Subject> test = tests.get(fold);
            double[] gTrain = pooled(trains.get(fold), n, batch(consensus), true);
            double thr = KeystrokeBench.thresholdForFrr(gTrain, MAX_FRR);
            double[] gTest = pooled(test, n, batch(consensus), true);
            double[] iTest = pooled(test, n, batch(consensus), false);
            double e = meanEer(test, n, batch(consensus));
            System.out.printf("%s, consensus settings: held-out EER %.4f; threshold %.3f (train FRR<=5%%):"
                    + " held-out FAR %.4f FRR %.4f%n", labels.get(fold), e, thr, KeystrokeBench.far(iTest, thr),
                    KeystrokeBench.frr(gTest, thr));
            sumConsensus += e;
            sumThr += thr;
        }
        String line = String.format("CV n=%d folds=%d vigil=%.4f best_classic=%.4f ratio=%.4f repeats=%d shipped=%.4f"
                        + " passive=%.4f consensus=%.4f threshold=%.3f chosen_most_often=%s%s", n, k, sumVigil / total,
                sumClassic / total, sumVigil / sumClassic, repeats, sumShipped / total, sumPassive / total, sumConsensus / total, sumThr / total, fmt(consensus),
                consensus.equals(shipped) ? " (= shipped)" : " (differs from shipped)");
        System.out.println(line);
        return line;
    }

    /** {@code into} with group g's value taken from {@code from}. */
    private static KeystrokeSettings copy(Group g, KeystrokeSettings from, KeystrokeSettings into) {
        return switch (g.name()) {
            case "shape" -> into.withShape(from.shape());
            case "floorHold" -> into.withFloors(from.floorHold(), into.floorShape(), into.floorTempo(), into.floorUdMs());
            case "floorShape" -> into.withFloors(into.floorHold(), from.floorShape(), into.floorTempo(), into.floorUdMs());
            case "floorTempo" -> into.withFloors(into.floorHold(), into.floorShape(), from.floorTempo(), into.floorUdMs());
            case "floorUdMs" -> into.withFloors(into.floorHold(), into.floorShape(), into.floorTempo(), from.floorUdMs());
            case "window" -> into.withWindow(from.window());
            case "kinds" -> into.withKinds(from.kinds());
            default -> throw new IllegalStateException(g.name());
        };
    }

    private static Detector batch(KeystrokeSettings settings) {
        return vigil("Vigil " + fmt(settings), e -> {
            KeystrokeTemplate t = KeystrokeTemplate.enrol(e.stream().map(Typing::sample).toList(), settings);
            return x -> KeystrokeDetector.score(t, x.sample());
        });
    }

    /** Passive enrolment as in production: one typing at a time ({@link Detectors#VIGIL_PASSIVE}). */
    private static Detector passive(KeystrokeSettings settings) {
        return vigil("Vigil passive " + fmt(settings), e -> {
            KeystrokeTemplate learnt = Detectors.foldIn(KeystrokeTemplate.enrol(List.of(e.get(0).sample()), settings),
                    e.subList(1, e.size()));
            return x -> KeystrokeDetector.score(learnt, x.sample());
        });
    }

    private static Detector vigil(String name, Function<List<Typing>, Scorer> train) {
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
        return subjects.parallelStream().mapToDouble(s -> {
            Scorer scorer = d.train(s.typings().subList(0, n));
            double[] g = s.typings().subList(n, s.typings().size()).stream().mapToDouble(scorer::score).toArray();
            double[] im = impostors(subjects, s).stream().mapToDouble(scorer::score).toArray();
            return KeystrokeBench.eer(g, im);
        }).sum() / subjects.size();
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

    static String fmt(KeystrokeSettings s) {
        StringBuilder b = new StringBuilder();
        for (Group g : GROUPS) {
            b.append(b.length() == 0 ? "" : ",").append(g.value().apply(s));
        }
        return b.toString();
    }

    private static String kinds(int k) {
        List<String> out = new ArrayList<>();
        if ((k & KeystrokeSample.HOLD) != 0) {
            out.add("h");
        }
        if ((k & KeystrokeSample.DOWN_DOWN) != 0) {
            out.add("dd");
        }
        if ((k & KeystrokeSample.UP_DOWN) != 0) {
            out.add("ud");
        }
        return String.join("+", out);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.format("%.1f", v) : String.valueOf(v);
    }
}
