// The answer to a person's access request (Art. 15 DSGVO) as a letter an organiser can send
// or print: the same content as the JSON document the organiser gets (db/personal-data.ts),
// in plain German. Nothing is added that the JSON does not hold, so the two never disagree.

import type { PDFFont, PDFPage } from "pdf-lib";
import type { PersonalData } from "../db/personal-data";
import { saveInTurn } from "./pdf-fonts";
import {
  A4,
  berlinClock,
  berlinDate,
  drawLogo,
  embedLogo,
  footer,
  hRule,
  INK,
  lines,
  MARGIN,
  MUTED,
  newDocument,
  text,
  wrap,
} from "./pdf-layout";

export type AccessLetterData = {
  data: PersonalData;
  /** The network's logo if it is a PNG. */
  logoPng?: Uint8Array | null;
  /** The organiser who signs the network's documents; empty: the coordination without a name. */
  signerName?: string;
};

const STATUS = { confirmed: "bestätigt", waitlisted: "auf der Warteliste", cancelled: "storniert" } as const;
const KIND = { present: "anwesend", excused: "entschuldigt" } as const;
const METHOD = { qr: "per QR-Code", list: "per Liste", walk_in: "ohne Anmeldung vor Ort" } as const;
const MAIL_STATUS: Record<string, string> = {
  pending: "noch nicht versandt",
  sent: "versandt",
  failed: "Versand fehlgeschlagen, wird wiederholt",
  dead: "nicht zustellbar",
};

const at = (iso: string) => {
  const d = new Date(iso);
  return `${berlinDate(d)}, ${berlinClock(d)} Uhr`;
};
const day = (iso: string) => berlinDate(new Date(iso));
const months = (n: number) => `${n} ${n === 1 ? "Monat" : "Monate"}`;

const WIDTH = A4[0] - 2 * MARGIN;
const BOTTOM = MARGIN + 24;

export async function accessLetterPdf({ data, logoPng, signerName }: AccessLetterData): Promise<Uint8Array> {
  const now = new Date(data.generatedAt);
  const network = data.controller.network;
  const { doc, fonts } = await newDocument(
    "Auskunft nach Art. 15 DSGVO",
    network,
    `Auskunft über gespeicherte Daten zu ${data.email}`,
    now,
  );
  const logo = await embedLogo(doc, logoPng);
  const pages: PDFPage[] = [];
  let page: PDFPage;
  let y = 0;
  const addPage = () => {
    page = doc.addPage(A4);
    pages.push(page);
    const logoWidth = drawLogo(page, logo, A4[0] - MARGIN, A4[1] - MARGIN + 10, 44, 170);
    const room = WIDTH - (logoWidth ? logoWidth + 16 : 0);
    y = lines(page, fonts.bold, 10, network, MARGIN, A4[1] - MARGIN - 10, room, 12.5, MUTED);
    y = Math.min(y + 12.5, A4[1] - MARGIN - 10) - 34;
  };
  /** Wrapped text from the cursor down, on a new page when it does not fit. */
  const para = (value: string, o: { font?: PDFFont; size?: number; color?: typeof INK; indent?: number } = {}) => {
    const font = o.font ?? fonts.regular;
    const size = o.size ?? 10;
    const leading = size * 1.35;
    const x = MARGIN + (o.indent ?? 0);
    for (const line of wrap(font, size, value, WIDTH - (o.indent ?? 0))) {
      if (y - leading < BOTTOM) addPage();
      text(page, font, size, line, x, y, o.color ?? INK);
      y -= leading;
    }
  };
  const gap = (points: number) => {
    y -= points;
  };
  const heading = (value: string) => {
    if (y - 60 < BOTTOM) addPage();
    gap(10);
    para(value, { font: fonts.bold, size: 12 });
    hRule(page, y + 8);
    gap(4);
  };
  const fact = (label: string, value: string, indent = 0) => {
    if (value) para(`${label}: ${value}`, { indent });
  };

  addPage();
  const person = data.registrations.find((r) => r.name)?.name ?? "";
  para(person || data.email, { font: fonts.bold });
  if (person) para(data.email);
  gap(18);
  para(berlinDate(now), { color: MUTED });
  gap(14);
  para("Auskunft nach Art. 15 DSGVO", { font: fonts.bold, size: 16 });
  gap(6);
  para(person ? `Guten Tag ${person},` : "Guten Tag,");
  gap(4);
  para(
    `Sie haben gefragt, welche Daten ${network || "das Netzwerk"} in NetzWerkstatt zu Ihrer E-Mail-Adresse ` +
      `${data.email} gespeichert hat. Das ist der Stand vom ${at(data.generatedAt)}.`,
  );
  const nothing = data.registrations.length === 0 && data.mails.length === 0;
  if (nothing) {
    gap(6);
    para("Zu dieser E-Mail-Adresse sind keine Daten gespeichert: keine Anmeldungen und keine E-Mails.", {
      font: fonts.bold,
    });
  }

  if (data.registrations.length > 0) {
    heading("Ihre Anmeldungen");
    for (const r of data.registrations) {
      if (y - 80 < BOTTOM) addPage();
      gap(4);
      para(r.event.title, { font: fonts.bold, size: 10.5 });
      const dates = r.event.sessions.map(
        (s) =>
          `${day(s.startsAt)}, ${berlinClock(new Date(s.startsAt))}–${berlinClock(new Date(s.endsAt))} Uhr${s.title ? ` (${s.title})` : ""}`,
      );
      fact("Termine", dates.join("; "), 10);
      fact("Status", STATUS[r.status], 10);
      fact("Name", r.name, 10);
      fact("E-Mail", r.email, 10);
      fact("Einrichtung", r.institution.name, 10);
      fact("Funktion", r.function, 10);
      fact("Forum", r.track?.title ?? "", 10);
      fact("Bedarf an Barrierefreiheit", r.accessibilityNeeds, 10);
      fact("Angemeldet am", at(r.requestedAt), 10);
      fact("Bestätigt am", r.confirmedAt ? at(r.confirmedAt) : "", 10);
      fact("Storniert am", r.cancelledAt ? at(r.cancelledAt) : "", 10);
      fact("Platz angeboten bis", r.offeredUntil ? at(r.offeredUntil) : "", 10);
      fact("Datenschutzhinweis bestätigt am", r.privacyAcknowledgedAt ? at(r.privacyAcknowledgedAt) : "", 10);
      if (r.isWalkIn) para("Ohne vorherige Anmeldung vor Ort aufgenommen.", { indent: 10 });
      if (r.registeredByAccount) para("Von einer angemeldeten Person für Sie eingetragen.", { indent: 10 });
      if (r.history.length > 0) {
        para(
          `Verlauf: ${r.history.length} ${r.history.length === 1 ? "Eintrag" : "Einträge"}, zuletzt am ${at(r.history[r.history.length - 1].at)}`,
          { indent: 10, color: MUTED },
        );
      }
      para(
        r.attendance.length === 0
          ? "Anwesenheit: nichts erfasst."
          : `Anwesenheit: ${r.attendance
              .map(
                (a) =>
                  `${a.sessionTitle || "Termin"} – ${KIND[a.kind]}${a.method ? ` ${METHOD[a.method]}` : ""} (${at(a.at)})`,
              )
              .join("; ")}`,
        { indent: 10 },
      );
    }
  }

  // The organiser's JSON holds no feedback facts (db/personal-data.ts); the letter says so to the person.
  if (data.registrations.length > 0) {
    heading("Rückmeldebögen");
    para(
      "Ob Sie einen Rückmeldebogen beantwortet haben und welche Links zu Rückmeldebögen Ihnen geschickt wurden, " +
        "erfährt die Netzwerkkoordination nicht: Das sehen nur Sie selbst, in der Datenauskunft auf Ihrer " +
        "persönlichen Seite. Ihre Antworten sind anonym und ohne Verbindung zu Ihrer Person gespeichert.",
    );
  }

  if (data.mails.length > 0) {
    heading("E-Mails an Sie");
    para("Links in den E-Mails sind unkenntlich gemacht.", { color: MUTED, size: 9 });
    for (const m of data.mails) {
      if (y - 60 < BOTTOM) addPage();
      gap(4);
      para(m.subject, { font: fonts.bold, size: 10 });
      const state = MAIL_STATUS[m.status] ?? m.status;
      para(`Erstellt am ${at(m.createdAt)} · ${m.sentAt ? `versandt am ${at(m.sentAt)}` : state}`, {
        indent: 10,
        size: 9,
        color: MUTED,
      });
      for (const paragraph of m.text.split(/\n\s*\n/)) para(paragraph, { indent: 10, size: 8.5 });
    }
  }

  heading("Zweck, Rechtsgrundlage und Speicherdauer");
  if (data.registrations.length === 0) para("Da keine Anmeldungen gespeichert sind, entfällt diese Angabe.");
  for (const r of data.registrations) {
    para(r.event.title, { font: fonts.bold });
    fact("Rechtsgrundlage", r.event.legalBasis || "siehe Datenschutzhinweise", 10);
    para(
      `Speicherdauer: ${months(r.event.retentionMonths)} nach dem letzten Termin` +
        (r.event.erasureDueAt ? `, die Löschung ist fällig am ${day(r.event.erasureDueAt)}.` : "."),
      { indent: 10 },
    );
  }

  heading("Verantwortlich und Kontakt");
  para(
    `Verantwortlich ist ${network || "das Netzwerk"}, vertreten durch die Netzwerkkoordination${signerName ? ` (${signerName})` : ""}.`,
  );
  para("Für Fragen, Berichtigung oder Löschung wenden Sie sich bitte an die Netzwerkkoordination.");
  if (data.controller.privacyNotice) {
    gap(4);
    para("Datenschutzhinweise des Netzwerks:", { font: fonts.bold, size: 9.5 });
    for (const paragraph of data.controller.privacyNotice.split(/\n\s*\n/)) para(paragraph, { size: 9 });
  }
  gap(16);
  para("Mit freundlichen Grüßen");
  gap(4);
  if (signerName) para(signerName, { font: fonts.bold });
  para(`Netzwerkkoordination, ${network}`, { color: MUTED, size: 9 });

  pages.forEach((pg, i) => {
    footer(pg, fonts, `${network} · Auskunft nach Art. 15 DSGVO · ${data.email}`, i, pages.length);
  });
  return saveInTurn(doc);
}
