package dev.vigil.keycloak.riskengine.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.vigil.keycloak.riskengine.model.ModelInfo;
import dev.vigil.keycloak.riskengine.model.ModelKind;

/** One trained model of a realm ({@code VIGIL_MODEL}); the newest version is the one in use. */
@Entity
@Table(name = "VIGIL_MODEL")
public class ModelEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;
    @Column(name = "REALM_ID", nullable = false)
    private String realmId;
    @Column(name = "MODEL_VERSION", nullable = false)
    private long version;
    @Enumerated(EnumType.STRING)
    @Column(name = "KIND", nullable = false)
    private ModelKind kind;
    @Column(name = "TRAINED_AT", nullable = false)
    private long trainedAt;
    @Column(name = "SAMPLES", nullable = false)
    private int samples;
    @Column(name = "THRESHOLD", nullable = false)
    private double threshold;
    @Column(name = "CONTAMINATION", nullable = false)
    private double contamination;
    @Column(name = "PARAMETERS")
    private String parameters;
    @Column(name = "DATA_FORMAT", nullable = false)
    private int format;
    @Column(name = "MODEL_DATA", nullable = false, length = 64 * 1024 * 1024)
    private String data;

    protected ModelEntity() {
    }

    ModelEntity(String id, String realmId, ModelInfo info, int format, String data) {
        this.id = id;
        this.realmId = realmId;
        this.version = info.version();
        this.kind = info.kind();
        this.trainedAt = info.trainedAt();
        this.samples = info.samples();
        this.threshold = info.threshold();
        this.contamination = info.contamination();
        this.parameters = info.parameters();
        this.format = format;
        this.data = data;
    }

    ModelInfo info() {
        return new ModelInfo(version, kind, trainedAt, samples, threshold, contamination, parameters);
    }

    String data() {
        return data;
    }
}
