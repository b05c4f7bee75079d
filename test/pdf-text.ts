// The text on the pages of a PDF that pdf-lib wrote with an embedded font: each `Tj` string of
// glyph ids is read back through its font's ToUnicode CMap, as a viewer does for copy and
// search. pdf-lib writes one `Tj` per drawn line, so a name wrapped at a space comes back whole
// once the lines are joined with spaces.
import { unzlibSync } from "fflate";
import { PDFArray, PDFDict, type PDFDocument, PDFName, PDFRawStream, type PDFRef } from "pdf-lib";

/** The bytes of a (possibly deflated) stream object. */
function bytesOf(doc: PDFDocument, ref: unknown) {
  const stream = doc.context.lookup(ref as PDFRef);
  if (!(stream instanceof PDFRawStream)) throw new Error("not a stream");
  return stream.dict.get(PDFName.of("Filter")) ? unzlibSync(stream.contents) : stream.contents;
}

/** CID (four hex digits) → the text it stands for, from a ToUnicode CMap's bfchar entries. */
function unicodeMap(doc: PDFDocument, font: PDFDict) {
  const cmap = new TextDecoder().decode(bytesOf(doc, font.get(PDFName.of("ToUnicode"))));
  const map = new Map<string, string>();
  for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, cid, utf16] of block.matchAll(/<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]*)>/g)) {
      map.set(cid.toUpperCase(), String.fromCharCode(...(utf16.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16))));
    }
  }
  return map;
}

/** The lines drawn on each page, in drawing order. */
export function pageLines(doc: PDFDocument): string[][] {
  // pdf-lib names the font anew in the page's resources for each line it draws: read each
  // font's CMap once.
  const byFont = new Map<string, Map<string, string>>();
  const mapOf = (ref: PDFRef) => {
    let map = byFont.get(ref.toString());
    if (!map) {
      map = unicodeMap(doc, doc.context.lookup(ref, PDFDict));
      byFont.set(ref.toString(), map);
    }
    return map;
  };
  return doc.getPages().map((page) => {
    const fonts = page.node.Resources()?.lookupMaybe(PDFName.of("Font"), PDFDict);
    const maps = new Map<string, Map<string, string>>();
    for (const [name, ref] of fonts?.entries() ?? []) maps.set(name.decodeText(), mapOf(ref as PDFRef));
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    const drawn: string[] = [];
    for (const ref of streams) {
      const content = new TextDecoder().decode(bytesOf(doc, ref));
      let font = new Map<string, string>();
      for (const [, name, hex] of content.matchAll(/\/([^\s/[\]<>()]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj/g)) {
        if (name !== undefined) font = maps.get(name) ?? new Map();
        else drawn.push((hex.match(/.{4}/g) ?? []).map((cid) => font.get(cid.toUpperCase()) ?? "\uFFFD").join(""));
      }
    }
    return drawn;
  });
}

/** All the text of the document, lines joined by spaces. */
export const pdfText = (doc: PDFDocument) =>
  pageLines(doc)
    .map((lines) => lines.join(" "))
    .join(" ");
