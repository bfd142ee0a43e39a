package dev.vigil.keycloak.riskengine.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How far a realm's logins are rolled up ({@code VIGIL_ROLLUP_MARK}): every hour before {@code ROLLED_TO} is in
 * {@code VIGIL_ROLLUP_QUARTER} and {@code VIGIL_ROLLUP_TALLY}, no hour after it. Moved forward by the roll-up task
 * with a compare-and-set, so two nodes never roll the same hours. {@code VERSION_NO} counts every change of the
 * realm's rolled-up rows, so that a node may keep what it read of them ({@link LoginRollup#aggregates}).
 */
@Entity
@Table(name = "VIGIL_ROLLUP_MARK")
public class RollupMarkEntity {

    @Id
    @Column(name = "REALM_ID", length = 255)
    private String realmId;
    /** epoch ms, a whole hour */
    @Column(name = "ROLLED_TO", nullable = false)
    private long rolledTo;
    @Column(name = "VERSION_NO", nullable = false)
    private long version;

    protected RollupMarkEntity() {
    }

    RollupMarkEntity(String realmId, long rolledTo) {
        this.realmId = realmId;
        this.rolledTo = rolledTo;
        // a realm removed and created again under the same id never meets the versions of its earlier mark
        this.version = java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 62);
    }

    long rolledTo() {
        return rolledTo;
    }
}
