import type { AdminEnvironment } from "@keycloak/keycloak-admin-ui";
import { createInstance, type i18n as I18n } from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";
import bundled from "../maven-resources/theme/vigil/admin/messages/messages_en.properties?raw";
import { parseProperties } from "./properties";

/** The namespace of the Login risk strings this build carries, looked up when the realm's messages lack a key. */
export const VIGIL_NS = "vigil";

/**
 * Keycloak's console translates through one namespace per realm, loaded from the realm's admin theme
 * (`resources/{realm}/admin/{lang}`: its messages with the realm's own overrides). A realm whose admin theme is not
 * Vigil's has none of the Login risk keys, so this build carries them too (the same file the theme serves) as the
 * fallback namespace.
 */
export function createI18n(environment: AdminEnvironment): I18n {
  const i18n = createInstance({
    fallbackLng: "en",
    keySeparator: ".",
    nsSeparator: false,
    interpolation: { escapeValue: false },
    defaultNS: [environment.realm],
    ns: [environment.realm],
    fallbackNS: VIGIL_NS,
    backend: {
      loadPath: `${environment.adminBaseUrl.replace(/\/$/, "")}/resources/{{ns}}/admin/{{lng}}`,
      parse: (data: string) => {
        const messages: { key: string; value: string }[] = JSON.parse(data);
        return Object.fromEntries(messages.map(({ key, value }) => [key, value]));
      },
    },
  });
  i18n.use(FetchBackend);
  i18n.use(initReactI18next);
  return i18n;
}

/** Adds the bundled Login risk strings (after init, so that they never replace what the server sent). */
export function addBundledMessages(i18n: I18n): void {
  i18n.addResourceBundle("en", VIGIL_NS, parseProperties(bundled), true, false);
}
