import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

// `npm run dev` serves the web app here and proxies the API to `wrangler dev`.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [solid()],
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  server: { port: 5173, proxy: { "/api": "http://127.0.0.1:8787" } },
});
