package dev.vigil.keycloak.authenticators.keystroke;

import java.util.List;
import java.util.Map;

import dev.vigil.keycloak.riskengine.keystroke.KeystrokeDetector;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Settings of the typing-rhythm form execution, declared once here.
 *
 * @param enrollmentSamples successful password logins with a usable typing that build the template
 * @param sensitivity       0 (lenient) … 1 (strict): the detector's threshold
 * @param strict            fail the login on MISMATCH or REPLAY instead of leaving it to a condition
 * @param retype            an enrolled user's login without a usable typing (paste, password manager, a correction)
 *                          is asked to type the password once more, instead of a step-up, when the login's risk
 *                          without the typing is LOW; the second typing is judged as any other
 */
public record TypingRhythmConfig(int enrollmentSamples, double sensitivity, boolean strict, boolean retype) {

    public static final String ENROLLMENT_SAMPLES = "enrollmentSamples";
    public static final String SENSITIVITY = "sensitivity";
    public static final String STRICT = "strict";
    public static final String RETYPE = "retypeUnverified";
    public static final TypingRhythmConfig DEFAULTS = new TypingRhythmConfig(10, KeystrokeDetector.DEFAULT_SENSITIVITY,
            false, true);

    public static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(ENROLLMENT_SAMPLES).label("Enrollment typings").type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(DEFAULTS.enrollmentSamples())
            .helpText("Successful password logins with a usable typing sample that build the user's template (5-50).")
            .add()
            .property().name(SENSITIVITY).label("Sensitivity").type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(Double.toString(DEFAULTS.sensitivity()))
            .helpText("0 (lenient) to 1 (strict): how different a typing may be before it is a mismatch.").add()
            .property().name(STRICT).label("Fail on mismatch").type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue("false")
            .helpText("Fail the login on a mismatching or replayed typing. Off: the outcome is left to the "
                    + "'Vigil - typing rhythm' condition (step-up).").add()
            .property().name(RETYPE).label("Ask to type again when unverified").type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue(Boolean.toString(DEFAULTS.retype()))
            .helpText("A user with a typing-rhythm template whose password came without a usable typing (pasted, "
                    + "filled in by a password manager, corrected) is asked once to type it again, instead of a "
                    + "second factor - only when the login's risk without the typing is LOW (the user's own device "
                    + "and network), so the question tells nobody else that the password was right. The second "
                    + "typing is judged as any other; without a usable one again, the login is UNVERIFIED.").add()
            .build();

    /** Lenient: a missing or bad value falls back to its default. */
    public static TypingRhythmConfig of(AuthenticatorConfigModel model) {
        Map<String, String> c = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        int samples = DEFAULTS.enrollmentSamples();
        double sensitivity = DEFAULTS.sensitivity();
        try {
            samples = Math.max(5, Math.min(50, Integer.parseInt(c.getOrDefault(ENROLLMENT_SAMPLES, "10").trim())));
        } catch (NumberFormatException ignored) {
            // default
        }
        try {
            double s = Double.parseDouble(c.getOrDefault(SENSITIVITY, "0.5").trim());
            sensitivity = s >= 0 && s <= 1 ? s : sensitivity;
        } catch (NumberFormatException ignored) {
            // default
        }
        return new TypingRhythmConfig(samples, sensitivity, Boolean.parseBoolean(c.getOrDefault(STRICT, "false")),
                !"false".equalsIgnoreCase(c.getOrDefault(RETYPE, Boolean.toString(DEFAULTS.retype())).trim()));
    }
}
