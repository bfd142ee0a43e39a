package dev.vigil.keycloak.riskengine.model;

/** Which model scored a login. */
public enum ModelKind {
    /** trained on generated normal behaviour, used until the realm has enough real logins */
    BOOTSTRAP,
    /** trained on the realm's own successful logins */
    REALM
}
