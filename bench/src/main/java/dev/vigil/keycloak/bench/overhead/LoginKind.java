package dev.vigil.keycloak.bench.overhead;

/** The two full logins the benchmark performs. */
enum LoginKind {
    /** Browser authorization-code flow: login page, form POST, code from the redirect, code exchange. */
    CODE("code flow"),
    /** Resource-owner password grant: one token request. */
    PASSWORD("password grant");

    final String label;

    LoginKind(String label) {
        this.label = label;
    }

    LoginKind other() {
        return this == CODE ? PASSWORD : CODE;
    }
}
