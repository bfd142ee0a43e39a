import type { AdminEnvironment } from "@keycloak/keycloak-admin-ui";

/** The settings Keycloak's admin page (keycloak.v2's index.ftl) writes into `<script id="environment">`. */
export function injectedEnvironment(doc: Document = document): AdminEnvironment {
  const text = doc.getElementById("environment")?.textContent;
  if (!text) {
    throw new Error("the admin page has no environment: is this Keycloak's admin console page?");
  }
  return JSON.parse(text) as AdminEnvironment;
}
