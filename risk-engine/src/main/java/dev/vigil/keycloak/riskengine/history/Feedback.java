package dev.vigil.keycloak.riskengine.history;

/** An admin's verdict on a login. */
public enum Feedback {
    SAFE,
    COMPROMISED
}
