import { useAccess, useRealm } from "@keycloak/keycloak-admin-ui";
import { NavGroup } from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router-dom";
import { loginRiskNavEntries } from "./routes";

const HOST_ID = "vigil-login-risk-nav";

/** The sidebar's nav element of Keycloak's own console (its PageNav), where the Login risk group is added. */
function stockNav(): HTMLElement | null {
  return document.querySelector<HTMLElement>(".keycloak__page_nav__nav nav");
}

/**
 * The "Login risk" nav group, shown to admins with view-events in the realm. Keycloak's sidebar (PageNav) has no
 * extension point for pages of our own; rather than copy it (and drift from it with every Keycloak version), the
 * stock sidebar is rendered as it is and this group is rendered into it, after the stock groups, with React's portal.
 */
export function LoginRiskNav() {
  const { t } = useTranslation();
  const { hasAccess } = useAccess();
  const { realm } = useRealm();
  const [host, setHost] = useState<HTMLElement | null>(null);

  useEffect(() => {
    const attach = (nav: HTMLElement) => {
      let el = document.getElementById(HOST_ID);
      if (!el) {
        el = document.createElement("div");
        el.id = HOST_ID;
        nav.appendChild(el);
      }
      setHost(el);
    };
    const nav = stockNav();
    if (nav) {
      attach(nav);
      return;
    }
    const observer = new MutationObserver(() => {
      const found = stockNav();
      if (found) {
        observer.disconnect();
        attach(found);
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);

  if (!host || !hasAccess("view-events")) {
    return null;
  }
  return createPortal(
    <NavGroup aria-label={t("vigilLoginRisk")} title={t("vigilLoginRisk")} data-testid="vigil-nav-group">
      {loginRiskNavEntries.map((entry) => {
        const id = "nav-item-vigil" + entry.path.replace("/vigil", "").replace(/\//g, "-");
        return (
          <li key={entry.path}>
            <NavLink
              id={id}
              data-testid={id}
              to={`/${encodeURIComponent(realm)}${entry.path}`}
              className={({ isActive }) => `pf-v5-c-nav__link${isActive ? " pf-m-current" : ""}`}
            >
              {t(entry.title)}
            </NavLink>
          </li>
        );
      })}
    </NavGroup>,
    host,
  );
}
