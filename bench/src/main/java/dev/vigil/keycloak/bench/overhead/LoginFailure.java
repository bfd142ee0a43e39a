package dev.vigil.keycloak.bench.overhead;

/** A login that did not end with tokens. The message is the reason, kept free of per-login data so equal failures group. */
final class LoginFailure extends Exception {

    private static final long serialVersionUID = 1L;

    LoginFailure(LoginKind kind, String reason) {
        super(kind.label + ": " + reason, null, false, false);
    }
}
