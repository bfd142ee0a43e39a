package dev.vigil.keycloak.riskengine.keystroke;

/**
 * Every setting of the typing-rhythm detector that changes how well it separates a user from others: the
 * distance's {@link KeystrokeDetector.Shape}, the per-feature scale floors of {@link KeystrokeFeatures}, the
 * recency window of the template ({@link KeystrokeTemplate#WINDOW}) and the timing kinds used as features.
 * Production always uses {@link #DEFAULT}; the shipped values are chosen by leave-subjects-out cross-validation
 * on the development data ({@code bench/keystroke --cv}), and other values exist for that tuning only (they are
 * not stored with a template: {@link KeystrokeTemplate#fromJson} gives the defaults).
 *
 * @param shape      cap, outlier z and outlier weight of the distance
 * @param floorHold  smallest scale of a log hold time
 * @param floorShape smallest scale of a flight rhythm-shape value (log down-down minus tempo)
 * @param floorTempo smallest scale of the tempo (mean log down-down)
 * @param floorUdMs  smallest scale of an up-down time, ms
 * @param window     effective window (typings) of the recency weighting of enrolment and update; 0 = none
 *                   (plain median at enrolment, running mean in update)
 * @param kinds      timing kinds used as features (bits of {@link KeystrokeSample#HOLD} etc.), intersected with
 *                   those every enrolment typing has
 */
public record KeystrokeSettings(KeystrokeDetector.Shape shape, double floorHold, double floorShape, double floorTempo,
        double floorUdMs, int window, int kinds) {

    /** The shipped settings. */
    public static final KeystrokeSettings DEFAULT = new KeystrokeSettings(KeystrokeDetector.Shape.DEFAULT,
            KeystrokeFeatures.FLOOR_HOLD, KeystrokeFeatures.FLOOR_SHAPE, KeystrokeFeatures.FLOOR_TEMPO,
            KeystrokeFeatures.FLOOR_UD_MS, KeystrokeTemplate.WINDOW, KeystrokeSample.ALL_KINDS);

    public KeystrokeSettings {
        if (shape == null || !(floorHold > 0) || !(floorShape > 0) || !(floorTempo > 0) || !(floorUdMs > 0)
                || window < 0 || (kinds & KeystrokeSample.ALL_KINDS) == 0 || (kinds & ~KeystrokeSample.ALL_KINDS) != 0) {
            throw new IllegalArgumentException("invalid keystroke settings");
        }
    }

    /** Weight ratio between a batch typing and the one typed after it: {@code 1 − 2/(W+1)}, 1 without a window. */
    double recency() {
        return window == 0 ? 1.0 : 1.0 - 2.0 / (window + 1);
    }

    /** Smallest step of {@link KeystrokeTemplate#update}: {@code 2/(W+1)}, 0 without a window. */
    double minStep() {
        return window == 0 ? 0.0 : 2.0 / (window + 1);
    }

    public KeystrokeSettings withShape(KeystrokeDetector.Shape s) {
        return new KeystrokeSettings(s, floorHold, floorShape, floorTempo, floorUdMs, window, kinds);
    }

    public KeystrokeSettings withFloors(double hold, double shapeFloor, double tempo, double udMs) {
        return new KeystrokeSettings(shape, hold, shapeFloor, tempo, udMs, window, kinds);
    }

    public KeystrokeSettings withWindow(int w) {
        return new KeystrokeSettings(shape, floorHold, floorShape, floorTempo, floorUdMs, w, kinds);
    }

    public KeystrokeSettings withKinds(int k) {
        return new KeystrokeSettings(shape, floorHold, floorShape, floorTempo, floorUdMs, window, k);
    }
}
