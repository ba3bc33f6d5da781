import { defineConfig } from "vite";

// Served by the API host under /app/ (src/PhonePlatform.Api/Hosting/WebApp.cs); same origin, so no CORS and a strict CSP.
export default defineConfig({
  base: "/app/",
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true, modulePreload: { polyfill: false } },
  server: { proxy: { "/v1": "http://localhost:5000" } },
});
