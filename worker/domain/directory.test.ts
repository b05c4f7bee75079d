import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { byGermanName, foldForSearch, matchesQuery } from "./directory";

describe("foldForSearch", () => {
  it("treats case, umlauts, their transcriptions and ß alike", () => {
    expect(foldForSearch("Frühe Hilfen")).toBe(foldForSearch("FRUEHE hilfen"));
    expect(foldForSearch("Straße")).toBe(foldForSearch("strasse"));
    expect(foldForSearch("Sozialpädiatrisches Zentrum")).toBe(foldForSearch("SOZIALPAEDIATRISCHES zentrum"));
    expect(foldForSearch("Café")).toBe("cafe");
    expect(foldForSearch("Kita „Regenbogen“ – Ingelheim")).toBe("kita regenbogen ingelheim");
  });

  it("is idempotent", () => {
    fc.assert(fc.property(fc.string(), (s) => foldForSearch(foldForSearch(s)) === foldForSearch(s)));
  });
});

describe("matchesQuery", () => {
  const fields = ["Hebammenzentrum Nahe", "Familienhebammen begleiten Familien im ersten Lebensjahr."];

  it("needs every word somewhere in the fields", () => {
    expect(matchesQuery(fields, "hebamme lebensjahr")).toBe(true);
    expect(matchesQuery(fields, "hebamme polizei")).toBe(false);
  });

  it("matches everything for an empty query", () => {
    expect(matchesQuery(fields, "   ")).toBe(true);
  });

  it("finds a text by any of its own words, in any case", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        (words, pick) => {
          const text = words.join(" ");
          const folded = foldForSearch(text).split(" ").filter(Boolean);
          if (folded.length === 0) return true;
          const word = folded[pick % folded.length];
          return matchesQuery([text], word.toLocaleUpperCase("de"));
        },
      ),
    );
  });
});

describe("byGermanName", () => {
  it("sorts umlauts with their base letters and numbers naturally", () => {
    const names = ["Zentrum", "Ärztekammer", "Amt 10", "Amt 2", "beratung"].map((name) => ({ name }));
    expect(names.sort(byGermanName).map((n) => n.name)).toEqual([
      "Amt 2",
      "Amt 10",
      "Ärztekammer",
      "beratung",
      "Zentrum",
    ]);
  });
});
