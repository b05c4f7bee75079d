// The layers of the worker (issue 15): routes validate, authorise, call and answer, without SQL;
// db modules know nothing of HTTP; only the allocation module writes registrations.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const worker = fileURLToPath(new URL("../../worker", import.meta.url));

function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(join(worker, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(worker, path)).isDirectory()) return sources(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts")
      ? [{ path, text: readFileSync(join(worker, path), "utf8") }]
      : [];
  });
}

/** Lines of `text` matching any pattern, as "path:line: text" for a readable failure. */
const offending = (files: { path: string; text: string }[], patterns: RegExp[]) =>
  files.flatMap(({ path, text }) =>
    text
      .split("\n")
      .map((line, i) => ({ line, at: `${path}:${i + 1}` }))
      .filter(({ line }) => patterns.some((p) => p.test(line)))
      .map(({ line, at }) => `${at}: ${line.trim()}`),
  );

describe("the worker's layers", () => {
  it("routes contain no SQL and no schema", () => {
    expect(
      offending(sources("routes"), [
        /from "drizzle-orm/,
        /from "\.\.\/db\/schema"/,
        /\bsql`/,
        /\.prepare\(/,
        /\bdb\.(select|selectDistinct|insert|update|delete|batch|run|all|get|values)\(/,
        /\bc\.env\.DB\b/,
      ]),
    ).toEqual([]);
  });

  it("db modules know nothing of HTTP", () => {
    expect(offending(sources("db"), [/from "hono/, /from "@hono\//, /\bApiError\b/, /lib\/problem"/])).toEqual([]);
  });

  it("only the allocation module writes registrations", () => {
    const writers = sources(".").filter(
      ({ path }) => !path.startsWith("db/allocation") && !path.startsWith("db/demo") && path !== "db/schema.ts",
    );
    expect(
      offending(writers, [/\.(insert|update)\(registrations\)/, /\b(insert into|update)\s+registrations\b/i]),
    ).toEqual([]);
  });

  it("route files stay small enough to read in one sitting", () => {
    const long = sources("routes")
      .filter(({ text }) => text.split("\n").length > 400)
      .map(({ path, text }) => `${path}: ${text.split("\n").length} lines`);
    expect(long).toEqual([]);
  });
});
