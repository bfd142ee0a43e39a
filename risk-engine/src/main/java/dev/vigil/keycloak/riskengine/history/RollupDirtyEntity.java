package dev.vigil.keycloak.riskengine.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An hour whose rolled-up counts no longer match its rows ({@code VIGIL_ROLLUP_DIRTY}): a user's rows were deleted,
 * or retention cut through it. The roll-up task counts the hour again and removes the entry. Several entries for one
 * hour are harmless (no unique key, so marking never makes a user's deletion fail).
 */
@Entity
@Table(name = "VIGIL_ROLLUP_DIRTY")
public class RollupDirtyEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;
    @Column(name = "REALM_ID", length = 255, nullable = false)
    private String realmId;
    /** epoch ms / 3,600,000 */
    @Column(name = "PERIOD_NO", nullable = false)
    private long period;

    protected RollupDirtyEntity() {
    }

    RollupDirtyEntity(String id, String realmId, long period) {
        this.id = id;
        this.realmId = realmId;
        this.period = period;
    }
}
