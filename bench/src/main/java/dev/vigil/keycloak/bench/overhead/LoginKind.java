package dev.vigil.keycloak.bench.overhead;

/** The two full logins the benchmark performs (also used by bench/soak). */
public enum LoginKind {
    /** Browser authorization-code flow: login page, form POST, code from the redirect, code exchange. */
    CODE("code flow"),
    /** Resource-owner password grant: one token request. */
    PASSWORD("password grant");

    public final String label;

    LoginKind(String label) {
        this.label = label;
    }

    public LoginKind other() {
        return this == CODE ? PASSWORD : CODE;
    }
}
