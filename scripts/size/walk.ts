// What a first visit to a page loads, read from Vite's build manifest (build.manifest) and from
// web/src/routes.ts — no browser. Pure functions, tested in test/node/size.test.ts.

/** One entry of web/dist/.vite/manifest.json (the fields this walk reads). */
export type ManifestChunk = {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
};
export type Manifest = Record<string, ManifestChunk>;

/** A route of web/src/routes.ts: its full path and the source modules its `lazy()` components load. */
export type PageRoute = { path: string; modules: string[] };

/**
 * The JS files a first visit loads: the HTML entry's chunk, the route's lazy chunks, and every chunk
 * they import statically (Vite preloads those with <link rel=modulepreload> or before the lazy chunk
 * runs). A chunk's own dynamic imports wait until the page asks for them, so they are not followed.
 */
export function firstVisitFiles(manifest: Manifest, routeModules: string[], entry = "index.html"): string[] {
  const seen = new Set<string>();
  const files: string[] = [];
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest has no chunk ${key}`);
    seen.add(key);
    if (chunk.file.endsWith(".js")) files.push(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  for (const module of routeModules) visit(module);
  return files;
}

/** The manifest key of a module that routes.ts imports as "./pages/x" (keys carry the extension). */
export function manifestKey(manifest: Manifest, specifier: string, base = "src/"): string {
  const stem = base + specifier.replace(/^\.\//, "");
  const key = [stem, `${stem}.tsx`, `${stem}.ts`, `${stem}.jsx`, `${stem}.js`].find((k) => manifest[k]);
  if (!key) throw new Error(`the manifest has no chunk for ${specifier} (looked for ${stem}.tsx and .ts)`);
  return key;
}

const LAZY_ROUTE = /path:\s*("[^"]*"|\[[^\]]*\])\s*,\s*component:\s*lazy\(\(\)\s*=>\s*import\("([^"]+)"\)\)/g;

/** The index just past the bracket that closes the one at `open`. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "[") depth++;
    else if (text[i] === "]" && --depth === 0) return i + 1;
  }
  throw new Error("routes.ts: unbalanced brackets");
}

const join = (parent: string, child: string) =>
  child === "/" ? parent : child.startsWith("/") ? parent + child : `${parent}/${child}`;

/**
 * Every `{ path, component: lazy(() => import(…)) }` of routes.ts, one nesting level deep (the
 * network routes under "/:networkSlug", which load the scope's component as well). Array paths
 * (aliases) are listed under their first path.
 */
export function parseRoutes(source: string): PageRoute[] {
  const routes: PageRoute[] = [];
  const parents: { path: string; module: string; from: number; to: number }[] = [];
  for (const match of source.matchAll(LAZY_ROUTE)) {
    const path = firstPath(match[1]!);
    const after = match.index! + match[0].length;
    const children = /^\s*,\s*children:\s*\[/.exec(source.slice(after));
    if (children) {
      const open = after + children[0].length - 1;
      parents.push({ path, module: match[2]!, from: open, to: closingBracket(source, open) });
    }
  }
  for (const match of source.matchAll(LAZY_ROUTE)) {
    const path = firstPath(match[1]!);
    if (parents.some((p) => p.path === path && p.module === match[2])) continue;
    const parent = parents.find((p) => match.index! > p.from && match.index! < p.to);
    routes.push(
      parent ? { path: join(parent.path, path), modules: [parent.module, match[2]!] } : { path, modules: [match[2]!] },
    );
  }
  return routes;
}

function firstPath(literal: string): string {
  const path = /"([^"]*)"/.exec(literal)?.[1];
  if (path === undefined) throw new Error(`routes.ts: cannot read the path ${literal}`);
  return path;
}
