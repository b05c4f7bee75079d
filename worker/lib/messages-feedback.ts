// Problems of feedback forms and answers, and the last general ones, in German and English (see messages.ts).
import type { ProblemEntries } from "./messages";

export const feedbackProblems = {
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
} satisfies ProblemEntries;
