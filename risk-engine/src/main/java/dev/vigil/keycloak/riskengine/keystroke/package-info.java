/**
 * Keystroke dynamics (typing rhythm of the password), pure Java: no Keycloak API is used here.
 *
 * <h2>How the Keycloak integration uses it</h2>
 * <ol>
 *   <li>The login page's script records key-down/key-up times while the password is typed and posts them in
 *       a hidden field in the wire format of {@link dev.vigil.keycloak.riskengine.keystroke.KeystrokeSample}
 *       (e.g. {@code {"v":1,"h":[…],"dd":[…],"ud":[…]}}), or leaves it empty when the typing was not clean
 *       (paste, autofill, corrections).</li>
 *   <li>After the password itself was verified:
 *       {@code KeystrokeSample sample = KeystrokeSample.parse(field).orElse(null);}</li>
 *   <li>The user's template comes from the keystroke credential's secret data:
 *       {@code KeystrokeTemplate t = KeystrokeTemplate.fromJson(secretData).orElse(null);} (null: none yet,
 *       or unreadable).</li>
 *   <li>{@code Verdict v = new KeystrokeDetector(sensitivity).verify(t, sample);}</li>
 *   <li>Act on {@code v.outcome()} and store the new template:
 *     <ul>
 *       <li>{@code MATCH}: store {@code t.update(sample)} (follows drift, remembers the fingerprint);</li>
 *       <li>{@code ENROLLING}: store {@code t == null ? KeystrokeTemplate.enrol(List.of(sample)) : t.update(sample)}
 *           (when {@code sample} is non-null); no decision yet;</li>
 *       <li>{@code MISMATCH}: not the user's rhythm: step-up; optionally store {@code t.remember(sample)};</li>
 *       <li>{@code REPLAY}: replayed or machine-made: treat as an attack; optionally store
 *           {@code t.remember(sample)};</li>
 *       <li>{@code NO_SAMPLE}: no evidence (no script, paste, password manager, other key sequence):
 *           the realm's policy decides (e.g. step-up if keystroke is required).</li>
 *     </ul></li>
 *   <li>When the password changes, delete the template: the rhythm of a new password is a new template.</li>
 * </ol>
 * {@code Verdict.reason()} and the classes' {@code toString()} never contain timings; neither samples nor
 * templates should be logged.
 */
package dev.vigil.keycloak.riskengine.keystroke;
