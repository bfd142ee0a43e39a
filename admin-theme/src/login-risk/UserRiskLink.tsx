import { useAccess, useRealm } from "@keycloak/keycloak-admin-ui";
import { Button } from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { Link, matchPath, useLocation } from "react-router-dom";

const HOST_ID = "vigil-user-risk-link";

/** The user id of a stock user page (`/:realm/users/:id/:tab`), not of the user list or "add user". */
export function stockUserPage(pathname: string): string | undefined {
  const match = matchPath("/:realm/users/:id/*", pathname);
  const id = match?.params.id;
  return id && id !== "add-user" ? id : undefined;
}

/**
 * A "Login risk" link on Keycloak's own user page, next to its title, to the user's risk view. Like the nav group,
 * it is rendered into the stock page (its header, `h1[data-testid=view-header]`) rather than copying the page.
 */
export function UserRiskLink() {
  const { t } = useTranslation();
  const { hasAccess } = useAccess();
  const { realm } = useRealm();
  const { pathname } = useLocation();
  const userId = stockUserPage(pathname);
  const [host, setHost] = useState<HTMLElement | null>(null);

  useEffect(() => {
    setHost(null);
    if (!userId) {
      return;
    }
    const attach = () => {
      const title = document.querySelector<HTMLElement>('h1[data-testid="view-header"]');
      const place = title?.parentElement;
      if (!place) {
        return false;
      }
      let el = document.getElementById(HOST_ID);
      if (!el || el.parentElement !== place) {
        el?.remove();
        el = document.createElement("span");
        el.id = HOST_ID;
        place.appendChild(el);
      }
      setHost(el);
      return true;
    };
    if (attach()) {
      return;
    }
    const observer = new MutationObserver(() => attach() && observer.disconnect());
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [userId]);

  if (!host || !userId || !hasAccess("view-events")) {
    return null;
  }
  return createPortal(
    <Button
      variant="link"
      isInline
      component={(props: object) => (
        <Link {...props} to={`/${encodeURIComponent(realm)}/vigil/users/${encodeURIComponent(userId)}`} />
      )}
      data-testid="vigil-user-risk-link"
    >
      {t("vigilUserRiskLink")}
    </Button>,
    host,
  );
}
