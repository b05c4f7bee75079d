import { describe, expect, it } from "vitest";
import { fillPlaceholders, plainTextToHtml, unknownPlaceholders, usesPlaceholder } from "./message-text";

const values = { name: "Ada", event: "Werkstatt", dates: "1. Dezember", venue: "Rathaus", link: "https://x.example/t" };

describe("placeholders", () => {
  it("fills German and English names in any case", () => {
    expect(fillPlaceholders("{Name}, {event} am {TERMINE} in {ort}: {Link}", values)).toBe(
      "Ada, Werkstatt am 1. Dezember in Rathaus: https://x.example/t",
    );
    expect(fillPlaceholders("{name} {Veranstaltung} {dates} {Venue} { link }", values)).toBe(
      "Ada Werkstatt 1. Dezember Rathaus https://x.example/t",
    );
  });

  it("names the unknown ones, each once, and leaves plain braces alone", () => {
    expect(unknownPlaceholders("Hallo {Vorname} {Name} {Vorname} {}")).toEqual(["{Vorname}", "{}"]);
    expect(unknownPlaceholders("{Name} { und }")).toEqual(["{ und }"]);
    expect(unknownPlaceholders("a { b\n c } d")).toEqual([]);
  });

  it("tells whether a placeholder is used", () => {
    expect(usesPlaceholder("Ihr {LINK}", "link")).toBe(true);
    expect(usesPlaceholder("Ihr Link", "link")).toBe(false);
  });
});

describe("plain text as HTML", () => {
  it("escapes, keeps paragraphs and line breaks, links bare addresses", () => {
    expect(plainTextToHtml("Hallo <b>&\nZeile 2\n\n\nSiehe https://a.example/x?y=1&z=2.")).toBe(
      '<p>Hallo &lt;b&gt;&amp;<br>\nZeile 2</p>\n<p>Siehe <a href="https://a.example/x?y=1&amp;z=2">https://a.example/x?y=1&amp;z=2</a>.</p>',
    );
  });

  it("links nothing that is not a web address", () => {
    expect(plainTextToHtml("javascript:alert(1) ftp://x")).toBe("<p>javascript:alert(1) ftp://x</p>");
  });
});
