// PRODUCT.md's feedback rules as pure functions: the standard evaluation
// template, what a valid answer is, how an answer becomes counts and loose
// texts (never a response row), and the figures organisers may see — per
// question and, across a series, per session — only from a minimum number of
// responses on.
import { z } from "zod";
import { safeText } from "../lib/schemas";

export const questionKinds = ["scale", "single", "multiple", "text"] as const;
export type QuestionKind = (typeof questionKinds)[number];

export type Question = {
  id: string;
  kind: QuestionKind;
  prompt: string;
  /** Choices of single and multiple; for a scale, the labels of 1 and of 5 (or none). */
  options: string[];
  required: boolean;
};

export type QuestionDraft = Omit<Question, "id">;

/** The values of a scale question. */
export const SCALE = [1, 2, 3, 4, 5] as const;
/** Results stay hidden below this many responses unless the form asks for more. */
export const DEFAULT_MIN_RESPONSES = 5;
/** Nobody may lower the minimum below this. */
export const LOWEST_MIN_RESPONSES = 3;
export const TEXT_ANSWER_MAX = 2000;
export const MAX_QUESTIONS = 30;
export const MAX_OPTIONS = 12;

/** The count row that records that someone answered a question at all (needed for multiple choice). */
export const ANSWERED = "*";

// ---------------------------------------------------------------------------
// The standard template

/**
 * The usual evaluation sheet of a network workshop: satisfaction, relevance for
 * practice, organisation, gain for the cooperation between the professions, and
 * what should change. No question about the person (profession, institution):
 * in groups of twenty such answers would identify people.
 */
export function standardTemplate(locale: "de" | "en"): QuestionDraft[] {
  const de = locale === "de";
  const scale = (prompt: string, low: string, high: string): QuestionDraft => ({
    kind: "scale",
    prompt,
    options: [low, high],
    required: true,
  });
  return [
    de
      ? scale("Wie zufrieden sind Sie insgesamt mit der Veranstaltung?", "gar nicht zufrieden", "sehr zufrieden")
      : scale("Overall, how satisfied are you with the event?", "not at all satisfied", "very satisfied"),
    de
      ? scale("Wie relevant waren die Inhalte für Ihre Praxis?", "gar nicht relevant", "sehr relevant")
      : scale("How relevant was the content for your practice?", "not relevant at all", "very relevant"),
    de
      ? scale("Wie bewerten Sie die Organisation (Einladung, Ort, Ablauf, Zeit)?", "sehr schlecht", "sehr gut")
      : scale("How do you rate the organisation (invitation, venue, schedule, timing)?", "very poor", "very good"),
    de
      ? scale(
          "Wie sehr hat die Veranstaltung die Zusammenarbeit zwischen den Professionen gestärkt?",
          "gar nicht",
          "sehr stark",
        )
      : scale("How much did the event strengthen the cooperation between the professions?", "not at all", "a lot"),
    {
      kind: "multiple",
      prompt: de ? "Was war für Sie besonders hilfreich?" : "What was particularly helpful for you?",
      options: de
        ? [
            "Fachlicher Input",
            "Austausch mit anderen Professionen",
            "Fallbeispiele",
            "Kennenlernen von Ansprechpersonen",
            "Arbeitsmaterialien",
          ]
        : ["Expert input", "Exchange with other professions", "Case examples", "Meeting contact persons", "Materials"],
      required: false,
    },
    {
      kind: "single",
      prompt: de
        ? "Würden Sie die Veranstaltung Kolleg_innen empfehlen?"
        : "Would you recommend the event to colleagues?",
      options: de ? ["Ja", "Eher ja", "Eher nein", "Nein"] : ["Yes", "Rather yes", "Rather no", "No"],
      required: false,
    },
    {
      kind: "text",
      prompt: de ? "Was sollten wir beim nächsten Mal ändern?" : "What should we change next time?",
      options: [],
      required: false,
    },
  ];
}

// ---------------------------------------------------------------------------
// Building forms

const text = (max: number) => safeText(max).min(1);

/** A question as the form builder sends it; the order of the list is the order of the form. */
export const QuestionInputSchema = z
  .object({
    id: z.string().min(1).max(100).optional(),
    kind: z.enum(questionKinds),
    prompt: text(500),
    options: z.array(text(200)).max(MAX_OPTIONS).default([]),
    required: z.boolean().default(false),
  })
  .superRefine((q, ctx) => {
    const unique = new Set(q.options).size === q.options.length;
    if (!unique) ctx.addIssue({ code: "custom", path: ["options"], message: "options must differ" });
    if ((q.kind === "single" || q.kind === "multiple") && q.options.length < 2)
      ctx.addIssue({ code: "custom", path: ["options"], message: "a choice needs at least two options" });
    if (q.kind === "scale" && q.options.length !== 0 && q.options.length !== 2)
      ctx.addIssue({ code: "custom", path: ["options"], message: "a scale has no labels or two (for 1 and 5)" });
    if (q.kind === "text" && q.options.length !== 0)
      ctx.addIssue({ code: "custom", path: ["options"], message: "a text question has no options" });
  });

// ---------------------------------------------------------------------------
// Answering

export type AnswerValue = number | string | string[];
export type Answers = Record<string, AnswerValue>;

/**
 * The schema of a valid answer to `questions`: an object keyed by question id;
 * a scale takes an integer 1–5, a single choice one of its options, a multiple
 * choice a non-empty list of distinct options, a text at most TEXT_ANSWER_MAX
 * characters. Required questions must be answered; unknown keys are refused.
 * An empty text or an empty list counts as not answered.
 */
export function answersSchema(questions: Question[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const q of questions) {
    let schema: z.ZodType;
    switch (q.kind) {
      case "scale":
        schema = z.number().int().min(1).max(5);
        break;
      case "single":
        schema = z.enum(q.options as [string, ...string[]]);
        break;
      case "multiple":
        schema = z
          .array(z.enum(q.options as [string, ...string[]]))
          .min(q.required ? 1 : 0)
          .max(q.options.length)
          .refine((values) => new Set(values).size === values.length, { message: "each option once" });
        break;
      case "text":
        schema = safeText(TEXT_ANSWER_MAX).min(q.required ? 1 : 0);
        break;
    }
    shape[q.id] = q.required ? schema : schema.optional();
  }
  return z.strictObject(shape);
}

/** What one answer writes: counts to increment (question, value) and loose texts. */
export type AnswerWrites = {
  counts: { questionId: string; value: string }[];
  texts: { questionId: string; body: string }[];
};

/** Turns a validated answer into the increments and texts it writes; nothing else is stored. */
export function answerWrites(questions: Question[], answers: Answers): AnswerWrites {
  const writes: AnswerWrites = { counts: [], texts: [] };
  for (const q of questions) {
    const value = answers[q.id];
    if (value === undefined) continue;
    if (q.kind === "text") {
      const body = String(value).trim();
      if (body) writes.texts.push({ questionId: q.id, body });
      continue;
    }
    const values = (Array.isArray(value) ? value : [value]).map(String);
    if (values.length === 0) continue;
    writes.counts.push({ questionId: q.id, value: ANSWERED });
    for (const v of values) writes.counts.push({ questionId: q.id, value: v });
  }
  return writes;
}

// ---------------------------------------------------------------------------
// Figures

/** Results are shown only from `minResponses` responses on. */
export const resultsHidden = (responses: number, minResponses: number) =>
  responses < Math.max(minResponses, LOWEST_MIN_RESPONSES);

/** Mean of a distribution given as counts per value; null without any count. */
export function meanOf(counts: { value: number; count: number }[]): number | null {
  const n = counts.reduce((sum, c) => sum + c.count, 0);
  if (n === 0) return null;
  return counts.reduce((sum, c) => sum + c.value * c.count, 0) / n;
}

/** Median of a distribution given as counts per value (the mean of the two middle values when even). */
export function medianOf(counts: { value: number; count: number }[]): number | null {
  const sorted = counts.filter((c) => c.count > 0).sort((a, b) => a.value - b.value);
  const n = sorted.reduce((sum, c) => sum + c.count, 0);
  if (n === 0) return null;
  const at = (index: number) => {
    let seen = 0;
    for (const c of sorted) {
      seen += c.count;
      if (index < seen) return c.value;
    }
    return sorted[sorted.length - 1].value;
  };
  return n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

export type CountRow = { questionId: string; value: string; count: number };

export type QuestionResult =
  | {
      questionId: string;
      kind: "scale";
      prompt: string;
      labels: string[];
      answered: number;
      distribution: { value: string; count: number }[];
      mean: number | null;
      median: number | null;
    }
  | {
      questionId: string;
      kind: "single" | "multiple";
      prompt: string;
      answered: number;
      distribution: { value: string; count: number }[];
    }
  | { questionId: string; kind: "text"; prompt: string; answered: number; texts: string[] };

/**
 * The figures of each question: for a scale the distribution over 1–5 with mean
 * and median (rounded to two places), for a choice the count of each option, for
 * a text the answers sorted alphabetically (never in the order they came in).
 */
export function summarise(
  questions: Question[],
  counts: CountRow[],
  texts: { questionId: string; body: string }[],
): QuestionResult[] {
  const countOf = (questionId: string, value: string) =>
    counts.find((c) => c.questionId === questionId && c.value === value)?.count ?? 0;
  return questions.map((q): QuestionResult => {
    if (q.kind === "text") {
      const own = texts
        .filter((t) => t.questionId === q.id)
        .map((t) => t.body)
        .sort((a, b) => a.localeCompare(b, "de"));
      return { questionId: q.id, kind: "text", prompt: q.prompt, answered: own.length, texts: own };
    }
    if (q.kind === "scale") {
      const distribution = SCALE.map((v) => ({ value: String(v), count: countOf(q.id, String(v)) }));
      const numeric = distribution.map((d) => ({ value: Number(d.value), count: d.count }));
      return {
        questionId: q.id,
        kind: "scale",
        prompt: q.prompt,
        labels: q.options,
        answered: countOf(q.id, ANSWERED),
        distribution,
        mean: round2(meanOf(numeric)),
        median: medianOf(numeric),
      };
    }
    return {
      questionId: q.id,
      kind: q.kind,
      prompt: q.prompt,
      answered: countOf(q.id, ANSWERED),
      distribution: q.options.map((o) => ({ value: o, count: countOf(q.id, o) })),
    };
  });
}

/** Questions of different forms are "the same question" when their prompts match (case and spacing aside). */
export const promptKey = (prompt: string) => prompt.trim().replace(/\s+/g, " ").toLocaleLowerCase("de");

export type TrendForm = {
  sessionId: string;
  minResponses: number;
  /** Responses to this form: a form whose own results are hidden adds nothing to the trend. */
  responses: number;
  questions: Question[];
  counts: CountRow[];
};

export type TrendSession = { id: string; position: number; title: string; startsAt: string };

export type TrendPoint = {
  sessionId: string;
  position: number;
  title: string;
  startsAt: string;
  /** People who answered the question at this session (all versions of its forms together). */
  answered: number;
  /** Null while fewer than the minimum answered. */
  mean: number | null;
  hidden: boolean;
};

export type Trend = { prompt: string; points: TrendPoint[] };

/**
 * The course of each scale question of `questions` across the sessions of a
 * series: at each session, the forms of that session (every version that is
 * not a draft) that ask a scale question with the same prompt, their counts
 * added up. A form whose own results are still hidden adds nothing: otherwise
 * the point minus the form's visible sibling versions would give away the
 * hidden answers. A point is hidden while fewer than the minimum (the larger
 * of `minResponses` and the session forms' own) answered the question there.
 * Sessions without such a question are left out.
 */
export function trendOf(
  questions: Question[],
  sessions: TrendSession[],
  forms: TrendForm[],
  minResponses: number,
): Trend[] {
  const ordered = [...sessions].sort((a, b) => a.position - b.position);
  return questions
    .filter((q) => q.kind === "scale")
    .map((q) => {
      const key = promptKey(q.prompt);
      const points: TrendPoint[] = [];
      for (const session of ordered) {
        const sessionForms = forms.filter((f) => f.sessionId === session.id);
        const matches = sessionForms
          .filter((f) => !resultsHidden(f.responses, f.minResponses))
          .flatMap((f) =>
            f.questions
              .filter((other) => other.kind === "scale" && promptKey(other.prompt) === key)
              .map((other) => ({ form: f, question: other })),
          );
        if (matches.length === 0) {
          // Asked there, but nothing to show yet: an empty, hidden point.
          const asked = sessionForms.some((f) =>
            f.questions.some((other) => other.kind === "scale" && promptKey(other.prompt) === key),
          );
          if (asked)
            points.push({
              sessionId: session.id,
              position: session.position,
              title: session.title,
              startsAt: session.startsAt,
              answered: 0,
              mean: null,
              hidden: true,
            });
          continue;
        }
        const numeric = SCALE.map((v) => ({
          value: v,
          count: matches.reduce(
            (sum, m) =>
              sum + (m.form.counts.find((c) => c.questionId === m.question.id && c.value === String(v))?.count ?? 0),
            0,
          ),
        }));
        const answered = numeric.reduce((sum, c) => sum + c.count, 0);
        const min = Math.max(minResponses, ...matches.map((m) => m.form.minResponses));
        const hidden = resultsHidden(answered, min);
        points.push({
          sessionId: session.id,
          position: session.position,
          title: session.title,
          startsAt: session.startsAt,
          answered,
          mean: hidden ? null : round2(meanOf(numeric)),
          hidden,
        });
      }
      return { prompt: q.prompt, points };
    });
}

/** The aggregated results as CSV rows (question, kind, value, count, mean, median, text). */
export function resultRows(results: QuestionResult[]): (string | number | null)[][] {
  return results.flatMap((r, index) => {
    const n = index + 1;
    if (r.kind === "text") return r.texts.map((t) => [n, r.prompt, r.kind, "", "", r.answered, "", "", t]);
    const rows: (string | number | null)[][] = r.distribution.map((d) => [
      n,
      r.prompt,
      r.kind,
      d.value,
      d.count,
      r.answered,
      "",
      "",
      "",
    ]);
    // Decimal comma, as German Excel reads numbers.
    const decimal = (x: number | null) => (x === null ? "" : String(x).replace(".", ","));
    if (r.kind === "scale")
      rows.push([n, r.prompt, r.kind, "", "", r.answered, decimal(r.mean), decimal(r.median), ""]);
    return rows;
  });
}
