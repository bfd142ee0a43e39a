package dev.vigil.keycloak.bench.keystroke;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import dev.vigil.keycloak.bench.keystroke.Detectors.Detector;
import dev.vigil.keycloak.bench.keystroke.Detectors.Scorer;
import dev.vigil.keycloak.bench.keystroke.KeystrokeCsv.Subject;
import dev.vigil.keycloak.bench.keystroke.KeystrokeCsv.Typing;
import dev.vigil.keycloak.riskengine.keystroke.CoarseClock;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeDetector;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeDetector.Outcome;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeSample;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeTemplate;

/**
 * Keystroke-dynamics benchmark (started by {@code bench/keystroke <csv>}). Protocol (Killourhy &amp;
 * Maxion, adapted): for every subject, enrol on its first N typings, genuine test = its remaining typings,
 * impostor test = the first 5 typings of every other subject. Per-subject EER (interpolated where
 * FAR = FRR), mean ± sd over subjects; the deployable view: one global threshold chosen on all subjects'
 * genuine scores pooled so FRR ≤ 5 %, and the FAR it gives. All detectors run in the same pass on the same
 * splits. Ends with one line per N: {@code EER n=<N> vigil=<mean> best_classic=<mean> ratio=<v/b>}.
 * Exit status 2 on bad usage or an unreadable file.
 */
public final class KeystrokeBench {

    private static final int IMPOSTOR_REPS = 5;
    private static final int MIN_GENUINE_TESTS = 3;
    private static final double MAX_FRR = 0.05;

    private KeystrokeBench() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        List<Integer> ns = List.of(5, 10, 20);
        int folds = 5;
        int cvN = 10;
        int repeats = 3;
        long seed = 20261205L;
        List<Double> clocks = List.of(16.7, 15.6, 100.0);
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--n") && i + 1 < args.length) {
                String v = args[++i].trim();
                ns = v.isEmpty() || v.equals("none") ? List.of()
                        : Arrays.stream(v.split(",")).map(String::trim).map(Integer::valueOf).toList();
            } else if (args[i].equals("--cv") && i + 1 < args.length) {
                folds = Integer.parseInt(args[++i].trim());
            } else if (args[i].equals("--cv-n") && i + 1 < args.length) {
                cvN = Integer.parseInt(args[++i].trim());
            } else if (args[i].equals("--cv-repeats") && i + 1 < args.length) {
                repeats = Integer.parseInt(args[++i].trim());
            } else if (args[i].equals("--seed") && i + 1 < args.length) {
                seed = Long.parseLong(args[++i].trim());
            } else if ((args[i].equals("--clocks") || args[i].equals("--quantise")) && i + 1 < args.length) {
                String v = args[++i].trim();
                clocks = v.isEmpty() || v.equals("none") ? List.of()
                        : Arrays.stream(v.split(",")).map(String::trim).map(Double::valueOf).toList();
            } else if (args[i].startsWith("-")) {
                usage();
                return;
            } else {
                file = Path.of(args[i]);
            }
        }
        if (file == null || !Files.isReadable(file)) {
            usage();
            return;
        }
        KeystrokeCsv data;
        try {
            data = KeystrokeCsv.read(file);
        } catch (Exception e) {
            System.err.println("cannot read " + file + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        int typings = data.subjects.stream().mapToInt(s -> s.typings().size()).sum();
        System.out.printf("file %s: %d subjects, %d typings (%d rows skipped)%n", file, data.subjects.size(), typings,
                data.skippedRows);
        System.out.printf("timing columns: %d hold, %d DD, %d UD; units %s; reps ordered by %s%n", data.holdColumns,
                data.ddColumns, data.udColumns, data.seconds ? "seconds (converted to ms)" : "ms",
                data.orderedByRep ? "rep" : "file order");
        System.out.printf("Vigil: default sensitivity %.2f -> threshold %.3f%n", KeystrokeDetector.DEFAULT_SENSITIVITY,
                KeystrokeDetector.thresholdFor(KeystrokeDetector.DEFAULT_SENSITIVITY));

        Map<Integer, double[]> summary = new LinkedHashMap<>();
        int timingN = -1;
        for (int n : ns) {
            double[] r = evaluate(data, n);
            if (r != null) {
                summary.put(n, r);
                if (timingN < 0 || n == 10) {
                    timingN = n;
                }
            }
        }
        if (timingN > 0) {
            timing(data, timingN);
        }
        String cv = folds >= 2 ? CrossValidation.run(data, cvN, folds, Math.max(1, repeats), seed) : null;
        List<String> clockLines = new ArrayList<>();
        for (double q : clocks) {
            clockLines.addAll(coarseClock(data, 10, q));
        }
        System.out.println();
        for (Map.Entry<Integer, double[]> e : summary.entrySet()) {
            double vigil = e.getValue()[0];
            double best = e.getValue()[1];
            System.out.printf("EER n=%d vigil=%.4f best_classic=%.4f ratio=%.4f%n", e.getKey(), vigil, best,
                    best > 0 ? vigil / best : Double.NaN);
        }
        if (cv != null) {
            System.out.println(cv);
        }
        clockLines.forEach(System.out::println);
    }

    private static void usage() {
        System.err.println("usage: bench/keystroke [--n 5,10,20|none] [--cv K] [--cv-n 10] [--cv-repeats 3] [--seed S] [--clocks 16.7,15.6,100|none] <csv>");
        System.exit(2);
    }

    /**
     * The typings as a browser with a timer of resolution {@code q} ms would send them ({@link CoarseClock}, each
     * typing with its own random phase of the clock's grid), verified by the shipped detector with the full
     * {@code verify()} (coarse-timer and replay checks included). Two enrolments: {@code clean} (the template learnt
     * on the first N typings as recorded, then logins from a coarse browser: what production sees, since coarse
     * typings are never learnt) and {@code coarse} (enrolled on coarse typings too, as a data set recorded on such a
     * clock would give it). Genuine test = the remaining typings; impostors = the first 5 of every other subject.
     * Counts the outcomes; the EER of the typings still decided (MATCH or MISMATCH: per subject, genuine against
     * impostor scores, mean over subjects that have both); and, for comparison, the EER the score alone would
     * give on all coarse typings if the coarse-timer check did not set them aside. Prints the details and returns
     * the summary lines.
     */
    private static List<String> coarseClock(KeystrokeCsv data, int n, double q) {
        List<String> lines = new ArrayList<>();
        for (boolean coarseEnrol : new boolean[] {false, true}) {
            Random phase = new Random(Double.doubleToLongBits(q) + (coarseEnrol ? 1 : 0));
            KeystrokeDetector detector = new KeystrokeDetector();
            Map<Outcome, Integer> gen = new EnumMap<>(Outcome.class);
            Map<Outcome, Integer> imp = new EnumMap<>(Outcome.class);
            Map<String, Integer> genReasons = new LinkedHashMap<>();
            int genuine = 0;
            int impostor = 0;
            int unparsable = 0;
            int subjects = 0;
            List<Double> decidedEers = new ArrayList<>();
            List<Double> scoreEers = new ArrayList<>();
            for (Subject s : data.subjects) {
                if (s.typings().size() < n + 1) {
                    continue;
                }
                List<KeystrokeSample> enrol = new ArrayList<>();
                for (Typing t : s.typings().subList(0, n)) {
                    KeystrokeSample c = coarseEnrol ? CoarseClock.quantise(t.sample(), q, phase.nextDouble() * q)
                            : t.sample();
                    if (c != null) {
                        enrol.add(c);
                    }
                }
                if (enrol.size() < KeystrokeTemplate.MIN_SAMPLES) {
                    continue;
                }
                subjects++;
                KeystrokeTemplate template = KeystrokeTemplate.enrol(enrol);
                List<Double> gDecided = new ArrayList<>();
                List<Double> iDecided = new ArrayList<>();
                List<Double> gScore = new ArrayList<>();
                List<Double> iScore = new ArrayList<>();
                for (int pass = 0; pass < 2; pass++) {
                    boolean isGenuine = pass == 0;
                    List<Typing> probes = isGenuine ? s.typings().subList(n, s.typings().size()) : impostors(data, s);
                    for (Typing t : probes) {
                        KeystrokeSample c = CoarseClock.quantise(t.sample(), q, phase.nextDouble() * q);
                        Outcome o;
                        if (c == null) {
                            o = Outcome.NO_SAMPLE; // a zero hold: the form's parser refuses the field
                            if (isGenuine) {
                                unparsable++;
                                genReasons.merge("unparsable", 1, Integer::sum);
                            }
                        } else {
                            KeystrokeDetector.Verdict v = detector.verify(template, c);
                            o = v.outcome();
                            if (isGenuine) {
                                genReasons.merge(v.reason(), 1, Integer::sum);
                            }
                            if (o == Outcome.MATCH || o == Outcome.MISMATCH) {
                                (isGenuine ? gDecided : iDecided).add(v.score());
                            }
                            (isGenuine ? gScore : iScore).add(KeystrokeDetector.score(template, c));
                        }
                        if (isGenuine) {
                            genuine++;
                            gen.merge(o, 1, Integer::sum);
                        } else {
                            impostor++;
                            imp.merge(o, 1, Integer::sum);
                        }
                    }
                }
                if (!gDecided.isEmpty() && !iDecided.isEmpty()) {
                    decidedEers.add(eer(toArray(gDecided), toArray(iDecided)));
                }
                if (!gScore.isEmpty() && !iScore.isEmpty()) {
                    scoreEers.add(eer(toArray(gScore), toArray(iScore)));
                }
            }
            String enrolName = coarseEnrol ? "coarse" : "clean";
            int replay = gen.getOrDefault(Outcome.REPLAY, 0);
            int noSample = gen.getOrDefault(Outcome.NO_SAMPLE, 0);
            int decided = gen.getOrDefault(Outcome.MATCH, 0) + gen.getOrDefault(Outcome.MISMATCH, 0);
            String decidedEer = decidedEers.isEmpty() ? "n/a"
                    : String.format("%.4f", decidedEers.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
            String scoreEer = scoreEers.isEmpty() ? "n/a"
                    : String.format("%.4f", scoreEers.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
            System.out.printf("%n== clock %.1f ms, enrolled on %s typings (N=%d, %d subjects): verify() outcomes, genuine:"
                    + " %s, reasons %s (%d unparsable: a zero hold); impostor: %s; EER of decided typings %s (%d subjects"
                    + " with decided genuine and impostor typings); EER of the score alone on all coarse typings %s%n", q,
                    enrolName, n, subjects, gen, genReasons, unparsable, imp, decidedEer, decidedEers.size(), scoreEer);
            lines.add(String.format("CLOCK q=%.1fms enrol=%s genuine=%d replay=%d (%.2f %%) no_sample=%d (%.2f %%)"
                            + " decided=%d eer_decided=%s impostor=%d impostor_match=%d", q, enrolName, genuine, replay,
                    pct(replay, genuine), noSample, pct(noSample, genuine), decided, decidedEer, impostor,
                    imp.getOrDefault(Outcome.MATCH, 0)));
        }
        return lines;
    }

    private static double pct(int part, int whole) {
        return whole == 0 ? 0.0 : 100.0 * part / whole;
    }

    private static double[] toArray(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Returns {vigil mean EER, best classic mean EER}, or null if N was skipped. */
    private static double[] evaluate(KeystrokeCsv data, int n) {
        List<Subject> genuine = data.subjects.stream().filter(s -> s.typings().size() >= n + MIN_GENUINE_TESTS).toList();
        System.out.println();
        if (genuine.size() < 2) {
            System.out.printf("== N=%d: skipped (fewer than 2 subjects have %d typings for N + %d genuine tests)%n", n,
                    n + MIN_GENUINE_TESTS, MIN_GENUINE_TESTS);
            return null;
        }
        int excluded = data.subjects.size() - genuine.size();
        int genuineTests = genuine.stream().mapToInt(s -> s.typings().size() - n).sum();
        System.out.printf("== N=%d enrolment typings: %d subjects%s, %d genuine tests, impostors = first %d typings"
                + " of every other subject%n", n, genuine.size(),
                excluded > 0 ? " (" + excluded + " with fewer than " + (n + MIN_GENUINE_TESTS) + " typings excluded)" : "",
                genuineTests, IMPOSTOR_REPS);
        System.out.printf("%-24s %-18s %-22s %-8s %-8s%n", "detector", "EER mean ± sd", "global thr (FRR<=5%)",
                "FAR", "FRR");

        double best = Double.MAX_VALUE;
        double vigilMean = Double.NaN;
        for (Detector det : Detectors.all()) {
            double[] eers = new double[genuine.size()];
            List<Double> pooledG = new ArrayList<>();
            List<Double> pooledI = new ArrayList<>();
            for (int si = 0; si < genuine.size(); si++) {
                Subject s = genuine.get(si);
                Scorer scorer = det.train(s.typings().subList(0, n));
                double[] g = s.typings().subList(n, s.typings().size()).stream().mapToDouble(scorer::score).toArray();
                double[] im = impostors(data, s).stream().mapToDouble(scorer::score).toArray();
                eers[si] = eer(g, im);
                for (double v : g) {
                    pooledG.add(v);
                }
                for (double v : im) {
                    pooledI.add(v);
                }
            }
            double mean = Arrays.stream(eers).average().orElse(Double.NaN);
            double sd = sd(eers, mean);
            double[] gAll = pooledG.stream().mapToDouble(Double::doubleValue).toArray();
            double[] iAll = pooledI.stream().mapToDouble(Double::doubleValue).toArray();
            double thr = thresholdForFrr(gAll, MAX_FRR);
            System.out.printf("%-24s %.4f ± %.4f    %-22s %.4f   %.4f%n", det.name(), mean, sd, fmt(thr), far(iAll, thr),
                    frr(gAll, thr));
            if (det.classic()) {
                best = Math.min(best, mean);
            } else {
                if (det == Detectors.VIGIL) {
                    vigilMean = mean;
                }
                double t = KeystrokeDetector.thresholdFor(KeystrokeDetector.DEFAULT_SENSITIVITY);
                System.out.printf("%-24s %-18s %-22s %.4f   %.4f%n", "  at default threshold", "", fmt(t),
                        far(iAll, t), frr(gAll, t));
            }
        }
        verdicts(data, genuine, n);
        following(data, genuine, n, false);
        following(data, genuine, n, true);
        return new double[] {vigilMean, best};
    }

    /**
     * Passive enrolment as the login flow runs it after the enrolment: the template is not frozen after the first
     * {@code n} typings but follows the user — each later typing is judged by the template as it stands, and a
     * {@code MATCH} is folded in ({@link KeystrokeTemplate#update}), as at login; with {@code verifiedMismatches}
     * also a {@code MISMATCH}, as if the user then passed their own second factor. Impostor typings are judged by the
     * template after the enrolment, halfway through the user's typings and after the last, pooled. Default threshold.
     */
    private static void following(KeystrokeCsv data, List<Subject> genuine, int n, boolean verifiedMismatches) {
        double t = KeystrokeDetector.thresholdFor(KeystrokeDetector.DEFAULT_SENSITIVITY);
        int tests = 0;
        int rejected = 0;
        int impostorTests = 0;
        int accepted = 0;
        for (Subject s : genuine) {
            List<Typing> typings = s.typings();
            KeystrokeTemplate template = Detectors.foldIn(KeystrokeTemplate.enrol(List.of(typings.get(0).sample())),
                    typings.subList(1, n));
            List<KeystrokeTemplate> checkpoints = new ArrayList<>(List.of(template));
            int half = n + (typings.size() - n) / 2;
            for (int i = n; i < typings.size(); i++) {
                if (i == half) {
                    checkpoints.add(template);
                }
                double score = KeystrokeDetector.score(template, typings.get(i).sample());
                tests++;
                boolean match = score <= t;
                if (!match) {
                    rejected++;
                }
                if (match || verifiedMismatches) {
                    template = template.update(typings.get(i).sample());
                }
            }
            checkpoints.add(template);
            List<Typing> impostors = impostors(data, s);
            for (KeystrokeTemplate c : checkpoints) {
                for (Typing ty : impostors) {
                    impostorTests++;
                    if (KeystrokeDetector.score(c, ty.sample()) <= t) {
                        accepted++;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "Vigil, passive enrolment, template following the user (each MATCH"
                        + " learnt%s) at default threshold: FAR %.4f FRR %.4f (%d genuine, %d impostor tests)%n",
                verifiedMismatches ? ", and each MISMATCH after the second factor" : "", (double) accepted / impostorTests,
                (double) rejected / tests, tests, impostorTests);
    }

    /** Full verify() outcomes (replay checks included) on the same splits, with enrolment fingerprints. */
    private static void verdicts(KeystrokeCsv data, List<Subject> genuine, int n) {
        KeystrokeDetector detector = new KeystrokeDetector();
        Map<Outcome, Integer> gen = new EnumMap<>(Outcome.class);
        Map<Outcome, Integer> imp = new EnumMap<>(Outcome.class);
        for (Subject s : genuine) {
            KeystrokeTemplate t = KeystrokeTemplate.enrol(s.typings().subList(0, n).stream().map(Typing::sample).toList());
            for (Typing ty : s.typings().subList(n, s.typings().size())) {
                gen.merge(detector.verify(t, ty.sample()).outcome(), 1, Integer::sum);
            }
            for (Typing ty : impostors(data, s)) {
                imp.merge(detector.verify(t, ty.sample()).outcome(), 1, Integer::sum);
            }
        }
        System.out.printf("Vigil verify() outcomes, genuine: %s; impostor: %s%n", gen, imp);
    }

    private static List<Typing> impostors(KeystrokeCsv data, Subject genuine) {
        List<Typing> out = new ArrayList<>();
        for (Subject o : data.subjects) {
            if (o != genuine) {
                out.addAll(o.typings().subList(0, Math.min(IMPOSTOR_REPS, o.typings().size())));
            }
        }
        return out;
    }

    /** Verification time of Vigil's detector (verify(): replay checks + score), per call. */
    private static void timing(KeystrokeCsv data, int n) {
        KeystrokeDetector detector = new KeystrokeDetector();
        List<KeystrokeTemplate> templates = new ArrayList<>();
        List<List<Typing>> probes = new ArrayList<>();
        for (Subject s : data.subjects) {
            if (s.typings().size() < n + 1) {
                continue;
            }
            templates.add(KeystrokeTemplate.enrol(s.typings().subList(0, n).stream().map(Typing::sample).toList()));
            List<Typing> p = new ArrayList<>(s.typings().subList(n, s.typings().size()));
            p.addAll(impostors(data, s));
            probes.add(p);
        }
        if (templates.isEmpty()) {
            return;
        }
        int warmup = 200_000;
        int measured = 200_000;
        long sink = 0;
        long[] ns = new long[measured];
        for (int i = 0; i < warmup + measured; i++) {
            int u = i % templates.size();
            List<Typing> p = probes.get(u);
            Typing t = p.get((i / templates.size()) % p.size());
            long t0 = System.nanoTime();
            KeystrokeDetector.Verdict v = detector.verify(templates.get(u), t.sample());
            long t1 = System.nanoTime();
            sink += v.outcome().ordinal();
            if (i >= warmup) {
                ns[i - warmup] = t1 - t0;
            }
        }
        Arrays.sort(ns);
        System.out.println();
        System.out.printf("Vigil verify() time (N=%d templates, %d calls after %d warm-up, incl. replay checks):"
                + " p50 %.1f µs, p99 %.1f µs, max %.1f µs%s%n", n, measured, warmup, ns[measured / 2] / 1000.0,
                ns[(int) Math.ceil(0.99 * measured) - 1] / 1000.0, ns[measured - 1] / 1000.0, sink < 0 ? "" : "");
    }

    // ---- metrics ---------------------------------------------------------------------------------------

    /**
     * Equal error rate for "accept if score ≤ t": FAR(t) = share of impostor scores ≤ t, FRR(t) = share
     * of genuine scores &gt; t, over all distinct thresholds; linear interpolation between the two
     * neighbouring thresholds where FAR − FRR changes sign.
     */
    static double eer(double[] genuine, double[] impostor) {
        double[] ts = new double[genuine.length + impostor.length + 2];
        int k = 0;
        ts[k++] = Double.NEGATIVE_INFINITY;
        for (double v : genuine) {
            ts[k++] = v;
        }
        for (double v : impostor) {
            ts[k++] = v;
        }
        ts[k] = Double.POSITIVE_INFINITY;
        ts = Arrays.stream(ts).sorted().distinct().toArray();
        double prevFar = 0;
        double prevFrr = 0;
        for (int i = 0; i < ts.length; i++) {
            double fa = far(impostor, ts[i]);
            double fr = frr(genuine, ts[i]);
            if (fa - fr >= 0) {
                if (i == 0 || fa - fr == 0) {
                    return (fa + fr) / 2;
                }
                double dPrev = prevFar - prevFrr;
                double a = -dPrev / ((fa - fr) - dPrev);
                double f1 = prevFar + a * (fa - prevFar);
                double f2 = prevFrr + a * (fr - prevFrr);
                return (f1 + f2) / 2;
            }
            prevFar = fa;
            prevFrr = fr;
        }
        return Double.NaN;
    }

    static double far(double[] impostor, double t) {
        int c = 0;
        for (double v : impostor) {
            if (v <= t) {
                c++;
            }
        }
        return (double) c / impostor.length;
    }

    static double frr(double[] genuine, double t) {
        int c = 0;
        for (double v : genuine) {
            if (v > t) {
                c++;
            }
        }
        return (double) c / genuine.length;
    }

    /** Smallest pooled genuine score t with FRR(t) ≤ maxFrr. */
    static double thresholdForFrr(double[] genuine, double maxFrr) {
        double[] g = genuine.clone();
        Arrays.sort(g);
        int idx = (int) Math.ceil((1 - maxFrr) * g.length) - 1;
        return g[Math.max(0, Math.min(g.length - 1, idx))];
    }

    private static double sd(double[] v, double mean) {
        if (v.length < 2) {
            return 0;
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    private static String fmt(double v) {
        return Math.abs(v) >= 100 ? String.format("%.1f", v) : String.format("%.4f", v);
    }
}
