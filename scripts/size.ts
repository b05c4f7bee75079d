// `npm run size`: how much JavaScript a first visit to each page loads, gzipped (issue 18's budget:
// participant pages at most 50 KB). Builds the web app with web/vite.config.ts into a temporary
// directory (web/dist stays as it is), then, for each route of web/src/routes.ts, adds up the
// entry chunk, its static imports and the route's lazy chunks as Vite's manifest names them
// (scripts/size/walk.ts). gzip at zlib's default level; 1 KB = 1,000 bytes, as Vite prints. A
// measurement of the build, never a timed test: exits 1 when a participant page is over budget or
// loads a library meant for other pages (chart.js, the QR scanner).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "vite";
import { firstVisitFiles, type Manifest, manifestKey, type PageRoute, parseRoutes } from "./size/walk";

const BUDGET_KB = 50;
const root = fileURLToPath(new URL("..", import.meta.url));

/** The participant pages the budget holds for, by their path in routes.ts. */
const PARTICIPANT_PAGES: Record<string, string> = {
  "/": "start",
  "/:networkSlug/veranstaltungen": "event list",
  "/:networkSlug/veranstaltungen/:eventId/anmelden": "registration",
  "/teilnahme": "personal page",
  "/rueckmeldung/:formId": "feedback answer",
};

/** Libraries that belong to a few pages only: chart.js to the chart pages, the scanner to check-in. */
const HEAVY: Record<string, RegExp> = {
  "chart.js": /node_modules\/chart\.js\//,
  "barcode-detector": /node_modules\/barcode-detector\//,
  "zxing-wasm": /node_modules\/zxing-wasm\//,
};

type Row = { page: string; path: string; kb: number; heavy: string[] };

async function main() {
  const outDir = mkdtempSync(join(tmpdir(), "netzwerkstatt-size-"));
  try {
    const modulesOf = new Map<string, string[]>();
    const record: Plugin = {
      name: "size:modules",
      generateBundle(_options, bundle) {
        for (const chunk of Object.values(bundle))
          if (chunk.type === "chunk") modulesOf.set(chunk.fileName, chunk.moduleIds);
      },
    };
    await build({
      configFile: join(root, "web", "vite.config.ts"),
      logLevel: "warn",
      plugins: [record],
      build: { outDir, emptyOutDir: true, manifest: true },
    });
    const manifest = JSON.parse(readFileSync(join(outDir, ".vite", "manifest.json"), "utf8")) as Manifest;
    const routes = parseRoutes(readFileSync(join(root, "web", "src", "routes.ts"), "utf8"));
    const missing = Object.keys(PARTICIPANT_PAGES).filter((path) => !routes.some((r) => r.path === path));
    if (missing.length) throw new Error(`routes.ts has no route ${missing.join(", ")}: update PARTICIPANT_PAGES`);

    const gz = new Map<string, number>();
    const sizeOf = (file: string) => {
      if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(outDir, file))).length);
      return gz.get(file)!;
    };
    const measure = (route: PageRoute, page: string): Row => {
      const files = firstVisitFiles(
        manifest,
        route.modules.map((m) => manifestKey(manifest, m)),
      );
      const modules = files.flatMap((f) => modulesOf.get(f) ?? []);
      const heavy = Object.keys(HEAVY).filter((name) => modules.some((id) => HEAVY[name]!.test(id)));
      return { page, path: route.path, kb: files.reduce((sum, f) => sum + sizeOf(f), 0) / 1000, heavy };
    };

    const participant = routes
      .filter((r) => PARTICIPANT_PAGES[r.path])
      .map((r) => measure(r, PARTICIPANT_PAGES[r.path]!));
    const others = routes
      .filter((r) => !PARTICIPANT_PAGES[r.path])
      .map((r) => measure(r, r.modules.at(-1)!.replace(/^\.\/(pages|components)\//, "")));

    const failed = participant.filter((r) => r.kb > BUDGET_KB || r.heavy.length > 0);
    console.log(`\nParticipant pages: JavaScript of a first visit, gzipped (budget ${BUDGET_KB} KB)\n`);
    console.log(
      table(
        ["page", "path", "KB gz", `budget ${BUDGET_KB}`, "libraries"],
        participant.map((r) => [
          r.page,
          r.path,
          r.kb.toFixed(1),
          failed.includes(r) ? "fail" : "pass",
          r.heavy.join(", "),
        ]),
      ),
    );
    console.log("\nOther pages (organisers, sign-in, account …), for information\n");
    console.log(
      table(
        ["page", "path", "KB gz", "libraries"],
        others.map((r) => [r.page, r.path, r.kb.toFixed(1), r.heavy.join(", ")]),
      ),
    );
    if (failed.length) {
      console.log(`\n${failed.length} participant page(s) over budget or loading chart.js / the QR scanner.`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const numeric = (i: number) => rows.every((r) => r[i] === "" || /^[\d.]+$/.test(r[i]!));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (numeric(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
