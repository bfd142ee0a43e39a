package dev.vigil.keycloak.riskengine.keystroke;

import java.util.Optional;

/**
 * Decides whether a typing of the password matches the user's {@link KeystrokeTemplate}. Thread-safe,
 * stateless apart from its threshold; one fixed configuration for every user and every realm.
 *
 * <h2>Order of checks in {@link #verify}</h2>
 * <ol>
 *   <li>no sample (null) → {@link Outcome#NO_SAMPLE}; no template → {@link Outcome#ENROLLING};</li>
 *   <li>sample not comparable with the template (other key count, e.g. Shift vs. CapsLock, or a
 *       timing kind missing) → {@code NO_SAMPLE}, reason {@code layout};</li>
 *   <li>machine-made (see {@link ReplayGuard}) → {@link Outcome#REPLAY}, reason {@code regular-hold},
 *       {@code regular-dd} or {@code grid};</li>
 *   <li>implausibly close to a typing the template remembers → {@code REPLAY}, reason {@code duplicate};</li>
 *   <li>template has fewer than {@value KeystrokeTemplate#MIN_SAMPLES} typings → {@code ENROLLING};</li>
 *   <li>score ≤ threshold → {@link Outcome#MATCH}, else {@link Outcome#MISMATCH}.</li>
 * </ol>
 *
 * <h2>Score</h2>
 * Per feature {@code i} (see {@link KeystrokeTemplate}) the robust z-value
 * {@code z_i = |x_i − loc_i| / max(scale_i, floor_i)}; the distance combines a capped Manhattan-type part
 * with an outlier count,
 * <pre>  d = Σ_i [ min(z_i, 2.5)^1.5 + 3 · (z_i &gt; 3 ? 1 : 0) ]</pre>
 * so one wild key cannot dominate, yet many clearly-off keys add up. The score normalises it by the
 * user's own typical genuine distance {@code norm} (leave-one-out at enrolment) and by the typical value
 * for that many features, {@code 1.3 × D}:
 * <pre>  score = d / sqrt(norm · 1.3 · D)</pre>
 * so a typical genuine typing scores about 1 for every user and password length, and one global
 * threshold works across users.
 *
 * <h2>Sensitivity</h2>
 * One number in [0, 1], default {@value #DEFAULT_SENSITIVITY}: higher rejects more.
 * {@code threshold = }{@value #DEFAULT_THRESHOLD}{@code  × 2^(2 × (0.5 − sensitivity))}, i.e. from
 * {@code 2×} the default threshold at 0 to half of it at 1. Measured on the MEU-Mobile dev data (enrol on
 * a person's first 10 typings, test their 41 later ones and 5 typings of each of 39 other people), the
 * default rejects 5.1 % of genuine typings and accepts 19 % of impostor typings; with 20 enrolment
 * typings 4.0 % and 17 %; with 5, 18 % and 16 %. {@code bench/keystroke} prints these figures. On people
 * whose typings played no part in choosing the settings or the threshold (its cross-validation: thresholds
 * 1.60–1.70 chosen on the other people), 1.5–13 % of genuine typings were rejected and 9–33 % of impostor
 * typings accepted, depending on the fold.
 * Keystroke dynamics is a risk signal, not a password: use a mismatch for step-up, not for a lockout.
 */
public final class KeystrokeDetector {

    public static final double DEFAULT_SENSITIVITY = 0.5;
    /**
     * Threshold at the default sensitivity: the mean (1.670) of the thresholds that leave-subjects-out
     * cross-validation chose on each fold's training subjects for a pooled genuine rejection of at most 5 %, with
     * the shipped settings ({@code bench/keystroke --cv 5 --cv-repeats 5}, "consensus settings" lines).
     */
    public static final double DEFAULT_THRESHOLD = 1.67;

    static final double CAP = 2.5;
    static final double OUTLIER_Z = 3.0;
    static final double OUTLIER_WEIGHT = 3.0;

    /**
     * The shape of the distance (class comment): each feature's z is capped at {@code cap}, and a feature beyond
     * {@code outlierZ} adds {@code outlierWeight}. The shipped {@link #DEFAULT} is chosen by leave-subjects-out
     * cross-validation on the development data ({@code bench/keystroke --cv}); other shapes exist for that
     * tuning only.
     */
    public record Shape(double cap, double outlierZ, double outlierWeight) {
        public static final Shape DEFAULT = new Shape(CAP, OUTLIER_Z, OUTLIER_WEIGHT);
    }

    /** What a verification concluded. */
    public enum Outcome {
        /** The typing matches the template. */
        MATCH,
        /** The typing does not match: probably not the user. */
        MISMATCH,
        /** No usable typing (none sent, unparsable, or not comparable with the template): no evidence. */
        NO_SAMPLE,
        /** The template is still learning: no decision; fold the sample in with {@code update}. */
        ENROLLING,
        /** A replayed or machine-made typing: treat as an attack. */
        REPLAY,
        /**
         * The user has a finished template but this login brought no usable typing (field left out, malformed,
         * another key count, corrections, paste, a password manager, no JavaScript). Not a mismatch — honest
         * users do this — but not evidence either: whoever has the password can leave the field out, so a flow
         * steps it up like a mismatch. Set by the login form, never by {@link #verify}.
         */
        UNVERIFIED
    }

    /**
     * The result of {@link #verify}.
     *
     * @param outcome   the decision
     * @param score     the normalised distance (about 1 for a typical genuine typing; higher is less
     *                  like the user), or NaN when no score was computed
     * @param threshold the threshold the score was compared with
     * @param reason    a short machine-readable reason ({@code match}, {@code mismatch}, {@code no-sample},
     *                  {@code layout}, {@code enrolling}, {@code duplicate}, {@code regular-hold},
     *                  {@code regular-dd}, {@code grid}); safe to log, contains no timings
     */
    public record Verdict(Outcome outcome, double score, double threshold, String reason) {

        public boolean isMatch() {
            return outcome == Outcome.MATCH;
        }
    }

    private final double sensitivity;
    private final double threshold;

    /** A detector with the default sensitivity {@value #DEFAULT_SENSITIVITY}. */
    public KeystrokeDetector() {
        this(DEFAULT_SENSITIVITY);
    }

    /**
     * @param sensitivity in [0, 1]; higher rejects more
     * @throws IllegalArgumentException if outside [0, 1] or NaN
     */
    public KeystrokeDetector(double sensitivity) {
        if (!(sensitivity >= 0 && sensitivity <= 1)) {
            throw new IllegalArgumentException("sensitivity must be in [0, 1]: " + sensitivity);
        }
        this.sensitivity = sensitivity;
        this.threshold = thresholdFor(sensitivity);
    }

    /** The score threshold a sensitivity maps to. */
    public static double thresholdFor(double sensitivity) {
        return DEFAULT_THRESHOLD * Math.pow(2.0, 2.0 * (0.5 - sensitivity));
    }

    public double sensitivity() {
        return sensitivity;
    }

    public double threshold() {
        return threshold;
    }

    /** Convenience for the hidden field: parses it and verifies (an unparsable field is {@code NO_SAMPLE}). */
    public Verdict verify(KeystrokeTemplate template, String hiddenField) {
        return verify(template, KeystrokeSample.parse(hiddenField).orElse(null));
    }

    /**
     * Verifies one typing against the user's template (order of checks in the class comment).
     *
     * @param template the user's template, or null if the user has none yet
     * @param sample   the typing, or null if the login form sent none
     */
    public Verdict verify(KeystrokeTemplate template, KeystrokeSample sample) {
        if (sample == null) {
            return new Verdict(Outcome.NO_SAMPLE, Double.NaN, threshold, "no-sample");
        }
        if (template != null && !template.comparable(sample)) {
            return new Verdict(Outcome.NO_SAMPLE, Double.NaN, threshold, "layout");
        }
        if (ReplayGuard.coarseTimer(sample)) {
            // a clock rounded to 16.7 / 15.6 / 100 ms: too little rhythm to judge, and never a replay by that alone
            return new Verdict(Outcome.NO_SAMPLE, Double.NaN, threshold, "coarse-timer");
        }
        Optional<String> machine = ReplayGuard.machineRegularity(sample);
        if (machine.isPresent()) {
            return new Verdict(Outcome.REPLAY, Double.NaN, threshold, machine.get());
        }
        if (template == null) {
            return new Verdict(Outcome.ENROLLING, Double.NaN, threshold, "enrolling");
        }
        if (template.replaySimilarity(sample) >= ReplayGuard.REPLAY_SIMILARITY) {
            return new Verdict(Outcome.REPLAY, Double.NaN, threshold, "duplicate");
        }
        if (!template.isEnrolled()) {
            return new Verdict(Outcome.ENROLLING, Double.NaN, threshold, "enrolling");
        }
        double score = template.score(sample);
        return score <= threshold
                ? new Verdict(Outcome.MATCH, score, threshold, "match")
                : new Verdict(Outcome.MISMATCH, score, threshold, "mismatch");
    }

    /**
     * The normalised score alone (no replay checks, no enrolment minimum), for benchmarks and tuning.
     *
     * @return the score, or NaN if the sample is not comparable with the template
     */
    public static double score(KeystrokeTemplate template, KeystrokeSample sample) {
        if (template == null || !template.comparable(sample)) {
            return Double.NaN;
        }
        return template.score(sample);
    }

    /** The raw distance (class comment) of feature vector x to loc with effective scales. */
    static double distance(double[] x, double[] loc, double[] effScale, Shape shape) {
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            double z = Math.abs(x[i] - loc[i]) / effScale[i];
            double c = Math.min(z, shape.cap());
            d += c * Math.sqrt(c);
            if (z > shape.outlierZ()) {
                d += shape.outlierWeight();
            }
        }
        return d;
    }
}
