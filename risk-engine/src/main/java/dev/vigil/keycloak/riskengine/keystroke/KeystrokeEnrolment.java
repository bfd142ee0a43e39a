package dev.vigil.keycloak.riskengine.keystroke;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Explicit enrolment: builds a template from the typings a user entered on the "Set up typing rhythm"
 * page in one go (one hidden field per typing, each in the login form's wire format). The typings are
 * only held for the request; the result is a {@link KeystrokeTemplate} (statistics) or the reason the
 * set cannot be used. Never throws.
 */
public final class KeystrokeEnrolment {

    /** More typings than this in one request are refused (the page asks for far fewer). */
    public static final int MAX_TYPINGS = 30;

    /** Why a set of typings was refused. */
    public enum Problem {
        /** Fewer usable typings than required. */
        TOO_FEW,
        /** A typing could not be read, or more than {@value #MAX_TYPINGS} were sent. */
        UNUSABLE,
        /** The typings do not all have the same keys (e.g. Shift once, Caps Lock once). */
        MIXED_LAYOUT,
        /** Machine-regular timings, or two typings implausibly alike: not a person typing. */
        MACHINE_MADE
    }

    /** Either a template or a problem. */
    public record Result(KeystrokeTemplate template, Problem problem) {

        public boolean ok() {
            return template != null;
        }
    }

    private KeystrokeEnrolment() {
    }

    /**
     * @param fields   the hidden-field values, one per typing
     * @param required how many typings the page asked for (at least {@value KeystrokeTemplate#MIN_SAMPLES})
     */
    public static Result of(List<String> fields, int required) {
        if (fields == null || fields.size() < Math.max(required, KeystrokeTemplate.MIN_SAMPLES)) {
            return new Result(null, Problem.TOO_FEW);
        }
        if (fields.size() > MAX_TYPINGS) {
            return new Result(null, Problem.UNUSABLE);
        }
        List<KeystrokeSample> samples = new ArrayList<>(fields.size());
        for (String field : fields) {
            Optional<KeystrokeSample> sample = KeystrokeSample.parse(field);
            if (sample.isEmpty()) {
                return new Result(null, Problem.UNUSABLE);
            }
            if (!samples.isEmpty() && (sample.get().keyCount() != samples.get(0).keyCount()
                    || sample.get().kinds() != samples.get(0).kinds())) {
                return new Result(null, Problem.MIXED_LAYOUT);
            }
            if (ReplayGuard.coarseTimer(sample.get())) {
                return new Result(null, Problem.UNUSABLE); // a coarse clock: nothing to learn a rhythm from
            }
            if (ReplayGuard.machineRegularity(sample.get()).isPresent()) {
                return new Result(null, Problem.MACHINE_MADE);
            }
            samples.add(sample.get());
        }
        // the same typing twice (a script sending one recording again) is not enrolment
        KeystrokeTemplate seen = KeystrokeTemplate.enrol(List.of(samples.get(0)));
        for (KeystrokeSample s : samples.subList(1, samples.size())) {
            if (seen.replaySimilarity(s) >= ReplayGuard.REPLAY_SIMILARITY) {
                return new Result(null, Problem.MACHINE_MADE);
            }
            seen = seen.remember(s);
        }
        return new Result(KeystrokeTemplate.enrol(samples), null);
    }
}
