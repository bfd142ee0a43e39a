import type { Plugin } from "vite";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

type Chunk = {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
};

/**
 * Keycloak's admin console page (keycloak.v2's index.ftl) reads `.vite/manifest.json` of the theme and takes,
 * of its one entry chunk, `file` as the script, `css` as style sheets and `imports` as modulepreload links. Two
 * things do not fit Vite's manifest as it is written: `imports` holds manifest keys, not file paths (Keycloak
 * would link 404s), and only the entry's own CSS is linked, not that of the chunks it imports. This rewrites the
 * entry after the build: imports as the files they are, and every style sheet of the build.
 */
export function keycloakManifest(): Plugin {
  let outDir = "";
  return {
    name: "vigil-keycloak-manifest",
    apply: "build",
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle: {
      sequential: true,
      order: "post",
      handler() {
        const path = join(outDir, ".vite", "manifest.json");
        const manifest: Record<string, Chunk> = JSON.parse(readFileSync(path, "utf8"));
        const entries = Object.values(manifest).filter((c) => c.isEntry);
        if (entries.length !== 1) {
          throw new Error(`Keycloak needs exactly one entry chunk, the build has ${entries.length}`);
        }
        const entry = entries[0];
        entry.imports = (entry.imports ?? []).map((key) => manifest[key]?.file ?? key);
        const css = new Set<string>(entry.css ?? []);
        for (const chunk of Object.values(manifest)) {
          chunk.css?.forEach((file) => css.add(file));
          if (chunk.file.endsWith(".css")) {
            css.add(chunk.file);
          }
        }
        entry.css = [...css];
        writeFileSync(path, JSON.stringify(manifest, null, 2));
      },
    },
  };
}
