/// <reference path="../fonts/ttf.d.ts" />
// The typeface of the generated documents: DejaVu Sans, regular and bold, shipped in
// worker/fonts/ (subset by scripts/subset-fonts.sh to Latin, Greek and Cyrillic) and
// embedded subset into each PDF, so that names print exactly as typed. The standard PDF
// fonts know WinAnsi only and turned "Cem Aydın" into "Cem Aydin".
import fontkit from "@pdf-lib/fontkit";
import type { PDFDocument, PDFFont } from "pdf-lib";

// Imported on first use rather than at the top: the OpenAPI script loads the app in Node,
// which has no loader for .ttf files; wrangler and the test pool bundle them as Data modules.
// The bytes are kept once loaded, never the pending promise: workerd does not let one request
// wait on a promise another request created, and the second of two first PDFs made at the same
// time hung ("code had hung", 500) until the font was loaded per request.
let files: { regular: Uint8Array; bold: Uint8Array } | undefined;
async function fontFiles() {
  if (files) return files;
  const [regular, bold] = await Promise.all([
    import("../fonts/DejaVuSans.ttf"),
    import("../fonts/DejaVuSans-Bold.ttf"),
  ]);
  files ??= { regular: new Uint8Array(regular.default), bold: new Uint8Array(bold.default) };
  return files;
}

// Each document parses the font itself. Sharing one parsed font between documents looked safe
// and was not: two PDFs made at the same time in one isolate (an organiser's page fetching the
// certificates and the participant list at once) left requests hanging, 500 "code had hung".
export type Fonts = { regular: PDFFont; bold: PDFFont };

/** Embeds DejaVu Sans regular and bold into the document, each subset to the glyphs it draws. */
export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  const { regular, bold } = await fontFiles();
  doc.registerFontkit(fontkit);
  return {
    regular: await doc.embedFont(regular, { subset: true }),
    bold: await doc.embedFont(bold, { subset: true }),
  };
}

// Documents of one isolate are written one after another: fontkit's subsetting shares state
// between documents (two PDFs saved at the same time left requests hanging, 500 "code had hung").
let turn: Promise<unknown> = Promise.resolve();
export function saveInTurn(doc: PDFDocument): Promise<Uint8Array> {
  const saved = turn.then(() => doc.save());
  turn = saved.catch(() => undefined);
  return saved;
}
