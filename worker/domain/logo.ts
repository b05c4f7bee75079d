// What a network may upload as its logo. The bytes decide, never the declared
// Content-Type or a file name: a PNG by its signature, an SVG as text whose root
// is <svg> and which contains nothing that could run or load anything.

/** Enough for a crisp header logo; keeps the D1 row small (D1 allows 2 MB per row). */
export const MAX_LOGO_BYTES = 256 * 1024;

export type LogoType = "image/png" | "image/svg+xml";

export type LogoCheck =
  | { ok: true; contentType: LogoType }
  | { ok: false; reason: "empty" | "too_large" | "unsupported_type" | "unsafe_svg" };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A PNG starts with its signature and then the IHDR chunk (length 13). */
export function isPng(bytes: Uint8Array): boolean {
  if (bytes.length < 33) return false;
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return false;
  const ihdr = String.fromCharCode(bytes[12], bytes[13], bytes[14], bytes[15]);
  return ihdr === "IHDR";
}

/**
 * Anything in an SVG that could execute script, embed a document, pull in
 * entities or point at script URLs. Matching is on the lower-cased text, so
 * `<SCRIPT` and `OnLoad=` are caught too; an over-cautious refusal is fine for a logo.
 */
const UNSAFE_SVG: RegExp[] = [
  /<\s*script/,
  /<\s*foreignobject/,
  /<\s*(iframe|embed|object|audio|video|handler|listener)\b/,
  /<!doctype|<!entity/,
  /<\?xml-stylesheet/,
  /[\s"'/]on[a-z]+\s*=/,
  /javascript\s*:|vbscript\s*:|data\s*:\s*text\/html/,
  /@import/,
];

/** The text of an SVG file, or null if it is not one (not UTF-8, or no <svg> root). */
function svgText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
  // Before the root element only an XML declaration, comments and whitespace may come.
  const rest = text
    .replace(/^\uFEFF/, "")
    .replace(/^\s*<\?xml[^?]*\?>/, "")
    .replace(/^(\s*<!--[\s\S]*?-->)*\s*/, "");
  if (!/^<svg[\s>]/.test(rest)) return null;
  if (!/<\/svg\s*>\s*$/.test(rest) && !/^<svg[^>]*\/>\s*$/.test(rest)) return null;
  return text;
}

export function checkLogo(bytes: Uint8Array): LogoCheck {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (bytes.length > MAX_LOGO_BYTES) return { ok: false, reason: "too_large" };
  if (isPng(bytes)) return { ok: true, contentType: "image/png" };
  const svg = svgText(bytes);
  if (svg === null) return { ok: false, reason: "unsupported_type" };
  const lower = svg.toLowerCase();
  if (UNSAFE_SVG.some((pattern) => pattern.test(lower))) return { ok: false, reason: "unsafe_svg" };
  return { ok: true, contentType: "image/svg+xml" };
}
