package dev.vigil.keycloak.bench.overhead;

/** A login that did not end with tokens. The message is the reason, kept free of per-login data so equal failures group. */
public final class LoginFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** false when the server gave no answer (I/O error, timeout, interrupted) */
    private final boolean answered;

    LoginFailure(LoginKind kind, String reason) {
        this(kind, reason, true);
    }

    LoginFailure(LoginKind kind, String reason, boolean answered) {
        super(kind.label + ": " + reason, null, false, false);
        this.answered = answered;
    }

    /** Whether the server answered (with something other than tokens); false for I/O errors and timeouts. */
    public boolean answered() {
        return answered;
    }
}
