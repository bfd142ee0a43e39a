import "@patternfly/react-core/dist/styles/base.css";
import "@patternfly/patternfly/patternfly-addons.css";
import "@keycloak/keycloak-admin-ui/styles.css";
import "./console.css";

import { AdminUi, KeycloakProvider, routes } from "@keycloak/keycloak-admin-ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createHashRouter, Outlet, RouterProvider } from "react-router-dom";
import { injectedEnvironment } from "./environment";
import { addBundledMessages, createI18n } from "./i18n";
import { LoginRiskNav } from "./login-risk/LoginRiskNav";
import { UserRiskLink } from "./login-risk/UserRiskLink";
import { loginRiskRoutes } from "./login-risk/routes";

// Keycloak's own console (its App: header, sidebar, breadcrumbs, banners, access wall, every stock page), with the
// Login risk routes added. The stock breadcrumbs look routes up in the package's own `routes` array, so ours go in
// there, ahead of Keycloak's `/:realm/:tab`.
const environment = injectedEnvironment();
const i18n = createI18n(environment);
await i18n.init();
addBundledMessages(i18n);
routes.unshift(...loginRiskRoutes);

const router = createHashRouter([
  {
    path: "/",
    element: (
      <KeycloakProvider environment={environment}>
        <AdminUi />
      </KeycloakProvider>
    ),
    children: [
      {
        // inside the console's providers (access, realm) on every page: the Login risk group of the sidebar
        element: (
          <>
            <LoginRiskNav />
            <UserRiskLink />
            <Outlet />
          </>
        ),
        children: routes,
      },
    ],
  },
]);

createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
