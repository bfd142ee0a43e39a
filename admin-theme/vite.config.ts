/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { keycloakManifest } from "./build/keycloak-manifest";

// The console runs inside Keycloak's admin page (keycloak.v2's index.ftl): React 18.3 comes from that page's import
// map, so react, react-dom and the JSX runtime stay external; everything else, Keycloak's own console included, is
// bundled. Output: the theme's resources/ in this module's jar.
export default defineConfig({
  base: "",
  plugins: [react(), keycloakManifest()],
  resolve: {
    // the import map serves react-dom's production bundle, which has createRoot itself
    alias: { "react-dom/client": "react-dom" },
  },
  build: {
    outDir: "target/classes/theme/vigil/admin/resources",
    emptyOutDir: true,
    manifest: true,
    target: "esnext",
    modulePreload: false,
    cssCodeSplit: false,
    chunkSizeWarningLimit: 8000,
    rollupOptions: {
      input: "src/main.tsx",
      external: ["react", "react/jsx-runtime", "react-dom"],
    },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
  },
});
