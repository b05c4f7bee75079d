import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isOperatorEmail, operatorEmails, RESERVED_SLUGS, slugFromName, slugProblem } from "./networks";

describe("slugFromName", () => {
  it("transliterates German and joins words with single hyphens", () => {
    expect(slugFromName("Kinderschutzcluster 9")).toBe("kinderschutzcluster-9");
    expect(slugFromName("Frühe Hilfen Südpfalz")).toBe("fruehe-hilfen-suedpfalz");
    expect(slugFromName("Netzwerk Öhringen & Weißbach")).toBe("netzwerk-oehringen-weissbach");
    expect(slugFromName("  „Café“ – Zürich!  ")).toBe("cafe-zuerich");
    expect(slugFromName("ÄÖÜ")).toBe("aeoeue");
  });

  it("cuts long names at 60 characters without a trailing hyphen", () => {
    const slug = slugFromName(`${"a".repeat(59)} bcd`);
    expect(slug).toBe("a".repeat(59));
  });

  it("always gives a valid slug or one that is too short", () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const slug = slugFromName(name);
        return slug.length < 3 || slugProblem(slug) !== "invalid";
      }),
    );
  });
});

describe("slugProblem", () => {
  it("accepts lowercase letters, digits and inner hyphens, 3 to 60 long", () => {
    expect(slugProblem("abc")).toBeNull();
    expect(slugProblem("kinderschutzcluster-9")).toBeNull();
    expect(slugProblem("a".repeat(60))).toBeNull();
  });

  it("refuses what cannot be part of an address", () => {
    for (const bad of ["ab", "a".repeat(61), "Gross", "mit leer", "-vorne", "hinten-", "dop--pelt", "ümlaut", "a_b"])
      expect(slugProblem(bad), bad).toBe("invalid");
  });

  it("refuses the web app's own top-level paths", () => {
    for (const reserved of RESERVED_SLUGS) expect(slugProblem(reserved), reserved).toBe("reserved");
    expect(slugProblem("betrieb")).toBe("reserved");
    expect(slugProblem("api-referenz")).toBe("reserved");
  });
});

describe("operator addresses", () => {
  it("are read from a comma-separated list, case-insensitively", () => {
    expect(operatorEmails(" Betrieb@Example.org, zwei@example.org ,,")).toEqual([
      "betrieb@example.org",
      "zwei@example.org",
    ]);
    expect(isOperatorEmail("betrieb@example.org", "BETRIEB@example.org ")).toBe(true);
    expect(isOperatorEmail("betrieb@example.org", "other@example.org")).toBe(false);
  });

  it("are nobody when not configured", () => {
    expect(operatorEmails(undefined)).toEqual([]);
    expect(operatorEmails("")).toEqual([]);
    expect(isOperatorEmail(undefined, "")).toBe(false);
  });
});
