package dev.vigil.keycloak.riskengine.risk;

/**
 * The event error codes Vigil's authenticators refuse a login with. Declared here because the recorded rows are
 * counted by them (the dashboard's "denied" and "spray-blocked") as well as written with them.
 */
public final class VigilEventErrors {

    /** "Vigil - deny high risk" refused the login. */
    public static final String HIGH_RISK = "vigil_high_risk";
    /** The password-spray guard refused the sign-in before the password was checked. */
    public static final String PASSWORD_SPRAY = "vigil_password_spray";
    /** The step-up guard found no second factor the user already had. */
    public static final String NO_SECOND_FACTOR = "vigil_no_second_factor";

    private VigilEventErrors() {
    }
}
