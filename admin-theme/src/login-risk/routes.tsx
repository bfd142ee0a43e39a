import type { TFunction } from "i18next";
import { lazy } from "react";
import { Navigate, useParams, type NonIndexRouteObject } from "react-router-dom";

/** The shape of Keycloak's console routes: its breadcrumbs and its access wall read `handle`. */
export type LoginRiskRoute = NonIndexRouteObject & {
  path: string;
  handle: { access: "view-events"; breadcrumb?: (t: TFunction) => string };
};

const FlaggedLogins = lazy(() => import("./flagged/FlaggedLogins"));
const Dashboard = lazy(() => import("./dashboard/Dashboard"));
const UserRisk = lazy(() => import("./user/UserRisk"));
const Settings = lazy(() => import("./settings/Settings"));

/** `/:realm/vigil` alone opens the flagged logins (a static route: Keycloak's `/:realm/:tab` must not take it). */
function ToFlaggedLogins() {
  const { realm } = useParams();
  return <Navigate replace to={`/${encodeURIComponent(realm ?? "")}/vigil/flagged-logins`} />;
}

/** The Login risk pages; an admin needs view-events in the realm (Keycloak's access wall shows why otherwise). */
export const loginRiskRoutes: LoginRiskRoute[] = [
  {
    path: "/:realm/vigil",
    element: <ToFlaggedLogins />,
    handle: { access: "view-events" },
  },
  {
    path: "/:realm/vigil/flagged-logins",
    element: <FlaggedLogins />,
    handle: { access: "view-events", breadcrumb: (t) => t("vigilFlaggedLogins") },
  },
  {
    path: "/:realm/vigil/dashboard",
    element: <Dashboard />,
    handle: { access: "view-events", breadcrumb: (t) => t("vigilDashboard") },
  },
  {
    path: "/:realm/vigil/users/:userId",
    element: <UserRisk />,
    handle: { access: "view-events", breadcrumb: (t) => t("vigilUserRisk") },
  },
  {
    path: "/:realm/vigil/settings",
    element: <Settings />,
    handle: { access: "view-events", breadcrumb: (t) => t("vigilSettings") },
  },
];

/** The nav entries of the Login risk group: path after `/:realm`, message key. */
export const loginRiskNavEntries = [
  { path: "/vigil/dashboard", title: "vigilDashboard" },
  { path: "/vigil/flagged-logins", title: "vigilFlaggedLogins" },
  { path: "/vigil/settings", title: "vigilSettings" },
] as const;
