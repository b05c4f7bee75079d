import { describe, expect, it } from "vitest";
import { calendarFile, escapeText, foldLine, slugOf, utcDateTime } from "./ics";

const octets = (s: string) => new TextEncoder().encode(s).length;

describe("calendar files", () => {
  it("fold at 75 octets, never inside a character, and unfold to the original", () => {
    const line = `SUMMARY:${"Qualitätsentwicklung äöü ß € 😀 ".repeat(8)}`;
    const folded = foldLine(line);
    for (const part of folded.split("\r\n")) expect(octets(part)).toBeLessThanOrEqual(75);
    expect(
      folded
        .split("\r\n")
        .slice(1)
        .every((p) => p.startsWith(" ")),
    ).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    expect(foldLine("SHORT:x")).toBe("SHORT:x");
  });

  it("escape TEXT values and write UTC times", () => {
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
    expect(utcDateTime(new Date("2027-01-15T08:00:00.123Z"))).toBe("20270115T080000Z");
  });

  it("build one VEVENT per entry with CRLF line endings", () => {
    const ics = calendarFile(
      "Werkstatt, 2027",
      [1, 2].map((n) => ({
        uid: `s${n}.r@netzwerkstatt`,
        summary: `Termin ${n}`,
        description: "Thema\nzweite Zeile",
        location: "Haus der Familie, Kurhausstraße 6",
        startsAt: new Date(`2027-01-1${n}T08:00:00Z`),
        endsAt: new Date(`2027-01-1${n}T12:00:00Z`),
      })),
      new Date("2026-11-23T09:00:00Z"),
    );
    expect(ics.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(2);
    expect(ics).toContain("DTSTART:20270111T080000Z\r\nDTEND:20270111T120000Z\r\n");
    expect(ics).toContain("X-WR-CALNAME:Werkstatt\\, 2027\r\n");
    expect(ics).toContain("DESCRIPTION:Thema\\nzweite Zeile\r\n");
    expect(ics.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
  });

  it("name the file by a readable ASCII slug", () => {
    expect(slugOf("Qualitätsentwicklungswerkstatt Kinderschutz 2027")).toBe(
      "qualitaetsentwicklungswerkstatt-kinderschutz-2027",
    );
    expect(slugOf("5. Netzwerkkonferenz: Kinderschutz & Frühe Hilfen")).toBe(
      "5-netzwerkkonferenz-kinderschutz-fruehe-hilfen",
    );
    expect(slugOf("„“")).toBe("veranstaltung");
  });
});
