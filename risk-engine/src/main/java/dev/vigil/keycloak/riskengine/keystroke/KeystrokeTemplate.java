package dev.vigil.keycloak.riskengine.keystroke;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A user's typing-rhythm template: what Vigil stores per user (in the keystroke credential's
 * {@code secretData}). <b>Statistics only, never raw samples.</b> Immutable; {@link #update} and
 * {@link #remember} return a new template.
 *
 * <h2>What it holds</h2>
 * <ul>
 *   <li>the layout it was learnt on: key count {@code K} and timing kinds (hold / down-down / up-down);
 *       a sample with another layout is not comparable;</li>
 *   <li>{@code n}: how many typings it has learnt from;</li>
 *   <li>per feature (see the feature list below) a robust location {@code loc} and spread {@code scale}
 *       (batch enrolment: recency-weighted median and 1.4826 × median absolute deviation; otherwise
 *       exponentially weighted running averages);</li>
 *   <li>{@code norm}: the typical distance of the user's own genuine typing to the template, from the
 *       leave-one-out distances of the enrolment typings (their median), tracked afterwards;</li>
 *   <li>replay fingerprints of the last {@value ReplayGuard#MAX_FINGERPRINTS} typings and their salt
 *       (see {@link ReplayGuard});</li>
 *   <li>{@code rej}: typings rejected ({@code MISMATCH}, {@code REPLAY}) since the user last passed a second factor
 *       they already had — while it is above 0 a typing alone vouches for nobody (someone may be trying typings
 *       until one passes); written only when above 0.</li>
 * </ul>
 * Features, in order: {@code ln H[k]} (K values), the flight rhythm shape {@code ln DD[k] − T} (K−1) and
 * tempo {@code T = mean ln DD} (1), {@code UD[k]} in ms (K−1); only for the kinds in the layout.
 *
 * <h2>JSON (version 1)</h2>
 * <pre>{@code
 * {"v":1,"keys":4,"kinds":["h","dd","ud"],"n":10,
 *  "loc":[4.5218,4.4773,...],"scale":[0.0711,0.0905,...],"norm":17.412,
 *  "salt":"6b1d0c1f9a3e4d27","fp":["q0T1...","..."],"rej":1}
 * }</pre>
 * {@link #fromJson} accepts exactly this (at most {@value #MAX_JSON_CHARS} characters, checked first) and
 * returns empty for anything else. With fewer than 3 learnt typings, {@code loc} is necessarily close to
 * those typings themselves; from 5 on (when the detector starts deciding) it is a median of several.
 *
 * <h2>Learning</h2>
 * {@link #enrol} builds a template from a batch of typings (the explicit enrolment, where the user types
 * the password N times on one page). Its location is a weighted median in which each typing counts
 * {@code 1 − 2/(W+1)} ≈ 0.905 times as much as the next one: people type a password more and more
 * consistently (and usually faster) with practice, so the latest typings predict the next login better than
 * the first ones. Leave-subjects-out cross-validation on the MEU-Mobile dev data ({@code bench/keystroke --cv})
 * chose this window of 20 in 17 of 25 folds (10 in 7, none in 1). {@link #update} folds one accepted typing in, for passive enrolment
 * (one login at a time: no raw typing is kept between logins, so the batch median cannot be used) and to
 * follow drift: with {@code a = max(1/(n+1), 2/(W+1))}, {@code W = }{@value #WINDOW} (an exponentially
 * weighted window of about 20 typings) each feature's location moves by {@code a} times the deviation,
 * clipped to ±2 scales (one odd typing cannot drag it), and the scale is a weighted average with
 * sqrt(pi/2) × the absolute deviation (less thrown by one slow key than a variance), clipped at 3 scales.
 * While fewer than {@value #MIN_SAMPLES} typings are in there is no scale to clip with yet, and the
 * update is the plain running mean and mean absolute deviation. {@code norm} of a passively learnt
 * template starts as the average (in logs) of the distances of its 5th to 9th typings to the template
 * before each was folded in — each typing judged by a template that had not seen it, as the leave-one-out
 * distances of {@link #enrol} are. So the template follows a user whose typing changes, but its memory is
 * bounded: after about 20 typings older ones hardly count. Passive enrolment is less accurate than the
 * batch (bench/keystroke prints both).
 */
public final class KeystrokeTemplate {

    public static final int FORMAT = 1;
    public static final int MAX_JSON_CHARS = 64 * 1024;
    /** Typings before the detector decides; fewer gives {@code ENROLLING}. */
    public static final int MIN_SAMPLES = 5;
    /** Effective window of {@link #update}. */
    public static final int WINDOW = 20;
    /** At most this many (most recent) typings are used by {@link #enrol}. */
    public static final int MAX_ENROL_SAMPLES = 64;
    /** Prior for {@code norm}, per feature, used until {@value #MIN_SAMPLES} typings are in. */
    static final double NORM_PRIOR_PER_FEATURE = 1.3;

    private static final double MAD_TO_SD = 1.4826;
    /**
     * Weight ratio between a batch typing and the one typed after it, {@code 1 − 2/(W+1)}: the same
     * exponential window as {@link #update}, so a batch template leans towards the latest typings (people
     * settle into typing a password with practice) exactly as much as a passively learnt one does.
     */
    static final double RECENCY = 1.0 - 2.0 / (WINDOW + 1);
    private static final double LOC_CLIP = 2.0;
    private static final double SCALE_CLIP = 3.0;
    private static final double NORM_CLIP = 3.0;
    /** Mean absolute deviation to standard deviation, for normally distributed deviations: sqrt(pi / 2). */
    private static final double ABS_TO_SD = 1.2533;
    /** The first this many typings scored after {@value #MIN_SAMPLES} set {@code norm} by a plain average. */
    private static final int NORM_LEARN = MIN_SAMPLES;
    private static final Random SALTS = new SecureRandom();
    /** {@code rej} stops counting here */
    static final int MAX_REJECTED = 1000;

    private final int keys;
    private final int kinds;
    private final int n;
    private final double[] loc;
    private final double[] scale;
    private final double norm;
    private final long salt;
    private final List<byte[]> fingerprints;
    private final int rejected;
    /** always the shipped settings, except in tuning (not stored) */
    private final KeystrokeSettings settings;
    private final KeystrokeDetector.Shape shape;
    // derived
    private final double[] effScale;
    private final double normDenominator;

    private KeystrokeTemplate(int keys, int kinds, int n, double[] loc, double[] scale, double norm, long salt,
            List<byte[]> fingerprints, int rejected, KeystrokeSettings settings) {
        this.settings = settings;
        this.rejected = rejected;
        this.shape = settings.shape();
        this.keys = keys;
        this.kinds = kinds;
        this.n = n;
        this.loc = loc;
        this.scale = scale;
        this.norm = norm;
        this.salt = salt;
        this.fingerprints = Collections.unmodifiableList(fingerprints);
        double[] floors = KeystrokeFeatures.floors(keys, kinds, settings);
        this.effScale = new double[loc.length];
        for (int i = 0; i < loc.length; i++) {
            effScale[i] = Math.max(scale[i], floors[i]);
        }
        this.normDenominator = Math.sqrt(norm * NORM_PRIOR_PER_FEATURE * loc.length);
    }

    // ---- learning ------------------------------------------------------------------------------------

    /**
     * Builds a template from typings of the same password (same key count). Uses the timing kinds all of
     * them have and at most the last {@value #MAX_ENROL_SAMPLES}. Their fingerprints are remembered.
     *
     * @throws IllegalArgumentException if the list is empty, contains null, or key counts differ
     */
    public static KeystrokeTemplate enrol(List<KeystrokeSample> samples) {
        return enrol(samples, SALTS.nextLong());
    }

    /** {@link #enrol(List)} with other settings, for tuning ({@code bench/keystroke --cv}) only. */
    public static KeystrokeTemplate enrol(List<KeystrokeSample> samples, KeystrokeSettings settings) {
        return enrol(samples, SALTS.nextLong(), settings);
    }

    static KeystrokeTemplate enrol(List<KeystrokeSample> samples, long salt) {
        return enrol(samples, salt, KeystrokeSettings.DEFAULT);
    }

    private static KeystrokeTemplate enrol(List<KeystrokeSample> samples, long salt, KeystrokeSettings settings) {
        KeystrokeDetector.Shape shape = settings.shape();
        if (samples == null || samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<KeystrokeSample> use = samples.size() > MAX_ENROL_SAMPLES
                ? samples.subList(samples.size() - MAX_ENROL_SAMPLES, samples.size()) : samples;
        int keys = -1;
        int kinds = settings.kinds();
        for (KeystrokeSample s : use) {
            if (s == null) {
                throw new IllegalArgumentException("null sample");
            }
            if (keys >= 0 && s.keyCount() != keys) {
                throw new IllegalArgumentException("samples of different key counts");
            }
            keys = s.keyCount();
            kinds &= s.kinds();
        }
        if (kinds == 0) {
            throw new IllegalArgumentException("no timing kind common to all samples");
        }
        int m = use.size();
        int d = KeystrokeFeatures.dimension(keys, kinds);
        double[][] f = new double[m][];
        for (int j = 0; j < m; j++) {
            f[j] = KeystrokeFeatures.extract(use.get(j), kinds);
        }
        double[] loc = new double[d];
        double[] scale = new double[d];
        robust(f, -1, loc, scale, settings.recency());
        double norm = NORM_PRIOR_PER_FEATURE * d;
        if (m >= MIN_SAMPLES) {
            double[] floors = KeystrokeFeatures.floors(keys, kinds, settings);
            double[] looLoc = new double[d];
            double[] looScale = new double[d];
            double[] loo = new double[m];
            for (int j = 0; j < m; j++) {
                robust(f, j, looLoc, looScale, settings.recency());
                for (int i = 0; i < d; i++) {
                    looScale[i] = Math.max(looScale[i], floors[i]);
                }
                loo[j] = KeystrokeDetector.distance(f[j], looLoc, looScale, shape);
            }
            norm = Math.max(median(loo, m), 1e-6);
        }
        List<byte[]> fps = new ArrayList<>();
        for (int j = Math.max(0, m - ReplayGuard.MAX_FINGERPRINTS); j < m; j++) {
            fps.add(ReplayGuard.fingerprint(use.get(j), salt));
        }
        return new KeystrokeTemplate(keys, kinds, m, loc, scale, norm, salt, fps, 0, settings);
    }

    /**
     * Per feature, over the rows of f (oldest first) leaving out row {@code skip} (or none): the location
     * is the weighted median with weights {@value #RECENCY}^age (age 0 for the newest row), the scale is
     * 1.4826 × the median absolute deviation from it.
     */
    private static void robust(double[][] f, int skip, double[] loc, double[] scale, double recency) {
        int m = f.length - (skip >= 0 ? 1 : 0);
        double[] col = new double[m];
        double[] weight = new double[m];
        for (int j = 0; j < m; j++) {
            weight[j] = Math.pow(recency, m - 1 - j);
        }
        for (int i = 0; i < loc.length; i++) {
            int c = 0;
            for (int j = 0; j < f.length; j++) {
                if (j != skip) {
                    col[c++] = f[j][i];
                }
            }
            double med = weightedMedian(col, weight, m);
            for (int j = 0; j < m; j++) {
                col[j] = Math.abs(col[j] - med);
            }
            loc[i] = med;
            scale[i] = m >= 2 ? MAD_TO_SD * median(col, m) : 0.0;
        }
    }

    /** The (lower) weighted median: the smallest value at which the sorted weights reach half the total. */
    private static double weightedMedian(double[] v, double[] w, int len) {
        Integer[] order = new Integer[len];
        double total = 0;
        for (int j = 0; j < len; j++) {
            order[j] = j;
            total += w[j];
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double acc = 0;
        for (int j = 0; j < len; j++) {
            acc += w[order[j]];
            if (acc >= 0.5 * total) {
                return v[order[j]];
            }
        }
        return v[order[len - 1]];
    }

    private static double median(double[] v, int len) {
        double[] s = Arrays.copyOf(v, len);
        Arrays.sort(s);
        return (len & 1) == 1 ? s[len / 2] : 0.5 * (s[len / 2 - 1] + s[len / 2]);
    }

    /**
     * Folds an accepted typing in (see "Learning" above) and remembers its fingerprint. Call it after a
     * login whose verdict was {@code MATCH} (or {@code ENROLLING}), never after {@code MISMATCH}/{@code
     * REPLAY}. A sample of another layout leaves the template unchanged.
     */
    public KeystrokeTemplate update(KeystrokeSample sample) {
        if (!comparable(sample)) {
            return this;
        }
        double[] f = KeystrokeFeatures.extract(sample, kinds);
        double a = Math.max(1.0 / (n + 1), settings.minStep());
        // clipping needs a scale learnt from several typings; before that, plain running means
        boolean clip = n >= MIN_SAMPLES;
        double[] newLoc = new double[loc.length];
        double[] newScale = new double[loc.length];
        for (int i = 0; i < loc.length; i++) {
            double s = effScale[i];
            double r = f[i] - loc[i];
            double rl = clip ? Math.max(-LOC_CLIP * s, Math.min(LOC_CLIP * s, r)) : r;
            newLoc[i] = loc[i] + a * rl;
            double ar = Math.abs(r) * ABS_TO_SD;
            double rc = clip ? Math.min(ar, SCALE_CLIP * s) : ar * Math.sqrt(1 - a);
            newScale[i] = (1 - a) * scale[i] + a * rc;
        }
        double newNorm = norm;
        if (n >= MIN_SAMPLES) {
            double raw = Math.max(KeystrokeDetector.distance(f, loc, effScale, shape), 1e-6);
            int k = n - MIN_SAMPLES + 1;
            if (k <= NORM_LEARN) {
                newNorm = Math.exp(((k - 1) * Math.log(norm) + Math.log(raw)) / k);
            } else {
                double d = Math.min(Math.max(raw, norm / NORM_CLIP), norm * NORM_CLIP);
                newNorm = Math.exp((1 - a) * Math.log(norm) + a * Math.log(d));
            }
        }
        return new KeystrokeTemplate(keys, kinds, n + 1, newLoc, newScale, newNorm, salt,
                withFingerprint(sample), rejected, settings);
    }

    /**
     * A typing that was not accepted: only its replay fingerprint is remembered (no statistics change, so it is
     * refused if sent again), and it counts as a rejected typing ({@link #rejectedTypings}).
     */
    public KeystrokeTemplate remember(KeystrokeSample sample) {
        if (sample == null) {
            return this;
        }
        return new KeystrokeTemplate(keys, kinds, n, loc, scale, norm, salt, withFingerprint(sample),
                Math.min(MAX_REJECTED, rejected + 1), settings);
    }

    /** The same template with no rejected typings: the user passed a second factor they already had. */
    public KeystrokeTemplate cleared() {
        return rejected == 0 ? this
                : new KeystrokeTemplate(keys, kinds, n, loc, scale, norm, salt, fingerprints, 0, settings);
    }

    /** Typings rejected since the user last passed a second factor they already had (see {@link #cleared}). */
    public int rejectedTypings() {
        return rejected;
    }

    private List<byte[]> withFingerprint(KeystrokeSample sample) {
        List<byte[]> fps = new ArrayList<>(fingerprints.size() + 1);
        fps.addAll(fingerprints);
        fps.add(ReplayGuard.fingerprint(sample, salt));
        while (fps.size() > ReplayGuard.MAX_FINGERPRINTS) {
            fps.remove(0);
        }
        return fps;
    }

    // ---- queries -------------------------------------------------------------------------------------

    /** True if the sample has this template's key count and timing kinds. */
    public boolean comparable(KeystrokeSample sample) {
        return sample != null && sample.keyCount() == keys && sample.has(kinds);
    }

    /** Highest {@link ReplayGuard#similarity} of the sample to a remembered fingerprint (0 if none). */
    public double replaySimilarity(KeystrokeSample sample) {
        byte[] fp = ReplayGuard.fingerprint(sample, salt);
        double best = 0;
        for (byte[] other : fingerprints) {
            best = Math.max(best, ReplayGuard.similarity(fp, other));
        }
        return best;
    }

    /** The normalised score of a comparable sample: raw distance / sqrt(norm × typical distance). */
    double score(KeystrokeSample sample) {
        double[] f = KeystrokeFeatures.extract(sample, kinds);
        return KeystrokeDetector.distance(f, loc, effScale, shape) / normDenominator;
    }

    public int keyCount() {
        return keys;
    }

    /** Timing kinds of the layout, bits of {@link KeystrokeSample#HOLD} etc. */
    public int kinds() {
        return kinds;
    }

    /** Typings learnt from. */
    public int sampleCount() {
        return n;
    }

    /** True once {@value #MIN_SAMPLES} typings are in and the detector decides. */
    public boolean isEnrolled() {
        return n >= MIN_SAMPLES;
    }

    public int fingerprintCount() {
        return fingerprints.size();
    }

    /** A copy of the per-feature locations (feature order in the class comment). */
    public double[] location() {
        return loc.clone();
    }

    /** A copy of the per-feature scales as stored (floors are applied when scoring). */
    public double[] scale() {
        return scale.clone();
    }

    /** Typical genuine distance (see class comment). */
    public double norm() {
        return norm;
    }

    // ---- JSON ----------------------------------------------------------------------------------------

    /** The versioned JSON form (class comment). Contains statistics and fingerprints only. */
    public String toJson() {
        StringBuilder b = new StringBuilder(256 + loc.length * 20 + fingerprints.size() * 48);
        b.append("{\"v\":").append(FORMAT).append(",\"keys\":").append(keys).append(",\"kinds\":[");
        String sep = "";
        if ((kinds & KeystrokeSample.HOLD) != 0) {
            b.append("\"h\"");
            sep = ",";
        }
        if ((kinds & KeystrokeSample.DOWN_DOWN) != 0) {
            b.append(sep).append("\"dd\"");
            sep = ",";
        }
        if ((kinds & KeystrokeSample.UP_DOWN) != 0) {
            b.append(sep).append("\"ud\"");
        }
        b.append("],\"n\":").append(n).append(",\"loc\":");
        appendArray(b, loc);
        b.append(",\"scale\":");
        appendArray(b, scale);
        b.append(",\"norm\":").append(MiniJson.num(norm, 3));
        b.append(",\"salt\":\"").append(String.format("%016x", salt)).append("\",\"fp\":[");
        Base64.Encoder enc = Base64.getEncoder().withoutPadding();
        for (int i = 0; i < fingerprints.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"').append(enc.encodeToString(fingerprints.get(i))).append('"');
        }
        b.append(']');
        if (rejected > 0) {
            b.append(",\"rej\":").append(rejected);
        }
        return b.append('}').toString();
    }

    private static void appendArray(StringBuilder b, double[] v) {
        b.append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(MiniJson.num(v[i], 4));
        }
        b.append(']');
    }

    /** Reads {@link #toJson()}'s form; anything else (garbage, other version, inconsistent sizes) is empty. */
    public static Optional<KeystrokeTemplate> fromJson(String json) {
        try {
            if (json == null || json.isEmpty() || json.length() > MAX_JSON_CHARS) {
                return Optional.empty();
            }
            Object doc = MiniJson.parse(json, 2, 4096);
            if (!(doc instanceof Map)) {
                return Optional.empty();
            }
            Map<?, ?> m = (Map<?, ?>) doc;
            int rejected = m.containsKey("rej") ? integer(m.get("rej"), 1, MAX_REJECTED) : 0;
            if (m.size() != (rejected > 0 ? 10 : 9) || !(m.get("v") instanceof Double) || (Double) m.get("v") != FORMAT) {
                return Optional.empty();
            }
            int keys = integer(m.get("keys"), KeystrokeSample.MIN_KEYS, KeystrokeSample.MAX_KEYS);
            int n = integer(m.get("n"), 1, Integer.MAX_VALUE - 1);
            int kinds = kinds(m.get("kinds"));
            int d = KeystrokeFeatures.dimension(keys, kinds);
            double[] loc = numbers(m.get("loc"), d, -1e4, 1e4);
            double[] scale = numbers(m.get("scale"), d, 0, 1e4);
            Object normV = m.get("norm");
            if (!(normV instanceof Double) || !((Double) normV > 0) || (Double) normV > 1e6) {
                return Optional.empty();
            }
            Object saltV = m.get("salt");
            if (!(saltV instanceof String) || !((String) saltV).matches("[0-9a-f]{16}")) {
                return Optional.empty();
            }
            long salt = Long.parseUnsignedLong((String) saltV, 16);
            Object fpV = m.get("fp");
            if (!(fpV instanceof List) || ((List<?>) fpV).size() > ReplayGuard.MAX_FINGERPRINTS) {
                return Optional.empty();
            }
            List<byte[]> fps = new ArrayList<>();
            for (Object o : (List<?>) fpV) {
                if (!(o instanceof String)) {
                    return Optional.empty();
                }
                byte[] fp = Base64.getDecoder().decode((String) o);
                if (fp.length == 0 || fp.length > 2 * KeystrokeSample.MAX_KEYS || (fp.length & 1) != 0) {
                    return Optional.empty();
                }
                fps.add(fp);
            }
            return Optional.of(new KeystrokeTemplate(keys, kinds, n, loc, scale, (Double) normV, salt, fps,
                    rejected, KeystrokeSettings.DEFAULT));
        } catch (MiniJson.Malformed | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static int integer(Object o, int min, int max) {
        if (!(o instanceof Double)) {
            throw new IllegalArgumentException("not a number");
        }
        double v = (Double) o;
        if (v != Math.rint(v) || v < min || v > max) {
            throw new IllegalArgumentException("out of range");
        }
        return (int) v;
    }

    private static int kinds(Object o) {
        if (!(o instanceof List) || ((List<?>) o).isEmpty() || ((List<?>) o).size() > 3) {
            throw new IllegalArgumentException("kinds");
        }
        int k = 0;
        for (Object e : (List<?>) o) {
            int bit;
            if ("h".equals(e)) {
                bit = KeystrokeSample.HOLD;
            } else if ("dd".equals(e)) {
                bit = KeystrokeSample.DOWN_DOWN;
            } else if ("ud".equals(e)) {
                bit = KeystrokeSample.UP_DOWN;
            } else {
                throw new IllegalArgumentException("kinds");
            }
            if ((k & bit) != 0) {
                throw new IllegalArgumentException("kinds");
            }
            k |= bit;
        }
        return k;
    }

    private static double[] numbers(Object o, int len, double min, double max) {
        if (!(o instanceof List) || ((List<?>) o).size() != len) {
            throw new IllegalArgumentException("array");
        }
        double[] out = new double[len];
        for (int i = 0; i < len; i++) {
            Object v = ((List<?>) o).get(i);
            if (!(v instanceof Double) || !((Double) v >= min && (Double) v <= max)) {
                throw new IllegalArgumentException("array value");
            }
            out[i] = (Double) v;
        }
        return out;
    }

    /** Without statistics: templates must not end up in logs. */
    @Override
    public String toString() {
        return "KeystrokeTemplate[keys=" + keys + ", kinds=" + kinds + ", n=" + n + "]";
    }
}
