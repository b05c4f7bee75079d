import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

// `npm run dev` serves the web app here and proxies the API to `wrangler dev`.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [solid()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    rolldownOptions: {
      output: {
        codeSplitting: {
          // What every page runs (Solid, the router, the German catalogue) in one chunk: left to itself
          // the bundler cuts it by which lazy chunks import which part, and each cut costs every page
          // a request and some gzip (issue 18's budget, `npm run size`).
          groups: [
            {
              name: "base",
              tags: ["$initial"],
              test: (id) => !/node_modules[\\/]solid-js[\\/]store[\\/]/.test(id),
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
  server: { port: 5173, proxy: { "/api": "http://127.0.0.1:8787" } },
});
