package dev.vigil.keycloak.bench.keystroke;

import java.util.List;

import dev.vigil.keycloak.bench.keystroke.KeystrokeCsv.Typing;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeDetector;
import dev.vigil.keycloak.riskengine.keystroke.KeystrokeTemplate;

/**
 * The detectors compared: the three classic ones of Killourhy &amp; Maxion (DSN 2009) on the raw timing
 * vector (all timing columns of the file), and Vigil's. Every score is "higher = less like the user".
 */
final class Detectors {

    interface Scorer {
        double score(Typing t);
    }

    interface Detector {
        String name();

        boolean classic();

        Scorer train(List<Typing> enrolment);
    }

    private Detectors() {
    }

    static List<Detector> all() {
        return List.of(MANHATTAN, SCALED_MANHATTAN, Z_SCORE, VIGIL, VIGIL_PASSIVE);
    }

    private static double[] mean(List<Typing> e) {
        double[] m = new double[e.get(0).vector().length];
        for (Typing t : e) {
            for (int i = 0; i < m.length; i++) {
                m[i] += t.vector()[i];
            }
        }
        for (int i = 0; i < m.length; i++) {
            m[i] /= e.size();
        }
        return m;
    }

    /** Manhattan distance to the mean vector. */
    static final Detector MANHATTAN = new Detector() {
        public String name() {
            return "Manhattan";
        }

        public boolean classic() {
            return true;
        }

        public Scorer train(List<Typing> e) {
            double[] m = mean(e);
            return t -> {
                double d = 0;
                for (int i = 0; i < m.length; i++) {
                    d += Math.abs(t.vector()[i] - m[i]);
                }
                return d;
            };
        }
    };

    /** Manhattan distance scaled per feature by the mean absolute deviation of the enrolment typings. */
    static final Detector SCALED_MANHATTAN = new Detector() {
        public String name() {
            return "scaled Manhattan";
        }

        public boolean classic() {
            return true;
        }

        public Scorer train(List<Typing> e) {
            double[] m = mean(e);
            double[] aad = new double[m.length];
            for (Typing t : e) {
                for (int i = 0; i < m.length; i++) {
                    aad[i] += Math.abs(t.vector()[i] - m[i]) / e.size();
                }
            }
            for (int i = 0; i < m.length; i++) {
                aad[i] = Math.max(aad[i], 1e-9);
            }
            return t -> {
                double d = 0;
                for (int i = 0; i < m.length; i++) {
                    d += Math.abs(t.vector()[i] - m[i]) / aad[i];
                }
                return d;
            };
        }
    };

    /** Number of features whose z-score (mean, sample standard deviation) exceeds 1.96. */
    static final Detector Z_SCORE = new Detector() {
        public String name() {
            return "z-score outlier count";
        }

        public boolean classic() {
            return true;
        }

        public Scorer train(List<Typing> e) {
            double[] m = mean(e);
            double[] sd = new double[m.length];
            for (Typing t : e) {
                for (int i = 0; i < m.length; i++) {
                    sd[i] += (t.vector()[i] - m[i]) * (t.vector()[i] - m[i]);
                }
            }
            for (int i = 0; i < m.length; i++) {
                sd[i] = Math.max(Math.sqrt(sd[i] / Math.max(1, e.size() - 1)), 1e-9);
            }
            return t -> {
                int c = 0;
                for (int i = 0; i < m.length; i++) {
                    if (Math.abs(t.vector()[i] - m[i]) / sd[i] > 1.96) {
                        c++;
                    }
                }
                return c;
            };
        }
    };

    /** Vigil: {@link KeystrokeTemplate#enrol} and {@link KeystrokeDetector#score}. */
    static final Detector VIGIL = new Detector() {
        public String name() {
            return "Vigil";
        }

        public boolean classic() {
            return false;
        }

        public Scorer train(List<Typing> e) {
            KeystrokeTemplate template = KeystrokeTemplate.enrol(e.stream().map(Typing::sample).toList());
            return t -> KeystrokeDetector.score(template, t.sample());
        }
    };

    /**
     * Vigil as passive enrolment builds it in production: one login at a time, {@link KeystrokeTemplate#enrol}
     * on the first typing and {@link KeystrokeTemplate#update} with each later one (no raw typing is kept
     * between logins, so the batch statistics of {@link #VIGIL} are not available).
     */
    static final Detector VIGIL_PASSIVE = new Detector() {
        public String name() {
            return "Vigil, passive enrolment";
        }

        public boolean classic() {
            return false;
        }

        public Scorer train(List<Typing> e) {
            KeystrokeTemplate learnt = foldIn(KeystrokeTemplate.enrol(List.of(e.get(0).sample())),
                    e.subList(1, e.size()));
            return t -> KeystrokeDetector.score(learnt, t.sample());
        }
    };

    /** {@code template} with each typing folded in, one login at a time ({@link KeystrokeTemplate#update}). */
    static KeystrokeTemplate foldIn(KeystrokeTemplate template, List<Typing> typings) {
        for (Typing t : typings) {
            template = template.update(t.sample());
        }
        return template;
    }
}
