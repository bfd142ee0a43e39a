package dev.vigil.keycloak.riskengine.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How far a realm's logins are rolled up ({@code VIGIL_ROLLUP_MARK}): every hour before {@code ROLLED_TO} is in
 * {@code VIGIL_ROLLUP_QUARTER} and {@code VIGIL_ROLLUP_TALLY}, no hour after it. Moved forward by the roll-up task
 * with a compare-and-set, so two nodes never roll the same hours.
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

    protected RollupMarkEntity() {
    }

    RollupMarkEntity(String realmId, long rolledTo) {
        this.realmId = realmId;
        this.rolledTo = rolledTo;
    }

    long rolledTo() {
        return rolledTo;
    }
}
