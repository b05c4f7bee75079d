import type { Locale } from "../env";

import { communicationProblems } from "./messages-communication";
import { doorProblems } from "./messages-door";
import { eventProblems } from "./messages-events";
import { feedbackProblems } from "./messages-feedback";

type Text = { title: string; detail: string };
/** Problems by code: the HTTP status and the words in each language. */
export type ProblemEntries = Record<string, { status: number; de: Text; en: Text }>;

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
  ...eventProblems,
  ...doorProblems,
  ...feedbackProblems,
  ...communicationProblems,
} satisfies ProblemEntries;

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
