import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { embedFonts, type Fonts } from "./pdf-fonts";
import { encodable, widthOf, wrap } from "./pdf-layout";

let fonts: Fonts;

beforeAll(async () => {
  fonts = await embedFonts(await PDFDocument.create());
});

describe("encodable", () => {
  it("keeps Turkish, Polish, Czech, Nordic, Greek and Cyrillic letters as typed", () => {
    for (const name of [
      "Cem Aydın",
      "İpek Gündoğdu",
      "Łucja Şahin",
      "Jiří Dvořák",
      "Søren Ærø",
      "Þórunn",
      "Αλέξανδρος",
      "Ольга",
      "Ївга Ґудзенко",
    ]) {
      expect(encodable(fonts.regular, name)).toBe(name);
      expect(encodable(fonts.bold, name)).toBe(name);
    }
  });

  it("joins letters typed with combining accents, drops emoji, and marks what the font lacks", () => {
    expect(encodable(fonts.regular, "Jir\u030Ci\u0301 Dvor\u030Ca\u0301k")).toBe("Jiří Dvořák");
    expect(encodable(fonts.regular, "Ayşe 😀 Yılmaz")).toBe("Ayşe Yılmaz");
    expect(encodable(fonts.regular, "王 Wang")).toBe("? Wang");
    expect(encodable(fonts.regular, "Zeile\neins\tzwei")).toBe("Zeile eins zwei");
  });
});

describe("widthOf", () => {
  it("adds up characters exactly as pdf-lib measures the whole text", () => {
    for (const text of [
      "Αλέξανδρος Παπαδόπουλος",
      "Beratungsstelle für Kinder-, Jugend- und Familienfragen",
      "WAVE Tō ffi",
    ]) {
      for (const font of [fonts.regular, fonts.bold]) {
        expect(widthOf(font, 9, text)).toBeCloseTo(font.widthOfTextAtSize(text, 9), 6);
      }
    }
  });
});

describe("wrap", () => {
  it("breaks long institution names at spaces, keeping every word", () => {
    const name =
      "Evangelische Kindertagesstätte und Familienzentrum „Regenbogen“ der Kirchengemeinde Bad Kreuznach-Winzenheim";
    const lines = wrap(fonts.regular, 8, name, 150);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join(" ")).toBe(name);
    for (const line of lines) expect(widthOf(fonts.regular, 8, line)).toBeLessThanOrEqual(150);
  });

  it("cuts a word longer than the line after a hyphen where it can, else between letters", () => {
    expect(wrap(fonts.regular, 10, "Kinder-und-Jugendhilfeausschuss", 120)).toEqual([
      "Kinder-und-",
      "Jugendhilfeausschuss",
    ]);
    const cut = wrap(fonts.regular, 10, "Donaudampfschifffahrtsgesellschaftskapitän", 80);
    expect(cut.join("")).toBe("Donaudampfschifffahrtsgesellschaftskapitän");
    for (const line of cut) expect(widthOf(fonts.regular, 10, line)).toBeLessThanOrEqual(80);
  });
});
