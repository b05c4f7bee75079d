// Printable documents (A4 PDF) built with pdf-lib from plain data, so that any route
// (the organiser's exports, later the participant's page) can produce them.
// Standard fonts only: Helvetica in WinAnsi covers German (ä, ö, ü, ß, „“, –, €);
// anything else (emoji, ğ, Cyrillic) is folded or replaced, never thrown.
import { PDFDocument, type PDFFont, type PDFImage, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import { berlinParts, formatEventDates } from "./time";

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 42;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.38, 0.38, 0.42);
const RULE = rgb(0.62, 0.62, 0.66);
const SHADE = rgb(0.92, 0.93, 0.95);

// ---------------------------------------------------------------------------
// Text that the font can encode

const charSets = new WeakMap<PDFFont, Set<number>>();

/** Letters that Unicode does not decompose into a base letter plus accent. */
const FOLD: Record<string, string> = { ı: "i", İ: "I", ł: "l", Ł: "L", đ: "d", Đ: "D", ħ: "h", ŧ: "t", ĸ: "k" };
/** Emoji and their joiners and variation selectors: dropped rather than printed as "?". */
const PICTOGRAPH = /^(?:\p{Extended_Pictographic}|\u200d|\ufe0e|\ufe0f|[\u{1f3fb}-\u{1f3ff}])$/u;

/**
 * The text with every character the font cannot encode replaced: line breaks and
 * tabs become spaces, accented letters lose their accent where the base letter
 * exists ("ğ" → "g"), emoji are dropped, the rest becomes "?".
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
  for (const char of text) {
    if (has(char)) out += char;
    else if (/[\r\n\t\u2028\u2029]/.test(char)) out += " ";
    else if (!PICTOGRAPH.test(char)) {
      const base = (FOLD[char] ?? char).normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
      out += base && [...base].every(has) ? base : "?";
    }
  }
  return out.replace(/ {2,}/g, " ").trim();
}

/** Lines of at most `width` points, broken at spaces (a word longer than a line is cut). */
export function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const words = encodable(font, text).split(" ").filter(Boolean);
  const lines: string[] = [];
  let line = "";
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  for (let word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    while (!fits(word)) {
      let cut = word.length - 1;
      while (cut > 1 && !fits(word.slice(0, cut))) cut--;
      lines.push(word.slice(0, cut));
      word = word.slice(cut);
    }
    line = word;
  }
  if (line) lines.push(line);
  return lines;
}

/** At most `max` wrapped lines; the last one ends in "…" when text was left out. */
function clampLines(font: PDFFont, size: number, text: string, width: number, max: number): string[] {
  const lines = wrap(font, size, text, width);
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  let last = `${kept[max - 1]}…`;
  while (last.length > 1 && font.widthOfTextAtSize(last, size) > width) last = `${last.slice(0, -2)}…`;
  kept[max - 1] = last;
  return kept;
}

type Fonts = { regular: PDFFont; bold: PDFFont };

function text(page: PDFPage, font: PDFFont, size: number, value: string, x: number, y: number, color = INK) {
  page.drawText(encodable(font, value), { x, y, size, font, color });
}

function rightText(page: PDFPage, font: PDFFont, size: number, value: string, right: number, y: number, color = INK) {
  const safe = encodable(font, value);
  page.drawText(safe, { x: right - font.widthOfTextAtSize(safe, size), y, size, font, color });
}

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

async function newDocument(title: string, author: string, subject: string, now: Date) {
  const doc = await PDFDocument.create();
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setAuthor(author);
  doc.setSubject(subject);
  doc.setCreator("NetzWerkstatt");
  doc.setProducer("NetzWerkstatt (pdf-lib)");
  doc.setLanguage("de-DE");
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  return { doc, fonts };
}

/**
 * The network's logo for the header, if it has a PNG one: pdf-lib embeds PNG and JPEG
 * but cannot draw SVG, so an SVG logo leaves the header with the network's name alone.
 * A file pdf-lib cannot read is left out rather than failing the document.
 */
async function embedLogo(doc: PDFDocument, png: Uint8Array | null | undefined): Promise<PDFImage | null> {
  if (!png) return null;
  try {
    return await doc.embedPng(png);
  } catch {
    return null;
  }
}

/** Draws the logo with its top-right corner at (right, top), at most `height` high and `maxWidth` wide; returns its width. */
function drawLogo(page: PDFPage, logo: PDFImage | null, right: number, top: number, height: number, maxWidth: number) {
  if (!logo) return 0;
  const scale = Math.min(height / logo.height, maxWidth / logo.width);
  const w = logo.width * scale;
  const h = logo.height * scale;
  page.drawImage(logo, { x: right - w, y: top - h, width: w, height: h });
  return w;
}

function footer(page: PDFPage, fonts: Fonts, left: string, index: number, count: number) {
  const y = MARGIN - 14;
  page.drawLine({
    start: { x: MARGIN, y: y + 12 },
    end: { x: A4[0] - MARGIN, y: y + 12 },
    thickness: 0.5,
    color: RULE,
  });
  const pageText = `Seite ${index + 1} von ${count}`;
  const room = A4[0] - 2 * MARGIN - fonts.regular.widthOfTextAtSize(pageText, 8) - 16;
  text(page, fonts.regular, 8, clampLines(fonts.regular, 8, left, room, 1)[0] ?? "", MARGIN, y, MUTED);
  rightText(page, fonts.regular, 8, pageText, A4[0] - MARGIN, y, MUTED);
}

// ---------------------------------------------------------------------------
// Sign-in sheet (Unterschriftenliste) of one session

export type SignInSheetData = {
  eventTitle: string;
  sessionTitle: string;
  sessionTopic: string;
  startsAt: Date;
  endsAt: Date;
  venueName: string;
  venueAddress: string;
  networkName: string;
  /** The network's logo if it is a PNG. */
  logoPng?: Uint8Array | null;
  /** In the order to print (the caller sorts). */
  participants: { name: string; institution: string; function: string; ticketCode?: string }[];
  generatedAt: Date;
};

/** Rows of the table on every page; the last page is filled up with empty rows for walk-ins. */
export const SIGN_IN_ROWS_PER_PAGE = 22;
const ROW = 25;
const COLUMNS = [
  { label: "Nr.", width: 24 },
  { label: "Name", width: 120 },
  { label: "Einrichtung", width: 128 },
  { label: "Funktion", width: 100 },
  { label: "Unterschrift", width: 0 },
];
COLUMNS[4].width = A4[0] - 2 * MARGIN - COLUMNS.slice(0, 4).reduce((a, c) => a + c.width, 0);

export async function signInSheetPdf(data: SignInSheetData): Promise<Uint8Array> {
  const { doc, fonts } = await newDocument(
    `Unterschriftenliste – ${data.eventTitle}`,
    data.networkName,
    [data.sessionTitle, formatEventDates([data], "de")].filter(Boolean).join(", "),
    data.generatedAt,
  );
  const pageCount = Math.max(1, Math.ceil(data.participants.length / SIGN_IN_ROWS_PER_PAGE));
  const width = A4[0] - 2 * MARGIN;
  const when = formatEventDates([data], "de");
  const venue = [data.venueName, data.venueAddress].filter(Boolean).join(", ");
  const session = [data.sessionTitle, data.sessionTopic].filter(Boolean).join(" – ");
  const logo = await embedLogo(doc, data.logoPng);

  for (let p = 0; p < pageCount; p++) {
    const page = doc.addPage(A4);
    let y = A4[1] - MARGIN - 10;
    text(page, fonts.regular, 9, "Unterschriftenliste", MARGIN, y, MUTED);
    // The logo sits in the top margin, the network's name beside it on the first line.
    const logoWidth = drawLogo(page, logo, A4[0] - MARGIN, A4[1] - MARGIN + 16, 28, 140);
    rightText(page, fonts.regular, 9, data.networkName, A4[0] - MARGIN - (logoWidth ? logoWidth + 8 : 0), y, MUTED);
    y -= 20;
    for (const line of clampLines(fonts.bold, 15, data.eventTitle, width, 2)) {
      text(page, fonts.bold, 15, line, MARGIN, y);
      y -= 18;
    }
    for (const line of clampLines(fonts.regular, 10, session, width, 2)) {
      text(page, fonts.regular, 10, line, MARGIN, y);
      y -= 13;
    }
    y -= 2;
    text(page, fonts.bold, 10, "Termin:", MARGIN, y);
    text(page, fonts.regular, 10, when, MARGIN + 48, y);
    y -= 13;
    if (venue) {
      text(page, fonts.bold, 10, "Ort:", MARGIN, y);
      text(page, fonts.regular, 10, clampLines(fonts.regular, 10, venue, width - 48, 1)[0], MARGIN + 48, y);
      y -= 13;
    }
    // The table starts at the same height on every page, whatever the header took.
    y = Math.min(y - 8, A4[1] - MARGIN - 128);

    // Column heads
    page.drawRectangle({ x: MARGIN, y: y - 18, width, height: 18, color: SHADE });
    let x = MARGIN;
    for (const col of COLUMNS) {
      text(page, fonts.bold, 9, col.label, x + 4, y - 12.5);
      x += col.width;
    }
    y -= 18;

    for (let r = 0; r < SIGN_IN_ROWS_PER_PAGE; r++) {
      const i = p * SIGN_IN_ROWS_PER_PAGE + r;
      const person = data.participants[i];
      const top = y;
      if (person) {
        const cells = [String(i + 1), person.name, person.institution, person.function];
        let cx = MARGIN;
        cells.forEach((cell, c) => {
          const font = c === 1 ? fonts.bold : fonts.regular;
          // The ticket code under the name, for checking in from this sheet at the door.
          const lines =
            c === 1 && person.ticketCode
              ? [...clampLines(font, 8.5, cell, COLUMNS[c].width - 8, 1), person.ticketCode]
              : clampLines(font, 8.5, cell, COLUMNS[c].width - 8, 2);
          const first = lines.length === 1 ? top - 15.5 : top - 10.5;
          lines.forEach((line, l) => {
            text(page, font, 8.5, line, cx + 4, first - l * 10);
          });
          cx += COLUMNS[c].width;
        });
      }
      y -= ROW;
      page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 0.5, color: RULE });
    }
    // Column rules and frame
    const tableTop = y + SIGN_IN_ROWS_PER_PAGE * ROW + 18;
    x = MARGIN;
    for (const col of [{ width: 0 }, ...COLUMNS]) {
      x += col.width;
      page.drawLine({ start: { x, y: tableTop }, end: { x, y }, thickness: 0.5, color: RULE });
    }
    page.drawLine({
      start: { x: MARGIN, y: tableTop },
      end: { x: A4[0] - MARGIN, y: tableTop },
      thickness: 0.5,
      color: RULE,
    });

    text(
      page,
      fonts.regular,
      8,
      `Stand: ${berlinDate(data.generatedAt)}, ${berlinClock(data.generatedAt)} Uhr`,
      MARGIN,
      y - 12,
      MUTED,
    );
    footer(page, fonts, `${data.networkName} · Unterschrift bestätigt die Anwesenheit`, p, pageCount);
  }
  return doc.save();
}

// ---------------------------------------------------------------------------
// Certificate of attendance (Teilnahmebescheinigung)

export type CertificateData = {
  participantName: string;
  participantFunction: string;
  institutionName: string;
  eventTitle: string;
  /** The organiser: the network. */
  networkName: string;
  /** The network's logo if it is a PNG. */
  logoPng?: Uint8Array | null;
  /** Sessions attended (present), any order. */
  sessions: { title: string; topic: string; startsAt: Date; endsAt: Date }[];
  /** "Bad Kreuznach": where the certificate is issued. */
  place: string;
  issuedAt: Date;
};

/** The city of a German address ("Kurhausstraße 6, 55543 Bad Kreuznach" → "Bad Kreuznach"), else "". */
export const cityOf = (address: string) => /\b\d{5}\s+([^,]+)\s*$/.exec(address.trim())?.[1]?.trim() ?? "";

export async function certificatePdf(data: CertificateData): Promise<Uint8Array> {
  const { doc, fonts } = await newDocument(
    `Teilnahmebescheinigung – ${data.eventTitle}`,
    data.networkName,
    `Teilnahmebescheinigung für ${data.participantName}`,
    data.issuedAt,
  );
  drawCertificate(doc, fonts, data, await embedLogo(doc, data.logoPng));
  return doc.save();
}

/**
 * All certificates of an event in one document for printing, each starting on a new page
 * with its own page count in the footer.
 */
export async function certificatesPdf(
  event: { eventTitle: string; networkName: string; issuedAt: Date; logoPng?: Uint8Array | null },
  certificates: CertificateData[],
): Promise<Uint8Array> {
  const { doc, fonts } = await newDocument(
    `Teilnahmebescheinigungen – ${event.eventTitle}`,
    event.networkName,
    `${certificates.length} Teilnahmebescheinigungen`,
    event.issuedAt,
  );
  // Embedded once, drawn on every certificate.
  const logo = await embedLogo(doc, event.logoPng);
  for (const data of certificates) drawCertificate(doc, fonts, data, logo);
  return doc.save();
}

function drawCertificate(doc: PDFDocument, fonts: Fonts, data: CertificateData, logo: PDFImage | null) {
  const sessions = [...data.sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const totalMs = sessions.reduce((sum, s) => sum + (s.endsAt.getTime() - s.startsAt.getTime()), 0);
  const width = A4[0] - 2 * MARGIN;
  const cols = [
    { label: "Datum", width: 64 },
    { label: "Zeit", width: 72 },
    { label: "Termin und Thema", width: width - 64 - 72 - 56 },
    { label: "Stunden", width: 56 },
  ];
  const pages: PDFPage[] = [];
  const addPage = () => {
    const page = doc.addPage(A4);
    pages.push(page);
    text(page, fonts.bold, 10, data.networkName, MARGIN, A4[1] - MARGIN - 10, MUTED);
    drawLogo(page, logo, A4[0] - MARGIN, A4[1] - MARGIN + 10, 40, 160);
    return { page, y: A4[1] - MARGIN - 40 };
  };
  let { page, y } = addPage();

  text(page, fonts.bold, 22, "Teilnahmebescheinigung", MARGIN, y - 20);
  y -= 60;
  text(page, fonts.regular, 11, "Hiermit wird bestätigt, dass", MARGIN, y);
  y -= 26;
  for (const line of clampLines(fonts.bold, 16, data.participantName, width, 2)) {
    text(page, fonts.bold, 16, line, MARGIN, y);
    y -= 19;
  }
  const of = [data.participantFunction, data.institutionName].filter(Boolean).join(", ");
  for (const line of clampLines(fonts.regular, 11, of, width, 2)) {
    text(page, fonts.regular, 11, line, MARGIN, y);
    y -= 14;
  }
  y -= 10;
  const intro =
    sessions.length === 1
      ? `an der Veranstaltung „${data.eventTitle}“ am folgenden Termin teilgenommen hat:`
      : `an der Veranstaltung „${data.eventTitle}“ an den folgenden ${sessions.length} Terminen teilgenommen hat:`;
  for (const line of wrap(fonts.regular, 11, intro, width)) {
    text(page, fonts.regular, 11, line, MARGIN, y);
    y -= 14;
  }
  y -= 10;

  const head = () => {
    page.drawRectangle({ x: MARGIN, y: y - 18, width, height: 18, color: SHADE });
    let x = MARGIN;
    for (const col of cols) {
      if (col.label === "Stunden") rightText(page, fonts.bold, 9, col.label, x + col.width - 4, y - 12.5);
      else text(page, fonts.bold, 9, col.label, x + 4, y - 12.5);
      x += col.width;
    }
    y -= 18;
  };
  head();
  const FOOT_ROOM = MARGIN + 150;
  for (const s of sessions) {
    const titleLines = clampLines(fonts.bold, 9, s.title, cols[2].width - 8, 2);
    const topicLines = clampLines(fonts.regular, 8.5, s.topic, cols[2].width - 8, 4);
    const height = 8 + titleLines.length * 11 + topicLines.length * 10.5 + 4;
    if (y - height < FOOT_ROOM) {
      ({ page, y } = addPage());
      head();
    }
    const top = y - 12.5;
    text(page, fonts.regular, 9, berlinDate(s.startsAt), MARGIN + 4, top);
    text(
      page,
      fonts.regular,
      9,
      `${berlinClock(s.startsAt)}–${berlinClock(s.endsAt)} Uhr`,
      MARGIN + cols[0].width + 4,
      top,
    );
    const tx = MARGIN + cols[0].width + cols[1].width + 4;
    let ly = top;
    for (const line of titleLines) {
      text(page, fonts.bold, 9, line, tx, ly);
      ly -= 11;
    }
    for (const line of topicLines) {
      text(page, fonts.regular, 8.5, line, tx, ly, MUTED);
      ly -= 10.5;
    }
    rightText(page, fonts.regular, 9, hoursText(s.endsAt.getTime() - s.startsAt.getTime()), A4[0] - MARGIN - 4, top);
    y -= height;
    page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 0.5, color: RULE });
  }
  if (y - 120 < MARGIN + 20) ({ page, y } = addPage());
  y -= 16;
  const total = `Insgesamt: ${hoursText(totalMs)} Stunden an ${sessions.length} ${sessions.length === 1 ? "Termin" : "Terminen"}`;
  rightText(page, fonts.bold, 10, total, A4[0] - MARGIN - 4, y);
  y -= 34;
  text(page, fonts.regular, 10, "Veranstalter:", MARGIN, y);
  text(page, fonts.bold, 10, data.networkName, MARGIN + 70, y);
  y -= 50;
  const issued = `${data.place ? `${data.place}, ` : ""}den ${berlinDate(data.issuedAt)}`;
  text(page, fonts.regular, 10, issued, MARGIN, y);
  const sigX = A4[0] - MARGIN - 200;
  page.drawLine({ start: { x: sigX, y: y - 4 }, end: { x: A4[0] - MARGIN, y: y - 4 }, thickness: 0.6, color: INK });
  text(page, fonts.regular, 8, "Ort, Datum", MARGIN, y - 14, MUTED);
  text(page, fonts.regular, 8, "Netzwerkkoordination (Unterschrift, Stempel)", sigX, y - 14, MUTED);

  pages.forEach((pg, i) => {
    footer(pg, fonts, `${data.networkName} · Teilnahmebescheinigung ${data.eventTitle}`, i, pages.length);
  });
}
