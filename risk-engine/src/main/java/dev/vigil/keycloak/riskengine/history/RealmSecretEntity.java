package dev.vigil.keycloak.riskengine.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A realm's Vigil secret ({@code VIGIL_REALM_SECRET}): 32 random bytes, base64, created on first use, never
 * shown by any REST endpoint; the keys of {@link dev.vigil.keycloak.riskengine.features.ValueHasher} are derived
 * from it. Deleted with the realm.
 */
@Entity
@Table(name = "VIGIL_REALM_SECRET")
public class RealmSecretEntity {

    @Id
    @Column(name = "REALM_ID", length = 255)
    private String realmId;
    @Column(name = "SECRET", nullable = false, length = 64)
    private String secret;
    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    protected RealmSecretEntity() {
    }

    RealmSecretEntity(String realmId, String secret, long createdAt) {
        this.realmId = realmId;
        this.secret = secret;
        this.createdAt = createdAt;
    }

    String secret() {
        return secret;
    }
}
