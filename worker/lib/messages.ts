import type { Locale } from "../env";

type Text = { title: string; detail: string };

/**
 * The closed set of error codes the API answers with, each in German and
 * English. Clients may rely on `code`; titles and details are for people.
 */
export const problems = {
  validation_failed: {
    status: 400,
    de: { title: "Eingaben unvollständig oder ungültig", detail: "Bitte prüfen Sie die markierten Felder." },
    en: { title: "Invalid input", detail: "Please check the fields listed." },
  },
  malformed_request: {
    status: 400,
    de: { title: "Anfrage nicht lesbar", detail: "Der Inhalt der Anfrage konnte nicht gelesen werden." },
    en: { title: "Malformed request", detail: "The request body could not be read." },
  },
  unsupported_media_type: {
    status: 415,
    de: { title: "Falsches Format", detail: "Bitte senden Sie die Daten als JSON (Content-Type: application/json)." },
    en: { title: "Unsupported media type", detail: "Please send the data as JSON (Content-Type: application/json)." },
  },
  not_found: {
    status: 404,
    de: { title: "Nicht gefunden", detail: "Diese Adresse gibt es nicht." },
    en: { title: "Not found", detail: "There is nothing at this address." },
  },
  network_not_found: {
    status: 404,
    de: { title: "Netzwerk nicht gefunden", detail: "Es gibt kein Netzwerk mit dieser Kennung." },
    en: { title: "Network not found", detail: "There is no network with this id." },
  },
  network_suspended: {
    status: 403,
    de: {
      title: "Netzwerk ausgesetzt",
      detail: "Dieses Netzwerk ist vom Betrieb vorübergehend ausgesetzt. Seine Daten bleiben erhalten.",
    },
    en: {
      title: "Network suspended",
      detail: "This network has been suspended by the operators for the time being. Its data is kept.",
    },
  },
  network_slug_invalid: {
    status: 400,
    de: {
      title: "Kurzname ungültig",
      detail: "Der Kurzname besteht aus 3 bis 60 Kleinbuchstaben (a–z), Ziffern und einzelnen Bindestrichen.",
    },
    en: {
      title: "Invalid short name",
      detail: "The short name has 3 to 60 lowercase letters (a–z), digits and single hyphens.",
    },
  },
  network_slug_reserved: {
    status: 400,
    de: {
      title: "Kurzname vergeben",
      detail: "Dieser Kurzname ist einer Seite der Anwendung vorbehalten. Bitte wählen Sie einen anderen.",
    },
    en: {
      title: "Short name reserved",
      detail: "This short name is reserved for a page of the app. Please choose another.",
    },
  },
  network_slug_taken: {
    status: 409,
    de: {
      title: "Kurzname bereits verwendet",
      detail: "Ein anderes Netzwerk hat diesen Kurznamen schon. Bitte wählen Sie einen anderen.",
    },
    en: { title: "Short name taken", detail: "Another network already has this short name. Please choose another." },
  },
  institution_not_found: {
    status: 404,
    de: { title: "Einrichtung nicht gefunden", detail: "Es gibt keine Einrichtung mit dieser Kennung." },
    en: { title: "Institution not found", detail: "There is no institution with this id." },
  },
  unauthenticated: {
    status: 401,
    de: { title: "Nicht angemeldet", detail: "Bitte melden Sie sich an." },
    en: { title: "Not signed in", detail: "Please sign in." },
  },
  forbidden: {
    status: 403,
    de: { title: "Keine Berechtigung", detail: "Dafür fehlt Ihnen die Berechtigung." },
    en: { title: "Not allowed", detail: "You are not allowed to do this." },
  },
  forbidden_field: {
    status: 403,
    de: { title: "Feld nicht änderbar", detail: "Diese Felder darf nur die Netzwerkkoordination ändern." },
    en: { title: "Field not editable", detail: "Only the network coordination may change these fields." },
  },
  csrf_failed: {
    status: 403,
    de: {
      title: "Anfrage abgelehnt",
      detail: "Die Anfrage kam nicht von dieser Anwendung. Bitte laden Sie die Seite neu.",
    },
    en: { title: "Request refused", detail: "The request did not come from this application. Please reload the page." },
  },
  rate_limited: {
    status: 429,
    de: { title: "Zu viele Anfragen", detail: "Bitte warten Sie einige Minuten und versuchen Sie es dann erneut." },
    en: { title: "Too many requests", detail: "Please wait a few minutes and try again." },
  },
  public_origin_missing: {
    status: 503,
    de: {
      title: "E-Mail-Versand nicht eingerichtet",
      detail:
        "Diese Installation kennt ihre öffentliche Adresse (PUBLIC_ORIGIN) nicht und verschickt deshalb keine E-Mails mit Links. Bitte wenden Sie sich an den Betrieb.",
    },
    en: {
      title: "Mail is not set up",
      detail:
        "This installation does not know its public address (PUBLIC_ORIGIN), so it sends no mail with links. Please contact its operators.",
    },
  },
  sign_in_link_invalid: {
    status: 400,
    de: {
      title: "Anmeldelink ungültig",
      detail: "Der Link ist abgelaufen oder wurde schon benutzt. Bitte fordern Sie einen neuen an.",
    },
    en: {
      title: "Sign-in link invalid",
      detail: "The link has expired or was used already. Please request a new one.",
    },
  },
  participant_link_invalid: {
    status: 401,
    de: {
      title: "Persönlicher Link ungültig",
      detail: "Dieser Link gilt nicht (mehr). Einen neuen Link erhalten Sie über „Anmelden“ mit Ihrer E-Mail-Adresse.",
    },
    en: {
      title: "Personal link invalid",
      detail: "This link is not (or no longer) valid. Get a new one via “Sign in” with your e-mail address.",
    },
  },
  session_not_found: {
    status: 404,
    de: { title: "Sitzung nicht gefunden", detail: "Diese Sitzung gibt es nicht oder sie gehört nicht zu Ihnen." },
    en: { title: "Session not found", detail: "This session does not exist or is not yours." },
  },
  contact_person_not_found: {
    status: 404,
    de: { title: "Ansprechperson nicht gefunden", detail: "Es gibt keine Ansprechperson mit dieser Kennung." },
    en: { title: "Contact person not found", detail: "There is no contact person with this id." },
  },
  contact_role_not_found: {
    status: 404,
    de: {
      title: "Keine Ansprechperson dieser Einrichtung",
      detail: "Dieses Konto ist keine Ansprechperson dieser Einrichtung.",
    },
    en: { title: "Not a contact of this institution", detail: "This account is not a contact of this institution." },
  },
  institution_name_taken: {
    status: 409,
    de: { title: "Name schon vergeben", detail: "Im Netzwerk gibt es bereits eine Einrichtung mit diesem Namen." },
    en: { title: "Name taken", detail: "The network already has an institution with this name." },
  },
  institution_archived: {
    status: 409,
    de: { title: "Einrichtung archiviert", detail: "Archivierte Einrichtungen können nicht bearbeitet werden." },
    en: { title: "Institution archived", detail: "Archived institutions cannot be edited." },
  },
  import_has_errors: {
    status: 422,
    de: {
      title: "Import enthält Fehler",
      detail:
        "Zeilen mit Fehlern: nichts wurde übernommen. Korrigieren Sie die Datei oder lassen Sie diese Zeilen aus.",
    },
    en: {
      title: "Import has errors",
      detail: "Some rows have errors: nothing was imported. Correct the file or leave those rows out.",
    },
  },
  reference_not_found: {
    status: 422,
    de: { title: "Verweis ungültig", detail: "Profession oder Kommune gibt es in diesem Netzwerk nicht." },
    en: { title: "Invalid reference", detail: "The sector or municipality does not exist in this network." },
  },
  method_not_allowed: {
    status: 405,
    de: { title: "Methode nicht erlaubt", detail: "Diese Adresse unterstützt die Methode nicht." },
    en: { title: "Method not allowed", detail: "This address does not support the method." },
  },
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
  // Feedback
  feedback_form_not_found: {
    status: 404,
    de: {
      title: "Rückmeldebogen nicht gefunden",
      detail: "Es gibt keinen (veröffentlichten) Rückmeldebogen mit dieser Kennung.",
    },
    en: { title: "Feedback form not found", detail: "There is no (published) feedback form with this id." },
  },
  feedback_form_frozen: {
    status: 409,
    de: {
      title: "Bogen schon beantwortet",
      detail:
        "Dieser Rückmeldebogen hat bereits Antworten, seine Fragen und die Mindestzahl können nicht mehr geändert werden. Legen Sie eine neue Version an.",
    },
    en: {
      title: "Form already answered",
      detail:
        "This feedback form already has responses; its questions and minimum can no longer change. Create a new version.",
    },
  },
  feedback_form_not_draft: {
    status: 409,
    de: {
      title: "Nicht möglich",
      detail: "Nur ein Entwurf kann geöffnet und nur ein offener Bogen geschlossen werden.",
    },
    en: { title: "Not possible", detail: "Only a draft can be opened and only an open form can be closed." },
  },
  feedback_form_empty: {
    status: 422,
    de: {
      title: "Bogen ohne Fragen",
      detail: "Ein Rückmeldebogen braucht mindestens eine Frage, bevor er geöffnet wird.",
    },
    en: { title: "Form without questions", detail: "A feedback form needs at least one question before it is opened." },
  },
  feedback_already_answered: {
    status: 409,
    de: {
      title: "Schon beantwortet",
      detail: "Sie haben diesen Rückmeldebogen bereits ausgefüllt. Jede Person kann einmal antworten – vielen Dank!",
    },
    en: {
      title: "Already answered",
      detail: "You have already filled in this feedback form. Everyone can answer once – thank you!",
    },
  },
  feedback_not_attended: {
    status: 403,
    de: {
      title: "Keine Teilnahme erfasst",
      detail:
        "Antworten können nur Teilnehmer_innen, die beim Termin anwesend waren. Bitte wenden Sie sich an die Netzwerkkoordination.",
    },
    en: {
      title: "No attendance recorded",
      detail: "Only participants who were present at the session can answer. Please ask the network coordination.",
    },
  },
  registration_attended: {
    status: 409,
    de: {
      title: "Schon teilgenommen",
      detail:
        "Diese Person war bereits bei einem Termin anwesend; ihr Platz kann nicht mehr an eine Kollegin oder einen Kollegen weitergegeben werden. Melden Sie die Person bitte neu an.",
    },
    en: {
      title: "Already attended",
      detail:
        "This person has already attended a session; their place can no longer be handed to a colleague. Please register the colleague instead.",
    },
  },
  feedback_link_required: {
    status: 401,
    de: {
      title: "Persönlicher Link nötig",
      detail:
        "Antworten Sie über den Link aus Ihrer E-Mail oder von Ihrer persönlichen Seite. Auf der Seite des Bogens können Sie sich einen Link an Ihre E-Mail-Adresse schicken lassen.",
    },
    en: {
      title: "Personal link needed",
      detail:
        "Answer through the link from your e-mail or from your personal page. On the form's page you can have a link sent to your e-mail address.",
    },
  },
  feedback_form_closed: {
    status: 409,
    de: { title: "Bogen geschlossen", detail: "Dieser Rückmeldebogen nimmt keine Antworten (mehr) an." },
    en: { title: "Form closed", detail: "This feedback form does not (or no longer) accept answers." },
  },
  feedback_form_changed: {
    status: 409,
    de: {
      title: "Bogen geändert",
      detail: "Die Fragen wurden gerade geändert. Bitte laden Sie die Seite neu und antworten Sie erneut.",
    },
    en: { title: "Form changed", detail: "The questions have just changed. Please reload the page and answer again." },
  },
  feedback_results_hidden: {
    status: 409,
    de: {
      title: "Noch zu wenige Rückmeldungen",
      detail: "Ergebnisse gibt es erst ab der Mindestzahl an Rückmeldungen, damit niemand erkennbar ist.",
    },
    en: {
      title: "Too few responses yet",
      detail: "Results are available only from the minimum number of responses on, so that nobody can be identified.",
    },
  },
  municipality_not_found: {
    status: 404,
    de: { title: "Kommune nicht gefunden", detail: "Diese Kommune gehört nicht zu diesem Netzwerk." },
    en: { title: "Municipality not found", detail: "This municipality does not belong to this network." },
  },
  municipality_name_taken: {
    status: 409,
    de: { title: "Kommune schon vorhanden", detail: "Eine Kommune mit diesem Namen gehört schon zum Netzwerk." },
    en: { title: "Municipality exists", detail: "A municipality of this name already belongs to the network." },
  },
  municipality_in_use: {
    status: 409,
    de: {
      title: "Kommune wird verwendet",
      detail:
        "Einrichtungen im Verzeichnis sind dieser Kommune zugeordnet. Ordnen Sie sie zuerst einer anderen Kommune zu.",
    },
    en: {
      title: "Municipality in use",
      detail: "Institutions in the directory belong to this municipality. Assign them to another one first.",
    },
  },
  logo_not_found: {
    status: 404,
    de: { title: "Kein Logo", detail: "Für dieses Netzwerk ist kein Logo hinterlegt." },
    en: { title: "No logo", detail: "This network has no logo." },
  },
  logo_too_large: {
    status: 413,
    de: { title: "Logo zu groß", detail: "Das Logo darf höchstens 256 KB groß sein." },
    en: { title: "Logo too large", detail: "The logo may be at most 256 KB." },
  },
  logo_unsupported_type: {
    status: 415,
    de: { title: "Dateiformat nicht möglich", detail: "Das Logo muss eine PNG- oder SVG-Datei sein." },
    en: { title: "File type not possible", detail: "The logo must be a PNG or SVG file." },
  },
  logo_unsafe: {
    status: 422,
    de: {
      title: "SVG nicht zulässig",
      detail:
        "Das SVG enthält Skripte, Ereignis-Attribute oder eingebettete Inhalte. Bitte laden Sie eine einfache Grafik hoch.",
    },
    en: {
      title: "SVG not allowed",
      detail: "The SVG contains scripts, event attributes or embedded content. Please upload a plain graphic.",
    },
  },
  organiser_not_found: {
    status: 404,
    de: { title: "Keine Netzwerkkoordination", detail: "Dieses Konto koordiniert dieses Netzwerk nicht." },
    en: { title: "Not an organiser", detail: "This account does not coordinate this network." },
  },
  already_organiser: {
    status: 409,
    de: { title: "Schon in der Koordination", detail: "Diese Person koordiniert das Netzwerk bereits." },
    en: { title: "Already an organiser", detail: "This person already coordinates the network." },
  },
  last_organiser: {
    status: 409,
    de: {
      title: "Letzte Netzwerkkoordination",
      detail: "Ein Netzwerk braucht mindestens eine Koordination. Laden Sie zuerst eine weitere Person ein.",
    },
    en: {
      title: "Last organiser",
      detail: "A network needs at least one organiser. Invite someone else first.",
    },
  },
  internal_error: {
    status: 500,
    de: {
      title: "Interner Fehler",
      detail: "Etwas ist schiefgegangen. Es wurde nichts geändert. Bitte versuchen Sie es erneut.",
    },
    en: { title: "Internal error", detail: "Something went wrong. Nothing was changed. Please try again." },
  },
} satisfies Record<string, { status: number; de: Text; en: Text }>;

export type ProblemCode = keyof typeof problems;

export const problemText = (code: ProblemCode, locale: Locale): Text => problems[code][locale];

/** The detail of `check_in_outside_window`: when the window opens, or when it closed, in Berlin time. */
export function checkInWindowDetail(
  state: "not_yet_open" | "closed",
  at: { day: string; clock: string },
): Record<Locale, string> {
  const override = {
    de: "Wer trotzdem einchecken muss, bestätigt das ausdrücklich; es wird protokolliert.",
    en: "To check in all the same, confirm it explicitly; this is recorded.",
  };
  return state === "not_yet_open"
    ? {
        de: `Der Einlass zu diesem Termin öffnet am ${at.day} um ${at.clock} Uhr. ${override.de}`,
        en: `Check-in for this session opens on ${at.day} at ${at.clock} (Berlin time). ${override.en}`,
      }
    : {
        de: `Der Einlass zu diesem Termin war bis ${at.day}, ${at.clock} Uhr geöffnet. ${override.de}`,
        en: `Check-in for this session closed on ${at.day} at ${at.clock} (Berlin time). ${override.en}`,
      };
}
