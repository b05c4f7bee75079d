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
  institution_not_found: {
    status: 404,
    de: { title: "Einrichtung nicht gefunden", detail: "Es gibt keine Einrichtung mit dieser Kennung." },
    en: { title: "Institution not found", detail: "There is no institution with this id." },
  },
  method_not_allowed: {
    status: 405,
    de: { title: "Methode nicht erlaubt", detail: "Diese Adresse unterstützt die Methode nicht." },
    en: { title: "Method not allowed", detail: "This address does not support the method." },
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
