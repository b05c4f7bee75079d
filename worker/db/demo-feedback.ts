// Demo data for feedback: a past workshop series of the demo network with three
// sessions, the people who came, and for each session a feedback form from the
// standard template with invented answers, so that the results page shows
// charts and a trend right away. Pure data with fixed ids (seeded with
// onConflictDoNothing, idempotent). The answers are stored as the app stores
// real ones: counts per value and loose texts, plus the bare fact of who answered.

import { ANSWERED, standardTemplate } from "../domain/feedback";
import { berlinDayAt } from "../lib/time";
import type * as s from "./schema";

export const DEMO_SERIES_ID = "evt-werkstattreihe-fh";

/** People of the series: [id suffix, name, institution]; all invented. */
const people: [string, string, string][] = [
  ["01", "Birgit Hollmann", "inst-jugendamt-kh"],
  ["02", "Cem Aydın", "inst-polizei-kh"],
  ["03", "Dörte Brandl", "inst-hebammen-kh"],
  ["04", "Emil Kästner", "inst-kinderarztpraxis-kh"],
  ["05", "Farah Nasser", "inst-kita-sonnenhof-kh"],
  ["06", "Gesa Wolters", "inst-beratungsstelle-kh"],
  ["07", "Henrik Vogel", "inst-grundschule-kurpark-kh"],
  ["08", "Ilka Sommer", "inst-frauenhaus-kh"],
];

/** Scale counts per session for the four scale questions of the template (values 1–5): the series got better. */
const scaleCounts: number[][][] = [
  // session 1: 6 responses
  [
    [0, 1, 2, 2, 1],
    [0, 0, 2, 3, 1],
    [1, 1, 2, 1, 1],
    [0, 2, 2, 1, 1],
  ],
  // session 2: 7 responses
  [
    [0, 0, 2, 3, 2],
    [0, 0, 1, 4, 2],
    [0, 1, 2, 3, 1],
    [0, 1, 2, 3, 1],
  ],
  // session 3: 6 responses
  [
    [0, 0, 0, 3, 3],
    [0, 0, 1, 2, 3],
    [0, 0, 1, 3, 2],
    [0, 0, 1, 2, 3],
  ],
];

/** Who was present at each session (by index into `people`); everyone present answered except where noted. */
const present = [
  [0, 1, 2, 3, 4, 5, 6],
  [0, 1, 2, 3, 4, 5, 6, 7],
  [0, 1, 2, 4, 5, 7],
];
const answered = [
  [0, 1, 2, 3, 4, 5],
  [0, 1, 2, 3, 4, 5, 6],
  [0, 1, 2, 4, 5, 7],
];

const multipleCounts = [
  [4, 5, 2, 3, 1],
  [3, 6, 4, 4, 2],
  [4, 5, 3, 5, 2],
];
const multipleAnswered = [6, 7, 6];
const singleCounts = [
  [2, 3, 1, 0],
  [4, 3, 0, 0],
  [4, 2, 0, 0],
];
const texts = [
  [
    "Mehr Zeit für den Austausch in Kleingruppen.",
    "Die Fallbeispiele gerne früher verschicken.",
    "Bitte ein Mikrofon für die hinteren Reihen.",
  ],
  ["Schön, dass diesmal die Polizei und die Kinderärzt_innen dabei waren.", "Pausen etwas länger."],
  [
    "Die Ergebnisse der Reihe bitte als Handreichung zusammenfassen.",
    "Gerne im nächsten Jahr fortsetzen.",
    "Mehr Zeit für Fragen an das Familiengericht.",
  ],
];

export function demoFeedback(now: Date) {
  const day = (n: number, h = 9, m = 0): Date => berlinDayAt(now, n, h, m);
  const workday = (n: number, h = 9, m = 0): Date => {
    const dow = day(n, 12).getUTCDay();
    return dow === 6 ? day(n - 1, h, m) : dow === 0 ? day(n - 2, h, m) : day(n, h, m);
  };

  const event: typeof s.events.$inferInsert = {
    id: DEMO_SERIES_ID,
    networkId: "net-kc9",
    type: "workshop",
    title: "Werkstattreihe Frühe Hilfen 2026",
    description:
      "Drei Werkstätten zu den Übergängen in den Frühen Hilfen: von der Geburtsklinik in die Familienhebammenbetreuung, von den Frühen Hilfen in die Kita und zum Kinderschutz bei Säuglingen. Jede Werkstatt wurde anonym ausgewertet.",
    venueName: "Haus der Familie, Bad Kreuznach",
    venueAddress: "Kurhausstraße 6, 55543 Bad Kreuznach",
    venueAccessibility:
      "Großer Saal im Erdgeschoss, stufenloser Zugang und barrierefreies WC; Induktionsschleife vorhanden.",
    capacity: 30,
    defaultQuota: 2,
    registrationOpensAt: day(-130),
    quotaDeadline: day(-110),
    registrationClosesAt: day(-100),
    redistributedAt: day(-110, 0, 5),
    status: "published",
    invitationMode: "all",
    promotionMode: "offer",
    legalBasis: "Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 3 KKG",
  };

  const sessionTitles = [
    "Werkstatt 1: Von der Geburtsklinik in die Frühen Hilfen",
    "Werkstatt 2: Übergang in die Kita",
    "Werkstatt 3: Kinderschutz bei Säuglingen",
  ];
  const sessions: (typeof s.eventSessions.$inferInsert)[] = [-90, -60, -30].map((offset, i) => ({
    id: `ses-fh-${i + 1}`,
    eventId: DEMO_SERIES_ID,
    position: i + 1,
    title: sessionTitles[i],
    topic: "",
    startsAt: workday(offset, 9),
    endsAt: workday(offset, 13),
  }));

  const quotas: (typeof s.quotas.$inferInsert)[] = [...new Set(people.map(([, , inst]) => inst))].map(
    (institutionId) => ({ eventId: DEMO_SERIES_ID, institutionId, places: null }),
  );

  const registrations: (typeof s.registrations.$inferInsert)[] = people.map(([n, name, institutionId]) => {
    const at = day(-125, 10, Number(n) * 3);
    return {
      id: `reg-demo-fh-${n}`,
      eventId: DEMO_SERIES_ID,
      institutionId,
      email: `${name.toLowerCase().replace(/ı/g, "i").replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ /g, ".")}@${institutionId.replace(/^inst-/, "")}.example`,
      name,
      function: "Fachkraft",
      status: "confirmed",
      reasonCode: "within_quota",
      requestedAt: at,
      confirmedAt: at,
      privacyAcknowledgedAt: at,
      createdAt: at,
    };
  });

  const attendances: (typeof s.attendances.$inferInsert)[] = present.flatMap((indices, i) =>
    indices.map((p) => ({
      id: `att-demo-fh-${i + 1}-${people[p][0]}`,
      sessionId: `ses-fh-${i + 1}`,
      registrationId: `reg-demo-fh-${people[p][0]}`,
      kind: "present" as const,
      method: "list" as const,
      at: sessions[i].startsAt as Date,
    })),
  );

  const template = standardTemplate("de");
  const forms: (typeof s.feedbackForms.$inferInsert)[] = sessions.map((session, i) => ({
    id: `fb-demo-fh-${i + 1}`,
    eventId: DEMO_SERIES_ID,
    sessionId: session.id as string,
    version: 1,
    title: `Rückmeldung: ${sessionTitles[i]}`,
    // The last one still takes answers; its invitation mails count as sent.
    status: i === 2 ? "open" : "closed",
    minResponses: 5,
    frozen: true,
    revision: 1,
    mailNonce: "demo",
    createdAt: session.startsAt as Date,
  }));
  const questions: (typeof s.feedbackQuestions.$inferInsert)[] = forms.flatMap((form) =>
    template.map((q, k) => ({
      id: `${form.id}-q${k + 1}`,
      formId: form.id as string,
      position: k + 1,
      kind: q.kind,
      prompt: q.prompt,
      options: q.options,
      required: q.required,
    })),
  );
  const submissions: (typeof s.feedbackSubmissions.$inferInsert)[] = answered.flatMap((indices, i) =>
    indices.map((p) => ({
      formId: `fb-demo-fh-${i + 1}`,
      registrationId: `reg-demo-fh-${people[p][0]}`,
      nonce: "demo",
    })),
  );
  const counts: (typeof s.feedbackAnswerCounts.$inferInsert)[] = [];
  const textRows: (typeof s.feedbackTextAnswers.$inferInsert)[] = [];
  forms.forEach((form, i) => {
    const formId = form.id as string;
    template.forEach((q, k) => {
      const questionId = `${formId}-q${k + 1}`;
      const add = (value: string, count: number) => {
        if (count > 0) counts.push({ formId, questionId, value, count });
      };
      if (q.kind === "scale") {
        const dist = scaleCounts[i][k];
        add(
          ANSWERED,
          dist.reduce((a, b) => a + b, 0),
        );
        dist.forEach((count, v) => {
          add(String(v + 1), count);
        });
      } else if (q.kind === "multiple") {
        add(ANSWERED, multipleAnswered[i]);
        q.options.forEach((o, j) => {
          add(o, multipleCounts[i][j]);
        });
      } else if (q.kind === "single") {
        const dist = singleCounts[i];
        add(
          ANSWERED,
          dist.reduce((a, b) => a + b, 0),
        );
        q.options.forEach((o, j) => {
          add(o, dist[j]);
        });
      } else {
        texts[i].forEach((body, j) => {
          textRows.push({ id: `${formId}-t${j + 1}`, formId, questionId, body });
        });
      }
    });
  });

  return {
    event,
    sessions,
    quotas,
    registrations,
    attendances,
    forms,
    questions,
    submissions,
    counts,
    texts: textRows,
  };
}
