// What every generated document (A4 PDF) is drawn with: text that the font can encode,
// wrapped lines, tables whose rows grow with their text, the running head and footer.
// Set in DejaVu Sans (lib/pdf-fonts.ts), which covers Latin, Greek and Cyrillic names;
// anything else (emoji, scripts outside the font) is folded or replaced, never thrown.
// Names and institutions wrap onto as many lines as they need: only the running footer
// is ever shortened.
import { PDFDocument, type PDFFont, type PDFImage, type PDFPage, rgb } from "pdf-lib";
import { embedFonts, type Fonts } from "./pdf-fonts";
import { berlinParts } from "./time";

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 42;
export const INK = rgb(0.1, 0.1, 0.12);
export const MUTED = rgb(0.36, 0.36, 0.4);
export const RULE = rgb(0.7, 0.7, 0.74);
export const SHADE = rgb(0.93, 0.94, 0.96);

// ---------------------------------------------------------------------------
// Text that the font can encode

const charSets = new WeakMap<PDFFont, Set<number>>();

/** Letters that Unicode does not decompose into a base letter plus accent. */
const FOLD: Record<string, string> = { ı: "i", İ: "I", ł: "l", Ł: "L", đ: "d", Đ: "D", ħ: "h", ŧ: "t", ĸ: "k" };
/** Emoji and their joiners and variation selectors: dropped rather than printed as "?". */
const PICTOGRAPH = /^(?:\p{Extended_Pictographic}|\u200d|\ufe0e|\ufe0f|[\u{1f3fb}-\u{1f3ff}])$/u;

/**
 * The text with every character the font cannot encode replaced: line breaks and
 * tabs become spaces, letters typed as base letter plus combining accent are joined
 * (NFC), a letter outside the font loses its accent where the base letter exists,
 * emoji are dropped, the rest becomes "?".
 */
export function encodable(font: PDFFont, text: string): string {
  let known = charSets.get(font);
  if (!known) {
    known = new Set(font.getCharacterSet());
    charSets.set(font, known);
  }
  const has = (c: string) => {
    const code = c.codePointAt(0) ?? 0;
    return code >= 0x20 && known.has(code);
  };
  let out = "";
  for (const char of text.normalize("NFC")) {
    if (has(char)) out += char;
    else if (/[\r\n\t\u2028\u2029]/.test(char)) out += " ";
    else if (!PICTOGRAPH.test(char)) {
      const base = (FOLD[char] ?? char).normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
      out += base && [...base].every(has) ? base : "?";
    }
  }
  return out.replace(/ {2,}/g, " ").trim();
}

const advances = new WeakMap<PDFFont, Map<string, number>>();

/**
 * The width of encodable text in points. The shipped font has no kerning or shaping tables,
 * so a text is as wide as its characters added up; measuring each character once spares
 * fontkit's layout for every candidate line that wrapping tries.
 */
export function widthOf(font: PDFFont, size: number, text: string) {
  let known = advances.get(font);
  if (!known) {
    known = new Map();
    advances.set(font, known);
  }
  let width = 0;
  for (const char of text) {
    let advance = known.get(char);
    if (advance === undefined) {
      advance = font.widthOfTextAtSize(char, 1);
      known.set(char, advance);
    }
    width += advance;
  }
  return width * size;
}

/**
 * Lines of at most `width` points, broken at spaces, else after a hyphen or slash
 * ("Kinder-/Jugendhilfe"); a word longer than a line is cut between letters.
 */
export function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const words = encodable(font, text).split(" ").filter(Boolean);
  const lines: string[] = [];
  let line = "";
  const fits = (s: string) => widthOf(font, size, s) <= width;
  for (let word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    while (!fits(word)) {
      const letters = [...word];
      let cut = letters.length - 1;
      while (cut > 1 && !fits(letters.slice(0, cut).join(""))) cut--;
      // Prefer the last hyphen or slash within what fits, so compounds break where they join.
      const joint = Math.max(...["-", "/"].map((j) => letters.slice(0, cut).lastIndexOf(j)));
      if (joint > cut / 3) cut = joint + 1;
      lines.push(letters.slice(0, cut).join(""));
      word = letters.slice(cut).join("");
    }
    line = word;
  }
  if (line) lines.push(line);
  return lines;
}

/** At most `max` wrapped lines; the last one ends in "…" when text was left out (running footers only). */
function clampLines(font: PDFFont, size: number, text: string, width: number, max: number): string[] {
  const lines = wrap(font, size, text, width);
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  let last = `${kept[max - 1]}…`;
  while (last.length > 1 && widthOf(font, size, last) > width) last = `${last.slice(0, -2)}…`;
  kept[max - 1] = last;
  return kept;
}

export function text(page: PDFPage, font: PDFFont, size: number, value: string, x: number, y: number, color = INK) {
  page.drawText(encodable(font, value), { x, y, size, font, color });
}

export function rightText(
  page: PDFPage,
  font: PDFFont,
  size: number,
  value: string,
  right: number,
  y: number,
  color = INK,
) {
  const safe = encodable(font, value);
  page.drawText(safe, { x: right - widthOf(font, size, safe), y, size, font, color });
}

/** Draws the wrapped lines from baseline `y` down, `leading` apart; returns the baseline after the last. */
export function lines(
  page: PDFPage,
  font: PDFFont,
  size: number,
  value: string,
  x: number,
  y: number,
  width: number,
  leading: number,
  color = INK,
) {
  for (const line of wrap(font, size, value, width)) {
    page.drawText(line, { x, y, size, font, color });
    y -= leading;
  }
  return y;
}

// ---------------------------------------------------------------------------
// Tables whose rows grow with their text

export type Column = { label: string; width: number; bold?: boolean; align?: "right" };

const CELL_SIZE = 8;
const CELL_LEADING = 9.8;
const CELL_PAD = 4;

/** The wrapped lines of each cell and the row's height: at least `minHeight`, more where a cell needs it. */
export function tableRow(fonts: Fonts, columns: Column[], cells: string[], minHeight: number) {
  const cellLines = columns.map((col, c) =>
    wrap(col.bold ? fonts.bold : fonts.regular, CELL_SIZE, cells[c] ?? "", col.width - 2 * CELL_PAD),
  );
  const most = Math.max(1, ...cellLines.map((l) => l.length));
  return { cellLines, height: Math.max(minHeight, most * CELL_LEADING + 5.4) };
}

/** The row with one more line at the end of cell `column` (nothing added when `line` is empty). */
export function withLine(row: ReturnType<typeof tableRow>, column: number, line: string | undefined) {
  if (!line) return row;
  const cellLines = row.cellLines.map((lines, c) => (c === column ? [...lines, line] : lines));
  return { cellLines, height: Math.max(row.height, cellLines[column].length * CELL_LEADING + 5.4) };
}

/** Draws a row laid out by `tableRow` with its top at `top`, each cell's lines centred vertically. */
export function drawTableRow(
  page: PDFPage,
  fonts: Fonts,
  columns: Column[],
  row: ReturnType<typeof tableRow>,
  top: number,
) {
  let x = MARGIN;
  columns.forEach((col, c) => {
    const font = col.bold ? fonts.bold : fonts.regular;
    const cell = row.cellLines[c];
    let y = top - (row.height - cell.length * CELL_LEADING) / 2 - 7.2;
    for (const line of cell) {
      if (col.align === "right") rightText(page, font, CELL_SIZE, line, x + col.width - CELL_PAD, y);
      else page.drawText(line, { x: x + CELL_PAD, y, size: CELL_SIZE, font, color: INK });
      y -= CELL_LEADING;
    }
    x += col.width;
  });
}

/** The shaded row of column heads with its top at `top`; returns its height. */
export function drawTableHead(page: PDFPage, fonts: Fonts, columns: Column[], top: number) {
  const width = columns.reduce((a, c) => a + c.width, 0);
  page.drawRectangle({ x: MARGIN, y: top - 18, width, height: 18, color: SHADE });
  let x = MARGIN;
  for (const col of columns) {
    if (col.align === "right") rightText(page, fonts.bold, 8.5, col.label, x + col.width - CELL_PAD, top - 12.3);
    else text(page, fonts.bold, 8.5, col.label, x + CELL_PAD, top - 12.3);
    x += col.width;
  }
  return 18;
}

export const hRule = (page: PDFPage, y: number, thickness = 0.5) =>
  page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness, color: RULE });

// ---------------------------------------------------------------------------
// Dates in Berlin time

const pad = (n: number) => String(n).padStart(2, "0");
/** "03.12.2026" */
export const berlinDate = (instant: Date) => {
  const p = berlinParts(instant);
  return `${pad(p.day)}.${pad(p.month + 1)}.${p.year}`;
};
/** "9:00" */
export const berlinClock = (instant: Date) => {
  const p = berlinParts(instant);
  return `${p.hour}:${pad(p.minute)}`;
};
/** Hours between two instants, to the quarter hour, German style: "4", "3,5", "1,25". */
export const hoursText = (ms: number) => {
  const hours = Math.round(ms / 900_000) / 4;
  return hours.toLocaleString("de-DE", { maximumFractionDigits: 2 });
};

export async function newDocument(title: string, author: string, subject: string, now: Date) {
  const doc = await PDFDocument.create();
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setAuthor(author);
  doc.setSubject(subject);
  doc.setCreator("NetzWerkstatt");
  doc.setProducer("NetzWerkstatt (pdf-lib)");
  doc.setLanguage("de-DE");
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  return { doc, fonts: await embedFonts(doc) };
}

/**
 * The network's logo for the header, if it has a PNG one: pdf-lib embeds PNG and JPEG
 * but cannot draw SVG, so an SVG logo leaves the header with the network's name alone.
 * A file pdf-lib cannot read is left out rather than failing the document.
 */
export async function embedLogo(doc: PDFDocument, png: Uint8Array | null | undefined): Promise<PDFImage | null> {
  if (!png) return null;
  try {
    return await doc.embedPng(png);
  } catch {
    return null;
  }
}

/** Draws the logo with its top-right corner at (right, top), at most `height` high and `maxWidth` wide; returns its width. */
export function drawLogo(
  page: PDFPage,
  logo: PDFImage | null,
  right: number,
  top: number,
  height: number,
  maxWidth: number,
) {
  if (!logo) return 0;
  const scale = Math.min(height / logo.height, maxWidth / logo.width);
  const w = logo.width * scale;
  const h = logo.height * scale;
  page.drawImage(logo, { x: right - w, y: top - h, width: w, height: h });
  return w;
}

/**
 * The running head of a list: the kind of document on the left, the network's name (wrapped
 * beside its logo) on the right, both in the top margin; returns the baseline below it.
 */
export function listHeader(page: PDFPage, fonts: Fonts, kind: string, networkName: string, logo: PDFImage | null) {
  const top = A4[1] - MARGIN;
  const logoWidth = drawLogo(page, logo, A4[0] - MARGIN, top + 16, 28, 140);
  const right = A4[0] - MARGIN - (logoWidth ? logoWidth + 8 : 0);
  const label = kind.toUpperCase();
  const labelWidth = fonts.bold.widthOfTextAtSize(label, 8.5);
  text(page, fonts.bold, 8.5, label, MARGIN, top - 10, MUTED);
  let y = top - 10;
  for (const line of wrap(fonts.regular, 8.5, networkName, right - MARGIN - labelWidth - 40)) {
    rightText(page, fonts.regular, 8.5, line, right, y, MUTED);
    y -= 10.5;
  }
  return Math.min(y, top - 10) - 22;
}

export function footer(page: PDFPage, fonts: Fonts, left: string, index: number, count: number) {
  const y = MARGIN - 14;
  hRule(page, y + 12);
  const pageText = `Seite ${index + 1} von ${count}`;
  const room = A4[0] - 2 * MARGIN - fonts.regular.widthOfTextAtSize(pageText, 7.5) - 16;
  text(page, fonts.regular, 7.5, clampLines(fonts.regular, 7.5, left, room, 1)[0] ?? "", MARGIN, y, MUTED);
  rightText(page, fonts.regular, 7.5, pageText, A4[0] - MARGIN, y, MUTED);
}
