package dev.vigil.keycloak.authenticators.keystroke;

import java.io.IOException;
import java.util.Optional;

import dev.vigil.keycloak.riskengine.keystroke.KeystrokeTemplate;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;

/**
 * The {@code vigil-keystroke} credential: the user's typing-rhythm template (statistics only, never a raw
 * typing) in {@code secretData}, and in {@code credentialData} the password credential it was learnt on —
 * a new password means a new rhythm, so the template is reset when that changes.
 */
public class KeystrokeCredentialModel extends CredentialModel {

    public static final String TYPE = "vigil-keystroke";

    /** Public part: which password the template belongs to, and how many typings it has learnt. */
    public record Data(String passwordCredentialId, Long passwordCreated, int samples) {
    }

    private KeystrokeCredentialModel() {
        setType(TYPE);
    }

    public static KeystrokeCredentialModel create(KeystrokeTemplate template, String passwordCredentialId,
            Long passwordCreated) {
        KeystrokeCredentialModel m = new KeystrokeCredentialModel();
        m.setUserLabel("Typing rhythm");
        m.setCreatedDate(Time.currentTimeMillis());
        m.fill(template, passwordCredentialId, passwordCreated);
        return m;
    }

    public static KeystrokeCredentialModel createFromCredentialModel(CredentialModel stored) {
        KeystrokeCredentialModel m = new KeystrokeCredentialModel();
        m.setId(stored.getId());
        m.setUserLabel(stored.getUserLabel());
        m.setCreatedDate(stored.getCreatedDate());
        m.setCredentialData(stored.getCredentialData());
        m.setSecretData(stored.getSecretData());
        return m;
    }

    public void fill(KeystrokeTemplate template, String passwordCredentialId, Long passwordCreated) {
        try {
            setCredentialData(JsonSerialization.writeValueAsString(
                    new Data(passwordCredentialId, passwordCreated, template.sampleCount())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        setSecretData(template.toJson());
    }

    public Optional<Data> data() {
        try {
            return Optional.ofNullable(JsonSerialization.readValue(getCredentialData(), Data.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The template, or empty when the stored one cannot be read (then it is learnt again). */
    public Optional<KeystrokeTemplate> template() {
        return KeystrokeTemplate.fromJson(getSecretData());
    }
}
