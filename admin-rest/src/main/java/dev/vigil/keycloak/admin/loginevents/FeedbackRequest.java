package dev.vigil.keycloak.admin.loginevents;

/** Body of {@code POST login-events/{id}/feedback}: {@code {"feedback": "safe" | "compromised"}}. */
public record FeedbackRequest(String feedback) {
}
