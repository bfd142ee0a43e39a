package dev.vigil.keycloak.riskengine.history;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * One hour's or one UTC day's count of one key of a realm's rolled-up logins ({@code VIGIL_ROLLUP_TALLY}): a score
 * bin, an action, a signal, a country or a network. Counts only, no user, address or device. Written by
 * {@link LoginRollup}: hours as they settle, a day once its 24 hours are rolled up (the sum of its hours), so that a
 * 30-day window reads 30 days and a few hours instead of 720 hours.
 */
@Entity
@Table(name = "VIGIL_ROLLUP_TALLY")
@IdClass(RollupTallyEntity.Key.class)
public class RollupTallyEntity {

    @Id
    @Column(name = "REALM_ID", length = 255)
    private String realmId;
    /** {@code H} (hour) or {@code D} (UTC day) */
    @Id
    @Column(name = "GRAIN", length = 1)
    private String grain;
    /** epoch ms / 3,600,000 (hours) or / 86,400,000 (days) */
    @Id
    @Column(name = "PERIOD_NO")
    private long period;
    @Id
    @Column(name = "DIM", length = 16)
    private String dim;
    @Id
    @Column(name = "DIM_KEY", length = 64)
    private String dimKey;
    @Column(name = "LABEL", length = 255)
    private String label;
    @Column(name = "TOTAL", nullable = false)
    private long total;
    @Column(name = "FLAGGED", nullable = false)
    private long flagged;

    protected RollupTallyEntity() {
    }

    RollupTallyEntity(String realmId, String grain, long period, LoginCounts.Tally t) {
        this.realmId = realmId;
        this.grain = grain;
        this.period = period;
        this.dim = t.dim().name();
        this.dimKey = t.key();
        this.label = t.label();
        this.total = t.total();
        this.flagged = t.flagged();
    }

    /** The primary key (realm, grain, period, dimension, key). */
    public static class Key implements Serializable {
        private String realmId;
        private String grain;
        private long period;
        private String dim;
        private String dimKey;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && period == k.period && Objects.equals(realmId, k.realmId)
                    && Objects.equals(grain, k.grain) && Objects.equals(dim, k.dim) && Objects.equals(dimKey, k.dimKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(realmId, grain, period, dim, dimKey);
        }
    }
}
