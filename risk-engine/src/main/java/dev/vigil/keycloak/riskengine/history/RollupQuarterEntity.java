package dev.vigil.keycloak.riskengine.history;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * One quarter hour of a realm's rolled-up logins ({@code VIGIL_ROLLUP_QUARTER}): the dashboard's six series figures.
 * Counts only, no user, address or device. Written by {@link LoginRollup}.
 */
@Entity
@Table(name = "VIGIL_ROLLUP_QUARTER")
@IdClass(RollupQuarterEntity.Key.class)
public class RollupQuarterEntity {

    @Id
    @Column(name = "REALM_ID", length = 255)
    private String realmId;
    /** epoch ms / 900,000 */
    @Id
    @Column(name = "PERIOD_NO")
    private long period;
    @Column(name = "LOGINS", nullable = false)
    private long logins;
    @Column(name = "FAILURES", nullable = false)
    private long failures;
    @Column(name = "FLAGGED", nullable = false)
    private long flagged;
    @Column(name = "STEPPED_UP", nullable = false)
    private long steppedUp;
    @Column(name = "DENIED", nullable = false)
    private long denied;
    @Column(name = "SPRAY_BLOCKED", nullable = false)
    private long sprayBlocked;

    protected RollupQuarterEntity() {
    }

    RollupQuarterEntity(String realmId, long period, long[] f) {
        this.realmId = realmId;
        this.period = period;
        this.logins = f[LoginCounts.LOGINS];
        this.failures = f[LoginCounts.FAILURES];
        this.flagged = f[LoginCounts.FLAGGED];
        this.steppedUp = f[LoginCounts.STEPPED_UP];
        this.denied = f[LoginCounts.DENIED];
        this.sprayBlocked = f[LoginCounts.SPRAY_BLOCKED];
    }

    /** The primary key (realm, quarter). */
    public static class Key implements Serializable {
        private String realmId;
        private long period;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && period == k.period && Objects.equals(realmId, k.realmId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(realmId, period);
        }
    }
}
