import { describe, expect, it } from "vitest";
import { checkLogo, MAX_LOGO_BYTES } from "./logo";

const bytes = (text: string) => new TextEncoder().encode(text);
// A real 1×1 PNG.
const PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>';

describe("checkLogo", () => {
  it("knows a PNG by its signature and an SVG by its root element", () => {
    expect(checkLogo(PNG)).toEqual({ ok: true, contentType: "image/png" });
    expect(checkLogo(bytes(SVG))).toEqual({ ok: true, contentType: "image/svg+xml" });
    expect(checkLogo(bytes(`\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- Logo -->\n${SVG}\n`))).toEqual({
      ok: true,
      contentType: "image/svg+xml",
    });
  });

  it("refuses other files whatever they are called", () => {
    expect(checkLogo(new Uint8Array())).toEqual({ ok: false, reason: "empty" });
    expect(checkLogo(bytes("GIF89a......"))).toEqual({ ok: false, reason: "unsupported_type" });
    expect(checkLogo(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toEqual({
      ok: false,
      reason: "unsupported_type",
    });
    expect(checkLogo(bytes("<html><svg></svg></html>"))).toEqual({ ok: false, reason: "unsupported_type" });
    expect(checkLogo(bytes(`${SVG}<script>alert(1)</script>`))).toEqual({ ok: false, reason: "unsupported_type" });
    // A PNG signature alone, without its header chunk.
    expect(checkLogo(PNG.slice(0, 8))).toEqual({ ok: false, reason: "unsupported_type" });
    expect(checkLogo(Uint8Array.from([0xc3, 0x28]))).toEqual({ ok: false, reason: "unsupported_type" });
  });

  it("refuses files over the limit, counting bytes", () => {
    const big = new Uint8Array(MAX_LOGO_BYTES + 1);
    big.set(PNG);
    expect(checkLogo(big)).toEqual({ ok: false, reason: "too_large" });
    const atLimit = new Uint8Array(MAX_LOGO_BYTES);
    atLimit.set(PNG);
    expect(checkLogo(atLimit).ok).toBe(true);
  });

  it.each([
    ['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "script"],
    ['<svg xmlns="http://www.w3.org/2000/svg"><SCRIPT >alert(1)</SCRIPT></svg>', "upper-case script"],
    ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', "event handler"],
    ['<svg xmlns="http://www.w3.org/2000/svg"><rect OnClick = "x()"/></svg>', "upper-case handler"],
    ['<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div/></foreignObject></svg>', "foreignObject"],
    ['<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect/></a></svg>', "javascript: URL"],
    ['<svg xmlns="http://www.w3.org/2000/svg"><a href="java\tscript:x"/><iframe/></svg>', "iframe"],
    ['<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>', "entities"],
    ['<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(x.css)</style></svg>', "@import"],
  ])("refuses an SVG with %s (%s)", (svg) => {
    expect(checkLogo(bytes(svg))).toEqual({ ok: false, reason: expect.stringMatching(/unsafe_svg|unsupported_type/) });
  });
});
