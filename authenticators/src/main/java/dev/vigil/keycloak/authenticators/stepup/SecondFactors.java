package dev.vigil.keycloak.authenticators.stepup;

import java.util.Set;

import org.keycloak.models.UserModel;

/** The second factors Keycloak verifies without setting anything up: OTP and WebAuthn credentials. */
public final class SecondFactors {

    /** credential types of OTP, WebAuthn (two-factor) and WebAuthn passwordless */
    static final Set<String> TYPES = Set.of("otp", "webauthn", "webauthn-passwordless");

    private SecondFactors() {
    }

    public static boolean has(UserModel user) {
        return TYPES.stream().anyMatch(type -> user.credentialManager().getStoredCredentialsByTypeStream(type)
                .findAny().isPresent());
    }
}
