package dev.vigil.keycloak.admin.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** What every Vigil admin sub-resource works with: the request's session, realm, permissions and admin events. */
public record AdminContext(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
        AdminEventBuilder adminEvent) {
}
