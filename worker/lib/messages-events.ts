// Problems of events, registrations and the allocation, in German and English (see messages.ts).
import type { ProblemEntries } from "./messages";

export const eventProblems = {
  // Events and registrations
  event_not_draft: {
    status: 409,
    de: {
      title: "Veranstaltung schon veröffentlicht",
      detail:
        "Nur ein Entwurf kann veröffentlicht werden. Diese Veranstaltung ist bereits veröffentlicht oder abgesagt.",
    },
    en: {
      title: "Event already published",
      detail: "Only a draft can be published. This event has already been published or cancelled.",
    },
  },
  places_below_held: {
    status: 409,
    de: {
      title: "Weniger Plätze als schon vergeben",
      detail:
        "Die Kapazität, ein Forum oder ein Kontingent läge unter den Plätzen, die schon bestätigt oder angeboten sind. Nichts wurde geändert. Wer bewusst überbuchen will, bestätigt das ausdrücklich; das wird protokolliert.",
    },
    en: {
      title: "Fewer places than already held",
      detail:
        "The capacity, a track or a quota would fall below the places already confirmed or offered. Nothing was changed. To overbook knowingly, confirm it explicitly; this is recorded in the audit log.",
    },
  },
  event_has_registrations: {
    status: 409,
    de: {
      title: "Änderung nicht möglich",
      detail:
        "Termine, Foren oder eingeladene Einrichtungen mit Anmeldungen, Anwesenheiten oder Rückmeldebögen können nicht entfernt werden.",
    },
    en: {
      title: "Change not possible",
      detail:
        "Sessions, tracks or invited institutions that have registrations, attendances or feedback forms cannot be removed.",
    },
  },
  event_not_found: {
    status: 404,
    de: { title: "Veranstaltung nicht gefunden", detail: "Es gibt keine Veranstaltung mit dieser Kennung." },
    en: { title: "Event not found", detail: "There is no event with this id." },
  },
  registration_not_found: {
    status: 404,
    de: { title: "Anmeldung nicht gefunden", detail: "Es gibt keine Anmeldung mit dieser Kennung." },
    en: { title: "Registration not found", detail: "There is no registration with this id." },
  },
  event_cancelled: {
    status: 409,
    de: { title: "Veranstaltung abgesagt", detail: "Diese Veranstaltung wurde abgesagt." },
    en: { title: "Event cancelled", detail: "This event has been cancelled." },
  },
  registration_not_open: {
    status: 409,
    de: {
      title: "Anmeldung noch nicht geöffnet",
      detail: "Die Anmeldung zu dieser Veranstaltung ist noch nicht geöffnet.",
    },
    en: { title: "Registration not open yet", detail: "Registration for this event has not opened yet." },
  },
  registration_closed: {
    status: 409,
    de: { title: "Anmeldung geschlossen", detail: "Die Anmeldefrist für diese Veranstaltung ist abgelaufen." },
    en: { title: "Registration closed", detail: "Registration for this event has closed." },
  },
  institution_not_invited: {
    status: 409,
    de: {
      title: "Einrichtung nicht eingeladen",
      detail: "Diese Einrichtung ist zu dieser Veranstaltung nicht eingeladen.",
    },
    en: { title: "Institution not invited", detail: "This institution is not invited to this event." },
  },
  ticket_code_invalid: {
    status: 422,
    de: {
      title: "Ticketcode ungültig",
      detail:
        "Dieser Code ist vertippt: ein Zeichen fehlt, ist zu viel oder stimmt nicht. Bitte prüfen Sie den Code auf dem Ticket.",
    },
    en: {
      title: "Invalid ticket code",
      detail: "This code has a typo: a character is missing, extra or wrong. Please check the code on the ticket.",
    },
  },
  track_not_found: {
    status: 422,
    de: { title: "Forum nicht gefunden", detail: "Dieses Forum gehört nicht zu der Veranstaltung." },
    en: { title: "Track not found", detail: "This track does not belong to the event." },
  },
  track_full: {
    status: 409,
    de: { title: "Forum ausgebucht", detail: "In diesem Forum ist kein Platz mehr frei." },
    en: { title: "Track full", detail: "This track has no free place left." },
  },
  already_registered: {
    status: 409,
    de: { title: "Bereits angemeldet", detail: "Diese Person ist zu dieser Veranstaltung bereits angemeldet." },
    en: { title: "Already registered", detail: "This person already holds a registration for this event." },
  },
  idempotency_key_reused: {
    status: 422,
    de: {
      title: "Idempotency-Key schon verwendet",
      detail: "Dieser Idempotency-Key gehört zu einer anderen Anmeldung. Bitte einen neuen Schlüssel verwenden.",
    },
    en: {
      title: "Idempotency key reused",
      detail: "This Idempotency-Key belongs to a different registration. Please use a new key.",
    },
  },
  registration_state_conflict: {
    status: 409,
    de: {
      title: "Nicht möglich",
      detail: "Die Anmeldung hat sich inzwischen geändert. Bitte laden Sie die Seite neu.",
    },
    en: { title: "Not possible", detail: "The registration has changed in the meantime. Please reload the page." },
  },
  event_over: {
    status: 409,
    de: {
      title: "Veranstaltung vorbei",
      detail: "Die Veranstaltung hat schon stattgefunden. Eine Anmeldung lässt sich danach nicht mehr absagen.",
    },
    en: {
      title: "Event over",
      detail: "The event has already taken place. A registration can no longer be cancelled afterwards.",
    },
  },
  no_open_offer: {
    status: 409,
    de: {
      title: "Kein offenes Platzangebot",
      detail: "Für diese Anmeldung gibt es kein (gültiges) Platzangebot mehr.",
    },
    en: { title: "No open offer", detail: "There is no (valid) offer of a place for this registration." },
  },
} satisfies ProblemEntries;
