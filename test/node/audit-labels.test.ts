// Every action the worker can write to the audit log has German and English words
// (domain/audit-labels.ts), so that no new action reaches the log page as a bare code.
// Actions are found as they are written: dotted lower-case literals ("event.overbook",
// 'retention.anonymised'), whether in an `action:` property, a ternary, an argument or SQL.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ACTIONS, ENTITY_TYPES, FIELDS } from "../../worker/domain/audit-labels";

const worker = fileURLToPath(new URL("../../worker", import.meta.url));

function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(join(worker, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(worker, path)).isDirectory()) return sources(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") && path !== join("domain", "audit-labels.ts")
      ? [{ path, text: readFileSync(join(worker, path), "utf8") }]
      : [];
  });
}

const files = sources(".");
/** File names in strings ("styles.xml") look like actions too. */
const FILE_NAME = /\.(xml|exe|json|csv|pdf|xlsx|ics|png|svg|jpe?g|webp|html|txt|js|ts|css|woff2?|ttf|otf)$/;
const found = (pattern: RegExp) =>
  files.flatMap(({ path, text }) => [...text.matchAll(pattern)].map((m) => ({ value: m[2] ?? m[1], path })));

const actions = found(/(["'])([a-z][a-z_]*\.[a-z][a-z_]*)\1/g).filter((a) => !FILE_NAME.test(a.value));
const unlabelled = (list: { value: string; path: string }[], labels: Record<string, unknown>) =>
  [...new Set(list.filter((x) => !(x.value in labels)).map((x) => `${x.path}: ${x.value}`))].sort();

describe("audit log labels", () => {
  it("finds the actions, however they are written", () => {
    const values = new Set(actions.map((a) => a.value));
    // An `action:` property, a ternary, a function argument and a literal in SQL.
    for (const a of ["event.overbook", "network.suspended", "certificates.export_pdf", "retention.anonymised"])
      expect(values, a).toContain(a);
    expect(values.size).toBeGreaterThan(40);
  });

  it("has German and English words for every action in the worker", () => {
    expect(unlabelled(actions, ACTIONS)).toEqual([]);
    for (const [action, words] of Object.entries(ACTIONS)) {
      expect(words.de, action).not.toBe("");
      expect(words.en, action).not.toBe("");
    }
  });

  it("labels no action the worker no longer writes", () => {
    const values = new Set(actions.map((a) => a.value));
    expect(Object.keys(ACTIONS).filter((a) => !values.has(a))).toEqual([]);
  });

  it("has words for every record type and every field named literally", () => {
    expect(unlabelled(found(/entityType: *"([a-z_]+)"/g), ENTITY_TYPES)).toEqual([]);
    const fields = files.flatMap(({ path, text }) =>
      [...text.matchAll(/fields: *\[([^\]]*)\]/g)].flatMap((m) =>
        [...m[1].matchAll(/"([A-Za-z]+)"/g)].map((f) => ({ value: f[1], path })),
      ),
    );
    expect(fields.length).toBeGreaterThan(3);
    expect(unlabelled(fields, FIELDS)).toEqual([]);
  });
});
