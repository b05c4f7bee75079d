// The participant list of an event as a printable A4 PDF: the same people and order as
// participants.csv, with the columns that fit on paper (no e-mail addresses).

import type { PDFPage } from "pdf-lib";
import { saveInTurn } from "./pdf-fonts";
import {
  A4,
  berlinClock,
  berlinDate,
  type Column,
  drawTableHead,
  drawTableRow,
  embedLogo,
  footer,
  hRule,
  lines,
  listHeader,
  MARGIN,
  MUTED,
  newDocument,
  RULE,
  tableRow,
  text,
} from "./pdf-layout";

export type ParticipantListData = {
  eventTitle: string;
  venueName: string;
  venueAddress: string;
  networkName: string;
  /** The network's logo if it is a PNG. */
  logoPng?: Uint8Array | null;
  /** In the order to print (the caller sorts), the status in German. */
  participants: { name: string; institution: string; function: string; track: string; status: string }[];
  /** "42 bestätigt, 3 auf der Warteliste" */
  summary: string;
  generatedAt: Date;
};

const ROW = 22;
const FOOT_ROOM = MARGIN + 30;

export async function participantListPdf(data: ParticipantListData): Promise<Uint8Array> {
  const { doc, fonts } = await newDocument(
    `Teilnehmendenliste – ${data.eventTitle}`,
    data.networkName,
    data.summary,
    data.generatedAt,
  );
  const logo = await embedLogo(doc, data.logoPng);
  const width = A4[0] - 2 * MARGIN;
  const withTracks = data.participants.some((p) => p.track);
  const columns: Column[] = [
    { label: "Nr.", width: 26, align: "right" },
    { label: "Name", width: 120, bold: true },
    { label: "Einrichtung", width: withTracks ? 150 : 200 },
    { label: "Funktion", width: 104 },
    ...(withTracks ? [{ label: "Forum", width: 76 }] : []),
    { label: "Status", width: 0 },
  ];
  columns[columns.length - 1].width = width - columns.reduce((a, c) => a + c.width, 0);
  const venue = [data.venueName, data.venueAddress].filter(Boolean).join(", ");

  const pages: PDFPage[] = [];
  const addPage = () => {
    const page = doc.addPage(A4);
    pages.push(page);
    let y = listHeader(page, fonts, "Teilnehmendenliste", data.networkName, logo);
    y = lines(page, fonts.bold, 15, data.eventTitle, MARGIN, y, width, 18.5);
    if (venue) y = lines(page, fonts.regular, 9.5, venue, MARGIN, y + 2, width, 13);
    text(
      page,
      fonts.regular,
      9.5,
      `${data.summary} · Stand: ${berlinDate(data.generatedAt)}, ${berlinClock(data.generatedAt)} Uhr`,
      MARGIN,
      y - 1,
      MUTED,
    );
    y -= 16;
    return { page, top: y, y: y - drawTableHead(page, fonts, columns, y) };
  };
  // Column rules from the head down to the last row of the page.
  const closeTable = (page: PDFPage, top: number, bottom: number) => {
    let x = MARGIN;
    for (const col of [{ width: 0 }, ...columns]) {
      x += col.width;
      page.drawLine({ start: { x, y: top }, end: { x, y: bottom }, thickness: 0.5, color: RULE });
    }
    hRule(page, top);
  };

  let { page, top, y } = addPage();
  data.participants.forEach((person, i) => {
    const row = tableRow(
      fonts,
      columns,
      [
        String(i + 1),
        person.name,
        person.institution,
        person.function,
        ...(withTracks ? [person.track] : []),
        person.status,
      ],
      ROW,
    );
    if (y - row.height < FOOT_ROOM) {
      closeTable(page, top, y);
      ({ page, top, y } = addPage());
    }
    drawTableRow(page, fonts, columns, row, y);
    y -= row.height;
    hRule(page, y);
  });
  closeTable(page, top, y);
  if (data.participants.length === 0) text(page, fonts.regular, 9.5, "Noch keine Anmeldungen.", MARGIN, y - 16, MUTED);
  pages.forEach((pg, i) => {
    footer(pg, fonts, `${data.networkName} · Teilnehmendenliste ${data.eventTitle}`, i, pages.length);
  });
  return saveInTurn(doc);
}
