package dev.vigil.keycloak.riskengine.settings;

/** What Vigil does when a login is flagged. */
public enum FlagAction {
    /** record the flag only */
    NONE,
    /** end the flagged login's user session */
    REVOKE_SESSION,
    /** end every session of the user and invalidate their tokens */
    REVOKE_ALL_SESSIONS,
    /** end every session and disable the user */
    DISABLE_USER
}
