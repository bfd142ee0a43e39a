package dev.vigil.keycloak.riskengine.keystroke;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One typing of the password: the timing vector Vigil's keystroke dynamics works on. Immutable.
 *
 * <p>For a password typed as {@code K} key presses (every physical key counts, Shift and Enter included,
 * in the order the keys went <em>down</em>):
 * <ul>
 *   <li>{@code hold[k]} (H) — key {@code k} down → key {@code k} up, {@code K} values, ≥ 0 ms;</li>
 *   <li>{@code downDown[k]} (DD) — key {@code k} down → key {@code k+1} down, {@code K-1} values, ≥ 0 ms;</li>
 *   <li>{@code upDown[k]} (UD) — key {@code k} up → key {@code k+1} down, {@code K-1} values; negative when
 *       key {@code k+1} went down before key {@code k} came up (overlap). Always
 *       {@code UD[k] = DD[k] − H[k]}.</li>
 * </ul>
 * All values are milliseconds.
 *
 * <h2>Wire format of the login form's hidden field (version 1)</h2>
 * <pre>{@code
 * {"v":1,"h":[92.4,88.0,101.3,85.2],"dd":[383.1,250.6,402.0],"ud":[290.7,162.6,300.7]}
 * }</pre>
 * <ul>
 *   <li>A JSON object with exactly the members {@code "v"} (the number {@code 1}), {@code "h"}, {@code "dd"}
 *       and optionally {@code "ud"} (arrays of JSON numbers). Any other member, any nesting, {@code null},
 *       a string where a number belongs, or a duplicate member makes the field invalid.</li>
 *   <li>Numbers are milliseconds; the capture script should round them to 0.1 ms (one decimal). The parser
 *       accepts any JSON number of at most 32 characters and rounds it to 0.1 ms; {@code NaN},
 *       {@code Infinity} and non-JSON forms are invalid.</li>
 *   <li>{@code 4 ≤ K ≤ 64} keys: {@code h.length = K}, {@code dd.length = ud.length = K − 1}.</li>
 *   <li>Ranges: {@code 0 ≤ h ≤ 5000}, {@code 0 ≤ dd ≤ 5000}, {@code −5000 ≤ ud ≤ 5000}.</li>
 *   <li>When {@code "ud"} is sent it must agree with the others: {@code |ud[k] − (dd[k] − h[k])| ≤ 1 ms}
 *       (a tampered vector is refused). Without it, UD is derived.</li>
 *   <li>At most {@value #MAX_FIELD_CHARS} characters; longer input is refused <em>before</em> parsing.</li>
 *   <li>An empty or missing field (password manager, paste, JavaScript off) is simply "no sample".</li>
 * </ul>
 * {@link #parse(String)} never throws: anything that is not exactly this gives {@link Optional#empty()}.
 *
 * <p>The capture script should send a sample only for a "clean" typing: no Backspace/Delete, no paste or
 * autofill, the final field value typed key by key. Modifier keys (Shift, CapsLock) are keys like any
 * other. The same password typed with a different key sequence (Shift vs. CapsLock) has a different
 * {@code K} and is not comparable: {@link KeystrokeDetector} reports {@code NO_SAMPLE} for it.
 */
public final class KeystrokeSample {

    /** Hard cap on the hidden field's length, checked before any parsing. */
    public static final int MAX_FIELD_CHARS = 4096;
    public static final int MIN_KEYS = 4;
    public static final int MAX_KEYS = 64;
    /** Largest hold or down-down time, and largest |up-down|, the wire format accepts, in ms. */
    public static final double MAX_MS = 5000.0;
    /**
     * Largest value {@link #of} accepts, in ms (10 minutes): recorded data sets contain long pauses
     * (the MEU-Mobile file has down-down times up to 48 s) and a benchmark must score every typing.
     */
    public static final double MAX_FACTORY_MS = 600_000.0;
    /** Wire format version written by {@link #toJson()} and required by {@link #parse(String)}. */
    public static final int WIRE_VERSION = 1;
    /** Tolerance of the UD = DD − H consistency check, in ms. */
    static final double UD_TOLERANCE_MS = 1.0;

    /** Timing kinds, as bits of {@link #kinds()}. */
    public static final int HOLD = 1;
    public static final int DOWN_DOWN = 2;
    public static final int UP_DOWN = 4;
    public static final int ALL_KINDS = HOLD | DOWN_DOWN | UP_DOWN;

    private final int keys;
    private final double[] hold;     // null if unknown
    private final double[] downDown; // null if unknown
    private final double[] upDown;   // null if unknown
    private final int kinds;

    private KeystrokeSample(int keys, double[] hold, double[] downDown, double[] upDown) {
        this.keys = keys;
        this.hold = hold;
        this.downDown = downDown;
        this.upDown = upDown;
        this.kinds = (hold != null ? HOLD : 0) | (downDown != null ? DOWN_DOWN : 0) | (upDown != null ? UP_DOWN : 0);
    }

    /**
     * Parses the login form's hidden field (format above).
     *
     * @return the sample, or empty for anything else (null, blank, too long, not JSON, wrong shape,
     *         wrong lengths, out-of-range or non-finite numbers, fewer than 4 or more than 64 keys,
     *         inconsistent UD); never throws
     */
    public static Optional<KeystrokeSample> parse(String hiddenField) {
        try {
            if (hiddenField == null || hiddenField.isEmpty() || hiddenField.length() > MAX_FIELD_CHARS) {
                return Optional.empty();
            }
            // 1 object + 4 members + at most 64 + 63 + 63 numbers
            Object doc = MiniJson.parse(hiddenField, 2, 1 + 4 + MAX_KEYS * 3);
            if (!(doc instanceof Map)) {
                return Optional.empty();
            }
            Map<?, ?> m = (Map<?, ?>) doc;
            for (Object k : m.keySet()) {
                if (!"v".equals(k) && !"h".equals(k) && !"dd".equals(k) && !"ud".equals(k)) {
                    return Optional.empty();
                }
            }
            if (!(m.get("v") instanceof Double) || (Double) m.get("v") != WIRE_VERSION) {
                return Optional.empty();
            }
            double[] h = numbers(m.get("h"));
            double[] dd = numbers(m.get("dd"));
            double[] ud = m.containsKey("ud") ? numbers(m.get("ud")) : null;
            if (h == null || dd == null || (m.containsKey("ud") && ud == null)) {
                return Optional.empty();
            }
            if (!valid(h, dd, ud)) {
                return Optional.empty();
            }
            if (ud != null) {
                for (int k = 0; k < ud.length; k++) {
                    if (Math.abs(ud[k] - (dd[k] - h[k])) > UD_TOLERANCE_MS) {
                        return Optional.empty();
                    }
                }
            } else {
                ud = derivedUpDown(h, dd);
                for (int k = 0; k < ud.length; k++) {
                    ud[k] = Math.round(ud[k] * 10.0) / 10.0;
                }
            }
            return Optional.of(new KeystrokeSample(h.length, h, dd, ud));
        } catch (MiniJson.Malformed | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static double[] numbers(Object o) {
        if (!(o instanceof List)) {
            return null;
        }
        List<?> list = (List<?>) o;
        if (list.size() > MAX_KEYS) {
            return null;
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = list.get(i);
            if (!(v instanceof Double)) {
                return null;
            }
            out[i] = Math.round((Double) v * 10.0) / 10.0;
        }
        return out;
    }

    /**
     * Builds a sample from timing arrays in ms (for benchmarks, tests and data import). Any one array
     * may be {@code null} when the source lacks that kind; a missing kind is derived where the others
     * determine it ({@code UD = DD − H}, {@code DD = UD + H}). {@code hold} has {@code K} values, the
     * others {@code K − 1}. Values are used as given (no rounding).
     *
     * @throws IllegalArgumentException if no array is given, lengths disagree, {@code K} is outside
     *         [{@value #MIN_KEYS}, {@value #MAX_KEYS}], or a value is non-finite or out of range (hold and
     *         down-down in [0, {@value #MAX_FACTORY_MS}], |up-down| ≤ {@value #MAX_FACTORY_MS}; wider than
     *         the wire format's {@value #MAX_MS})
     */
    public static KeystrokeSample of(double[] hold, double[] downDown, double[] upDown) {
        double[] h = hold == null ? null : hold.clone();
        double[] dd = downDown == null ? null : downDown.clone();
        double[] ud = upDown == null ? null : upDown.clone();
        if (h == null && dd == null && ud == null) {
            throw new IllegalArgumentException("no timings");
        }
        int keys = h != null ? h.length : (dd != null ? dd.length + 1 : ud.length + 1);
        if ((h != null && h.length != keys) || (dd != null && dd.length != keys - 1)
                || (ud != null && ud.length != keys - 1)) {
            throw new IllegalArgumentException("lengths disagree: hold must have K values, DD and UD K-1");
        }
        if (keys < MIN_KEYS || keys > MAX_KEYS) {
            throw new IllegalArgumentException("key count " + keys + " outside [" + MIN_KEYS + ", " + MAX_KEYS + "]");
        }
        if (h != null && dd != null && ud == null) {
            ud = derivedUpDown(h, dd);
        } else if (h != null && ud != null && dd == null) {
            dd = new double[keys - 1];
            for (int k = 0; k < dd.length; k++) {
                dd[k] = ud[k] + h[k];
            }
        }
        if (!rangesOk(h, dd, ud, MAX_FACTORY_MS)) {
            throw new IllegalArgumentException("timing out of range or not finite");
        }
        return new KeystrokeSample(keys, h, dd, ud);
    }

    private static boolean valid(double[] h, double[] dd, double[] ud) {
        int keys = h.length;
        if (keys < MIN_KEYS || keys > MAX_KEYS || dd.length != keys - 1 || (ud != null && ud.length != keys - 1)) {
            return false;
        }
        return rangesOk(h, dd, ud, MAX_MS);
    }

    private static boolean rangesOk(double[] h, double[] dd, double[] ud, double max) {
        if (h != null) {
            for (double v : h) {
                if (!(v >= 0 && v <= max)) {
                    return false;
                }
            }
        }
        if (dd != null) {
            for (double v : dd) {
                if (!(v >= 0 && v <= max)) {
                    return false;
                }
            }
        }
        if (ud != null) {
            for (double v : ud) {
                if (!(v >= -max && v <= max)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double[] derivedUpDown(double[] h, double[] dd) {
        double[] ud = new double[dd.length];
        for (int k = 0; k < ud.length; k++) {
            ud[k] = dd[k] - h[k];
        }
        return ud;
    }

    /** Number of key presses {@code K}. */
    public int keyCount() {
        return keys;
    }

    /** Which timing kinds this sample has, as bits {@link #HOLD}, {@link #DOWN_DOWN}, {@link #UP_DOWN}. */
    public int kinds() {
        return kinds;
    }

    public boolean has(int kindBits) {
        return (kinds & kindBits) == kindBits;
    }

    /** Hold times (K values, ms), or empty if unknown. A copy. */
    public double[] hold() {
        return hold == null ? new double[0] : hold.clone();
    }

    /** Down-down times (K−1 values, ms), or empty if unknown. A copy. */
    public double[] downDown() {
        return downDown == null ? new double[0] : downDown.clone();
    }

    /** Up-down times (K−1 values, ms), or empty if unknown. A copy. */
    public double[] upDown() {
        return upDown == null ? new double[0] : upDown.clone();
    }

    // package-private, no copies: used on the verification path
    double[] holdRaw() {
        return hold;
    }

    double[] downDownRaw() {
        return downDown;
    }

    double[] upDownRaw() {
        return upDown;
    }

    /**
     * The wire form (version 1) of a sample that has hold and down-down times; values rounded to 0.1 ms.
     * {@code parse(s.toJson())} gives back {@code s} for every parsed sample. (A sample built with
     * {@link #of} whose up-down times disagree with {@code DD − H} by more than 1 ms gives a field that
     * {@link #parse} refuses, as it should.)
     *
     * @throws IllegalStateException if the sample lacks hold or down-down times
     */
    public String toJson() {
        if (hold == null || downDown == null) {
            throw new IllegalStateException("the wire format needs hold and down-down times");
        }
        StringBuilder b = new StringBuilder(32 + keys * 24);
        b.append("{\"v\":").append(WIRE_VERSION).append(",\"h\":");
        append(b, hold);
        b.append(",\"dd\":");
        append(b, downDown);
        b.append(",\"ud\":");
        append(b, upDown);
        return b.append('}').toString();
    }

    private static void append(StringBuilder b, double[] values) {
        b.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(MiniJson.num(values[i], 1));
        }
        b.append(']');
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KeystrokeSample)) {
            return false;
        }
        KeystrokeSample other = (KeystrokeSample) o;
        return keys == other.keys && Arrays.equals(hold, other.hold) && Arrays.equals(downDown, other.downDown)
                && Arrays.equals(upDown, other.upDown);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(hold) + Arrays.hashCode(downDown)) + Arrays.hashCode(upDown);
    }

    /** Deliberately without the timings: samples must not end up in logs. */
    @Override
    public String toString() {
        return "KeystrokeSample[keys=" + keys + ", kinds=" + kinds + "]";
    }
}
