/**
 * Vigil's login-flow pieces. This module holds no provider yet: the typing-rhythm login form, the
 * {@code vigil-keystroke} credential with its enrollment required action and the "typing rhythm"
 * condition arrive with the keystroke-dynamics work, the login-risk condition with risk-based
 * step-up. They reach Vigil's data only through the {@code vigil-risk} SPI of {@code risk-engine}.
 */
package dev.vigil.keycloak.authenticators;
