// Printable documents (A4 PDF) built with pdf-lib from plain data, so that any route
// (the organiser's exports, later the participant's page) can produce them: the sign-in
// sheet of a session and certificates of attendance. Drawing helpers: lib/pdf-layout.ts.
import type { PDFDocument, PDFImage, PDFPage } from "pdf-lib";
import { type Fonts, saveInTurn } from "./pdf-fonts";
import {
  A4,
  berlinClock,
  berlinDate,
  type Column,
  drawLogo,
  drawTableHead,
  drawTableRow,
  embedLogo,
  footer,
  hoursText,
  hRule,
  INK,
  lines,
  listHeader,
  MARGIN,
  MUTED,
  newDocument,
  RULE,
  rightText,
  tableRow,
  text,
  withLine,
  wrap,
} from "./pdf-layout";
import { formatEventDates } from "./time";

export { berlinClock, berlinDate, hoursText } from "./pdf-layout";

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

/**
 * Rows of the table on a page while every entry fits on two lines; an entry that needs more
 * takes a taller row. The last page is filled up with empty rows for walk-ins.
 */
export const SIGN_IN_ROWS_PER_PAGE = 22;
const ROW = 25;
const COLUMNS: Column[] = [
  { label: "Nr.", width: 22, align: "right" },
  { label: "Name", width: 114, bold: true },
  { label: "Einrichtung", width: 170 },
  { label: "Funktion", width: 82 },
  { label: "Unterschrift", width: 0 },
];
COLUMNS[4].width = A4[0] - 2 * MARGIN - COLUMNS.slice(0, 4).reduce((a, c) => a + c.width, 0);
/** Where the table ends on every page: 22 rows below the head, whatever the header took. */
const TABLE_TOP = A4[1] - MARGIN - 128;
const TABLE_BOTTOM = TABLE_TOP - 18 - SIGN_IN_ROWS_PER_PAGE * ROW;

export async function signInSheetPdf(data: SignInSheetData): Promise<Uint8Array> {
  const { doc, fonts } = await newDocument(
    `Unterschriftenliste – ${data.eventTitle}`,
    data.networkName,
    [data.sessionTitle, formatEventDates([data], "de")].filter(Boolean).join(", "),
    data.generatedAt,
  );
  const width = A4[0] - 2 * MARGIN;
  const when = formatEventDates([data], "de");
  const venue = [data.venueName, data.venueAddress].filter(Boolean).join(", ");
  const session = [data.sessionTitle, data.sessionTopic].filter(Boolean).join(" – ");
  const logo = await embedLogo(doc, data.logoPng);

  const header = (page: PDFPage) => {
    let y = listHeader(page, fonts, "Unterschriftenliste", data.networkName, logo);
    y = lines(page, fonts.bold, 15, data.eventTitle, MARGIN, y, width, 18.5);
    y = lines(page, fonts.regular, 10, session, MARGIN, y + 2, width, 13);
    y -= 3;
    text(page, fonts.bold, 9.5, "Termin", MARGIN, y);
    text(page, fonts.regular, 9.5, when, MARGIN + 48, y);
    y -= 13;
    if (venue) {
      text(page, fonts.bold, 9.5, "Ort", MARGIN, y);
      y = lines(page, fonts.regular, 9.5, venue, MARGIN + 48, y, width - 48, 13);
    }
    // The table starts at the same height on every page unless a long title pushed it down.
    return Math.min(y - 8, TABLE_TOP);
  };

  // Rows laid out first, then dealt to pages by height.
  const rows = data.participants.map((person, i) =>
    withLine(
      tableRow(fonts, COLUMNS, [String(i + 1), person.name, person.institution, person.function], ROW),
      1,
      // The ticket code under the name, for checking in from this sheet at the door.
      person.ticketCode,
    ),
  );
  let page = doc.addPage(A4);
  const tableTop = header(page);
  const room = tableTop - 18 - TABLE_BOTTOM;
  const pages: (typeof rows)[] = [[]];
  let used = 0;
  for (const row of rows) {
    if (used + row.height > room && pages[pages.length - 1].length > 0) {
      pages.push([]);
      used = 0;
    }
    pages[pages.length - 1].push(row);
    used += row.height;
  }

  pages.forEach((pageRows, p) => {
    if (p > 0) {
      page = doc.addPage(A4);
      header(page);
    }
    const top = tableTop;
    let y = top - drawTableHead(page, fonts, COLUMNS, top);
    for (const row of pageRows) {
      drawTableRow(page, fonts, COLUMNS, row, y);
      y -= row.height;
      hRule(page, y);
    }
    if (p === pages.length - 1) {
      while (y - ROW >= TABLE_BOTTOM - 0.01) {
        y -= ROW;
        hRule(page, y);
      }
    }
    // Column rules and frame
    let x = MARGIN;
    for (const col of [{ width: 0 }, ...COLUMNS]) {
      x += col.width;
      page.drawLine({ start: { x, y: top }, end: { x, y }, thickness: 0.5, color: RULE });
    }
    hRule(page, top);
    text(
      page,
      fonts.regular,
      7.5,
      `Stand: ${berlinDate(data.generatedAt)}, ${berlinClock(data.generatedAt)} Uhr · Mit der Unterschrift wird die Anwesenheit bestätigt.`,
      MARGIN,
      y - 12,
      MUTED,
    );
    footer(page, fonts, `${data.networkName} · Unterschriftenliste ${data.eventTitle}`, p, pages.length);
  });
  return saveInTurn(doc);
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
  /** The organiser who signs, printed under the signature line; empty: the line only. */
  signerName?: string;
  /** Sessions attended (present), any order. */
  sessions: { title: string; topic: string; startsAt: Date; endsAt: Date }[];
  /** "Bad Kreuznach": where the certificate is issued. */
  place: string;
  issuedAt: Date;
};

/** The city of a German address ("Kurhausstraße 6, 55543 Bad Kreuznach" → "Bad Kreuznach"), else "". */
export const cityOf = (address: string) => /\b\d{5}\s+([^,]+)\s*$/.exec(address.trim())?.[1]?.trim() ?? "";

/** What the signing organiser is, under their name. */
const SIGNER_FUNCTION = "Netzwerkkoordination";

export async function certificatePdf(data: CertificateData): Promise<Uint8Array> {
  const { doc, fonts } = await newDocument(
    `Teilnahmebescheinigung – ${data.eventTitle}`,
    data.networkName,
    `Teilnahmebescheinigung für ${data.participantName}`,
    data.issuedAt,
  );
  drawCertificate(doc, fonts, data, await embedLogo(doc, data.logoPng));
  return saveInTurn(doc);
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
  return saveInTurn(doc);
}

function drawCertificate(doc: PDFDocument, fonts: Fonts, data: CertificateData, logo: PDFImage | null) {
  const sessions = [...data.sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const totalMs = sessions.reduce((sum, s) => sum + (s.endsAt.getTime() - s.startsAt.getTime()), 0);
  const width = A4[0] - 2 * MARGIN;
  const cols: Column[] = [
    { label: "Datum", width: 66 },
    { label: "Zeit", width: 82 },
    { label: "Termin und Thema", width: width - 66 - 82 - 58 },
    { label: "Stunden", width: 58, align: "right" },
  ];
  const pages: PDFPage[] = [];
  const addPage = () => {
    const page = doc.addPage(A4);
    pages.push(page);
    const logoWidth = drawLogo(page, logo, A4[0] - MARGIN, A4[1] - MARGIN + 10, 44, 170);
    const y = lines(
      page,
      fonts.bold,
      10,
      data.networkName,
      MARGIN,
      A4[1] - MARGIN - 10,
      width - (logoWidth ? logoWidth + 16 : 0),
      12.5,
      MUTED,
    );
    return { page, y: Math.min(y + 12.5, A4[1] - MARGIN - 10) - 34 };
  };
  let { page, y } = addPage();

  text(page, fonts.bold, 22, "Teilnahmebescheinigung", MARGIN, y - 18);
  page.drawLine({ start: { x: MARGIN, y: y - 30 }, end: { x: MARGIN + 60, y: y - 30 }, thickness: 2, color: INK });
  y -= 62;
  text(page, fonts.regular, 10.5, "Hiermit wird bestätigt, dass", MARGIN, y);
  y = lines(page, fonts.bold, 16, data.participantName, MARGIN, y - 27, width, 19.5) - 2;
  const of = [data.participantFunction, data.institutionName].filter(Boolean).join(", ");
  y = lines(page, fonts.regular, 10.5, of, MARGIN, y, width, 14);
  y -= 10;
  const intro =
    sessions.length === 1
      ? `an der Veranstaltung „${data.eventTitle}“ am folgenden Termin teilgenommen hat:`
      : `an der Veranstaltung „${data.eventTitle}“ an den folgenden ${sessions.length} Terminen teilgenommen hat:`;
  y = lines(page, fonts.regular, 10.5, intro, MARGIN, y, width, 14);
  y -= 8;

  const head = () => {
    y -= drawTableHead(page, fonts, cols, y);
  };
  head();
  const FOOT_ROOM = MARGIN + 150;
  const topicWidth = cols[2].width - 8;
  for (const s of sessions) {
    const titleLines = wrap(fonts.bold, 9, s.title, topicWidth);
    const topicLines = wrap(fonts.regular, 8.5, s.topic, topicWidth);
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
    hRule(page, y);
  }
  if (y - 150 < MARGIN + 20) ({ page, y } = addPage());
  y -= 16;
  const total = `Insgesamt: ${hoursText(totalMs)} Stunden an ${sessions.length} ${sessions.length === 1 ? "Termin" : "Terminen"}`;
  rightText(page, fonts.bold, 9.5, total, A4[0] - MARGIN - 4, y);
  y -= 30;
  text(page, fonts.regular, 9.5, "Veranstalter", MARGIN, y, MUTED);
  y = lines(page, fonts.bold, 9.5, data.networkName, MARGIN + 70, y, width - 70, 12.5);

  // Place and date on the left, the organiser's signature on the right, the names under the lines.
  y -= 60;
  const sigX = A4[0] - MARGIN - 210;
  const issued = `${data.place ? `${data.place}, ` : ""}den ${berlinDate(data.issuedAt)}`;
  text(page, fonts.regular, 9.5, issued, MARGIN, y);
  page.drawLine({ start: { x: MARGIN, y: y - 5 }, end: { x: MARGIN + 190, y: y - 5 }, thickness: 0.6, color: INK });
  page.drawLine({ start: { x: sigX, y: y - 5 }, end: { x: A4[0] - MARGIN, y: y - 5 }, thickness: 0.6, color: INK });
  text(page, fonts.regular, 7.5, "Ort, Datum", MARGIN, y - 15, MUTED);
  let sy = y - 17;
  if (data.signerName) sy = lines(page, fonts.bold, 9, data.signerName, sigX, sy, 210, 11.5) + 1.5;
  else sy += 2;
  lines(page, fonts.regular, 7.5, `${SIGNER_FUNCTION}, ${data.networkName}`, sigX, sy, 210, 9.5, MUTED);

  pages.forEach((pg, i) => {
    footer(pg, fonts, `${data.networkName} · Teilnahmebescheinigung ${data.eventTitle}`, i, pages.length);
  });
}
