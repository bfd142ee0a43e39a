package dev.vigil.keycloak.riskengine.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A device a user chose to trust after passing a second factor ({@code VIGIL_TRUSTED_DEVICE}): the keyed digest of
 * Vigil's device-cookie id (the id itself is never stored), a label from the browser's user agent, and the time
 * until which it is trusted. Deleted with the user and the realm, when trust is revoked (admin REST, a "compromised"
 * verdict) and once expired; trust given before the user's latest password change does not count.
 */
@Entity
@Table(name = "VIGIL_TRUSTED_DEVICE")
public class TrustedDeviceEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;
    @Column(name = "REALM_ID", nullable = false, length = 255)
    private String realmId;
    @Column(name = "USER_ID", nullable = false, length = 255)
    private String userId;
    @Column(name = "DEVICE_HASH", nullable = false, length = 32)
    private String deviceHash;
    @Column(name = "LABEL", length = 100)
    private String label;
    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;
    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    protected TrustedDeviceEntity() {
    }

    TrustedDeviceEntity(String id, String realmId, String userId, String deviceHash, String label, long createdAt,
            long expiresAt) {
        this.id = id;
        this.realmId = realmId;
        this.userId = userId;
        this.deviceHash = deviceHash;
        this.label = label;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    String id() {
        return id;
    }

    String deviceHash() {
        return deviceHash;
    }

    String label() {
        return label;
    }

    long createdAt() {
        return createdAt;
    }

    long expiresAt() {
        return expiresAt;
    }
}
