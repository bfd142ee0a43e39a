package dev.vigil.keycloak.riskengine.history;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * One hour's count of one key of a realm's rolled-up logins ({@code VIGIL_ROLLUP_TALLY}): a score bin, an action, a
 * signal, a country or a network. Counts only, no user, address or device. Written by {@link LoginRollup}.
 */
@Entity
@Table(name = "VIGIL_ROLLUP_TALLY")
@IdClass(RollupTallyEntity.Key.class)
public class RollupTallyEntity {

    @Id
    @Column(name = "REALM_ID", length = 255)
    private String realmId;
    /** epoch ms / 3,600,000 */
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

    RollupTallyEntity(String realmId, LoginCounts.Tally t) {
        this.realmId = realmId;
        this.period = t.hour();
        this.dim = t.dim().name();
        this.dimKey = t.key();
        this.label = t.label();
        this.total = t.total();
        this.flagged = t.flagged();
    }

    /** The primary key (realm, hour, dimension, key). */
    public static class Key implements Serializable {
        private String realmId;
        private long period;
        private String dim;
        private String dimKey;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && period == k.period && Objects.equals(realmId, k.realmId)
                    && Objects.equals(dim, k.dim) && Objects.equals(dimKey, k.dimKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(realmId, period, dim, dimKey);
        }
    }
}
