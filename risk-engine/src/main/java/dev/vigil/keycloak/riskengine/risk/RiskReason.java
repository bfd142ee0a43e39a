package dev.vigil.keycloak.riskengine.risk;

/**
 * One signal's part in an assessment.
 *
 * @param signal the signal
 * @param value  what it saw, in words an admin reads ("new", "MISMATCH", "9,100 km in 1.2 h = 7,600 km/h", "3")
 * @param points what it added to the assessment's points (negative: it lowered the risk)
 */
public record RiskReason(RiskSignal signal, String value, double points) {

    /** {@code new_device=new(+1.50)}: the form used on events and login rows. */
    public String compact() {
        return signal.id() + "=" + value.replace(',', ' ').replace(';', ' ') + "(" + (points >= 0 ? "+" : "")
                + Decimals.fixed(points, 2) + ")";
    }
}
