// Problems of messages to an event's audiences, in German and English (see messages.ts).
import type { ProblemEntries } from "./messages";

export const communicationProblems = {
  message_unknown_placeholder: {
    status: 422,
    de: {
      title: "Unbekannter Platzhalter",
      detail:
        "Betreff oder Text enthält einen Platzhalter, den es nicht gibt. Möglich sind {Name}, {Veranstaltung}, {Termine}, {Ort} und {Link}.",
    },
    en: {
      title: "Unknown placeholder",
      detail:
        "The subject or text contains a placeholder that does not exist. Possible are {name}, {event}, {dates}, {venue} and {link}.",
    },
  },
  message_no_recipients: {
    status: 422,
    de: {
      title: "Niemand in dieser Auswahl",
      detail: "Zu dieser Auswahl gehört im Moment niemand. Die Nachricht wurde nicht gesendet.",
    },
    en: { title: "Nobody in this audience", detail: "Nobody belongs to this audience right now. Nothing was sent." },
  },
  message_institution_required: {
    status: 422,
    de: {
      title: "Einrichtung fehlt",
      detail: "Als Ansprechperson schreiben Sie an die Angemeldeten Ihrer Einrichtung: Bitte wählen Sie sie aus.",
    },
    en: {
      title: "Institution missing",
      detail: "As a contact you write to your own institution's registrants: please choose the institution.",
    },
  },
  message_audience_forbidden: {
    status: 403,
    de: {
      title: "Diese Empfänger_innen sind nicht möglich",
      detail: "Ansprechpersonen schreiben nur an die Angemeldeten der eigenen Einrichtung.",
    },
    en: { title: "Audience not allowed", detail: "Contacts write only to the registrants of their own institution." },
  },
  message_audience_unknown: {
    status: 422,
    de: {
      title: "Auswahl passt nicht zur Veranstaltung",
      detail: "Der gewählte Termin, das Forum oder die Einrichtung gehört nicht zu dieser Veranstaltung.",
    },
    en: {
      title: "Audience does not fit the event",
      detail: "The session, track or institution chosen does not belong to this event.",
    },
  },
} satisfies ProblemEntries;
