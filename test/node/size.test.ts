// The walk behind `npm run size` (scripts/size/walk.ts), on a tiny manifest and routes file.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { firstVisitFiles, type Manifest, manifestKey, parseRoutes } from "../../scripts/size/walk";

const manifest: Manifest = {
  "index.html": {
    file: "assets/index.js",
    isEntry: true,
    imports: ["_solid.js"],
    dynamicImports: ["src/pages/start.tsx", "src/pages/results.tsx", "src/i18n/en.ts"],
  },
  "_solid.js": { file: "assets/solid.js" },
  "_chart.js": { file: "assets/chart.js", imports: ["_solid.js"] },
  "_style.css": { file: "assets/style.css" },
  "src/pages/start.tsx": {
    file: "assets/start.js",
    isDynamicEntry: true,
    imports: ["_solid.js", "index.html", "_style.css"],
  },
  "src/pages/results.tsx": {
    file: "assets/results.js",
    isDynamicEntry: true,
    imports: ["_chart.js", "index.html"],
    dynamicImports: ["src/lib/scanner.ts"],
  },
  "src/lib/scanner.ts": { file: "assets/scanner.js", isDynamicEntry: true },
  "src/i18n/en.ts": { file: "assets/en.js", isDynamicEntry: true },
};

describe("the first-visit walk of the size script", () => {
  it("counts the entry, its static imports and the route's chunk once each, JavaScript only", () => {
    expect(firstVisitFiles(manifest, ["src/pages/start.tsx"])).toEqual([
      "assets/index.js",
      "assets/solid.js",
      "assets/start.js",
    ]);
  });

  it("follows the route's static imports but none of the dynamic ones (English, the scanner)", () => {
    expect(firstVisitFiles(manifest, ["src/pages/results.tsx"])).toEqual([
      "assets/index.js",
      "assets/solid.js",
      "assets/results.js",
      "assets/chart.js",
    ]);
  });

  it("refuses a module the manifest does not know rather than counting nothing", () => {
    expect(() => firstVisitFiles(manifest, ["src/pages/gone.tsx"])).toThrow(/gone/);
    expect(() => manifestKey(manifest, "./pages/gone")).toThrow(/gone/);
    expect(manifestKey(manifest, "./lib/scanner")).toBe("src/lib/scanner.ts");
  });

  it("reads nested routes with their parent's component and path", () => {
    const source = `
      export const routes = [
        { path: "/", component: lazy(() => import("./pages/start")), preload: () => x() },
        { path: ["/a/*rest", "/b"], component: lazy(() => import("./pages/alias")) },
        {
          path: "/:slug",
          component: lazy(() => import("./components/scope")),
          children: [
            { path: "/", component: lazy(() => import("./pages/home")) },
            { path: "/list", component: lazy(() => import("./pages/list")), preload: ({ params }) => [y(params)] },
            { path: "**", component: lazy(() => import("./pages/not-found")) },
          ],
        },
        { path: "**", component: lazy(() => import("./pages/not-found")) },
      ];`;
    expect(parseRoutes(source)).toEqual([
      { path: "/", modules: ["./pages/start"] },
      { path: "/a/*rest", modules: ["./pages/alias"] },
      { path: "/:slug", modules: ["./components/scope", "./pages/home"] },
      { path: "/:slug/list", modules: ["./components/scope", "./pages/list"] },
      { path: "/:slug/**", modules: ["./components/scope", "./pages/not-found"] },
      { path: "**", modules: ["./pages/not-found"] },
    ]);
  });

  it("finds every lazy page of the real routes.ts", () => {
    const source = readFileSync(fileURLToPath(new URL("../../web/src/routes.ts", import.meta.url)), "utf8");
    const routes = parseRoutes(source);
    const lazyImports = source.match(/lazy\(\(\) => import\(/g)!.length;
    // The legacy redirect is declared once and used by one route; the scope is a parent, not a page.
    expect(routes.length).toBe(lazyImports - 2);
    expect(routes.map((r) => r.path)).toContain("/:networkSlug/veranstaltungen/:eventId/anmelden");
  });
});
