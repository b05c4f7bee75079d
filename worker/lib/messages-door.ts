// Problems of attendance, check-in and documents, in German and English (see messages.ts).
import type { ProblemEntries } from "./messages";

export const doorProblems = {
  // Attendance
  event_session_not_found: {
    status: 404,
    de: { title: "Termin nicht gefunden", detail: "Es gibt keinen Termin mit dieser Kennung." },
    en: { title: "Session not found", detail: "There is no session of an event with this id." },
  },
  not_checkable: {
    status: 409,
    de: {
      title: "Einchecken nicht möglich",
      detail:
        "Nur bestätigte Anmeldungen dieser Veranstaltung können eingecheckt oder entschuldigt werden; wer schon anwesend ist, kann nicht entschuldigt werden.",
    },
    en: {
      title: "Check-in not possible",
      detail:
        "Only confirmed registrations of this event can be checked in or excused; someone already present cannot be excused.",
    },
  },
  attendance_not_found: {
    status: 404,
    de: { title: "Keine Anwesenheit erfasst", detail: "Für diese Person ist bei diesem Termin nichts erfasst." },
    en: { title: "No attendance recorded", detail: "Nothing is recorded for this person at this session." },
  },
  // Documents
  check_in_outside_window: {
    status: 409,
    de: {
      title: "Einlass nicht geöffnet",
      detail:
        "Eingecheckt wird nur, während der Termin stattfindet: ab zwei Stunden vor Beginn (je Veranstaltung einstellbar) bis zum Ende seines Tages. Wer trotzdem einchecken muss, bestätigt das ausdrücklich; es wird protokolliert.",
    },
    en: {
      title: "Check-in not open",
      detail:
        "Check-in is open only while the session takes place: from two hours before it starts (adjustable per event) to the end of its day. To check in all the same, confirm it explicitly; this is recorded.",
    },
  },
  no_attendance: {
    status: 409,
    de: {
      title: "Keine Teilnahme erfasst",
      detail: "Für diese Anmeldung ist noch an keinem Termin eine Anwesenheit erfasst, es gibt nichts zu bescheinigen.",
    },
    en: {
      title: "No attendance recorded",
      detail: "This registration has no recorded attendance at any session yet, so there is nothing to certify.",
    },
  },
} satisfies ProblemEntries;
