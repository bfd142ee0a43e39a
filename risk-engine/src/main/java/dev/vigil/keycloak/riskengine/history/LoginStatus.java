package dev.vigil.keycloak.riskengine.history;

/** Where a recorded row stands in scoring. */
public enum LoginStatus {
    /** an event type that is not scored (errors, logouts, account changes) */
    RECORDED,
    /** a successful login waiting to be scored */
    NEW,
    /** scored, below the flag threshold */
    SCORED,
    /** scored at or above the flag threshold */
    FLAGGED,
    /** a successful login that could not be scored after {@link LoginEventStore#MAX_SCORING_ATTEMPTS} attempts */
    FAILED
}
