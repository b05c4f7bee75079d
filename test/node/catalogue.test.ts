// The German catalogue in two parts (issue 18's budget): web/src/i18n/de.ts comes with every page,
// de-organisers.ts only with the pages that import i18n/organisers. A file that uses those words
// without the import would show keys instead of German when opened first.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { de } from "../../web/src/i18n/de";
import { deOrganisers } from "../../web/src/i18n/de-organisers";
import { en } from "../../web/src/i18n/en";

const src = fileURLToPath(new URL("../../web/src", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "i18n" ? [] : sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const moved = Object.keys(deOrganisers);
const usesMovedWords = new RegExp(`["'\`](${moved.join("|")})\\.[a-zA-Z]`);

describe("the German catalogue's parts", () => {
  it("share no namespace, and English has the namespaces of both", () => {
    expect(moved.filter((ns) => ns in de)).toEqual([]);
    expect(Object.keys(en).sort()).toEqual([...Object.keys(de), ...moved].sort());
  });

  it("every file that uses the organisers' words imports them", () => {
    const missing = sources(src)
      .filter((path) => {
        const text = readFileSync(path, "utf8");
        return usesMovedWords.test(text) && !/^import "(\.\.\/)+i18n\/organisers";$/m.test(text);
      })
      .map((path) => relative(src, path));
    expect(missing).toEqual([]);
  });

  it("finds the files that use them (the check above sees something)", () => {
    const users = sources(src).filter((path) => usesMovedWords.test(readFileSync(path, "utf8")));
    expect(users.map((path) => relative(src, path))).toContain(join("pages", "check-in.tsx"));
  });
});
