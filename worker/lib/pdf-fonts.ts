/// <reference path="../fonts/ttf.d.ts" />
// The typeface of the generated documents: DejaVu Sans, regular and bold, shipped in
// worker/fonts/ (subset by scripts/subset-fonts.sh to Latin, Greek and Cyrillic) and
// embedded subset into each PDF, so that names print exactly as typed. The standard PDF
// fonts know WinAnsi only and turned "Cem Aydın" into "Cem Aydin".
import fontkit from "@pdf-lib/fontkit";
import type { PDFDocument, PDFFont } from "pdf-lib";

type Fontkit = Parameters<PDFDocument["registerFontkit"]>[0];
type ParsedFont = ReturnType<Fontkit["create"]>;

// Imported on first use rather than at the top: the OpenAPI script loads the app in Node,
// which has no loader for .ttf files; wrangler and the test pool bundle them as Data modules.
let files: Promise<{ regular: Uint8Array; bold: Uint8Array }> | undefined;
const fontFiles = () => {
  files ??= Promise.all([import("../fonts/DejaVuSans.ttf"), import("../fonts/DejaVuSans-Bold.ttf")]).then(
    ([regular, bold]) => ({ regular: new Uint8Array(regular.default), bold: new Uint8Array(bold.default) }),
  );
  return files;
};

/**
 * fontkit as pdf-lib calls it, but parsing each file once per isolate: pdf-lib parses the font
 * again for every document, which is most of a small document's CPU time. Sharing the parsed
 * font between documents is safe: each document keeps its own subset, and fontkit reads the
 * shared font only synchronously (layout, and the subset written inside `save()`), so two
 * documents made at the same time never interleave on it.
 */
const parsed = new WeakMap<Uint8Array, ParsedFont>();
const parsedOnce: Fontkit = {
  create(bytes, postscriptName) {
    let font = parsed.get(bytes);
    if (!font) {
      font = fontkit.create(bytes, postscriptName);
      parsed.set(bytes, font);
    }
    return font;
  },
};

export type Fonts = { regular: PDFFont; bold: PDFFont };

/** Embeds DejaVu Sans regular and bold into the document, each subset to the glyphs it draws. */
export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  const { regular, bold } = await fontFiles();
  doc.registerFontkit(parsedOnce);
  return {
    regular: await doc.embedFont(regular, { subset: true }),
    bold: await doc.embedFont(bold, { subset: true }),
  };
}
