import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ANSWERED,
  answersSchema,
  answerWrites,
  meanOf,
  medianOf,
  type Question,
  QuestionInputSchema,
  resultRows,
  resultsHidden,
  standardTemplate,
  summarise,
  TEXT_ANSWER_MAX,
  trendOf,
} from "./feedback";

const questions: Question[] = standardTemplate("de").map((q, i) => ({ ...q, id: `q${i + 1}` }));
const [satisfaction, relevance, , , helpful, recommend, change] = questions;

const distribution = fc.array(fc.nat({ max: 50 }), { minLength: 5, maxLength: 5 });
const asCounts = (counts: number[]) => counts.map((count, i) => ({ value: i + 1, count }));
const expand = (counts: number[]) => counts.flatMap((count, i) => Array<number>(count).fill(i + 1));

describe("the standard template", () => {
  it("asks the five things the networks evaluate, in both languages, and nothing about the person", () => {
    for (const locale of ["de", "en"] as const) {
      const template = standardTemplate(locale);
      expect(template.filter((q) => q.kind === "scale")).toHaveLength(4);
      expect(template.some((q) => q.kind === "text")).toBe(true);
      expect(template.some((q) => q.kind === "single")).toBe(true);
      expect(template.some((q) => q.kind === "multiple")).toBe(true);
      for (const q of template) expect(QuestionInputSchema.safeParse(q).success, q.prompt).toBe(true);
      expect(template.map((q) => q.prompt).join(" ")).not.toMatch(/Profession\b|Einrichtung|institution|sector/i);
    }
    expect(standardTemplate("de")[0].prompt).toMatch(/zufrieden/);
  });
});

describe("questions the builder sends", () => {
  it("need two distinct options for a choice, none for a text, zero or two labels for a scale", () => {
    const ok = (q: object) => QuestionInputSchema.safeParse(q).success;
    expect(ok({ kind: "single", prompt: "A?", options: ["Ja", "Nein"] })).toBe(true);
    expect(ok({ kind: "single", prompt: "A?", options: ["Ja"] })).toBe(false);
    expect(ok({ kind: "multiple", prompt: "A?", options: ["Ja", "Ja"] })).toBe(false);
    expect(ok({ kind: "text", prompt: "A?", options: ["x"] })).toBe(false);
    expect(ok({ kind: "scale", prompt: "A?", options: ["schlecht", "gut"] })).toBe(true);
    expect(ok({ kind: "scale", prompt: "A?", options: ["nur eins"] })).toBe(false);
    expect(ok({ kind: "scale", prompt: "  ", options: [] })).toBe(false);
  });
});

describe("answers", () => {
  const schema = answersSchema(questions);
  const complete = { q1: 5, q2: 4, q3: 3, q4: 2 };

  it("accept the required scales alone, and the optional questions when valid", () => {
    expect(schema.safeParse(complete).success).toBe(true);
    expect(
      schema.safeParse({ ...complete, q5: ["Fallbeispiele", "Arbeitsmaterialien"], q6: "Ja", q7: "Mehr Pausen" })
        .success,
    ).toBe(true);
  });

  it("refuse a missing required answer, a scale outside 1–5 or not whole, unknown options and questions, long texts", () => {
    const bad = [
      { q2: 4, q3: 3, q4: 2 },
      { ...complete, q1: 0 },
      { ...complete, q1: 6 },
      { ...complete, q1: 2.5 },
      { ...complete, q1: "5" },
      { ...complete, q6: "Vielleicht" },
      { ...complete, q5: ["Fallbeispiele", "Fallbeispiele"] },
      { ...complete, q5: ["Kuchen"] },
      { ...complete, q7: "x".repeat(TEXT_ANSWER_MAX + 1) },
      { ...complete, unbekannt: 3 },
    ];
    for (const answer of bad) expect(schema.safeParse(answer).success, JSON.stringify(answer).slice(0, 80)).toBe(false);
  });

  it("become counts per value (with one 'answered' count per question) and loose texts, nothing else", () => {
    const writes = answerWrites(questions, {
      ...complete,
      q5: ["Fallbeispiele", "Arbeitsmaterialien"],
      q6: "Eher ja",
      q7: "  Mehr Pausen ",
    });
    expect(writes.counts).toContainEqual({ questionId: "q1", value: "5" });
    expect(writes.counts).toContainEqual({ questionId: "q1", value: ANSWERED });
    expect(writes.counts.filter((c) => c.questionId === "q5")).toEqual([
      { questionId: "q5", value: ANSWERED },
      { questionId: "q5", value: "Fallbeispiele" },
      { questionId: "q5", value: "Arbeitsmaterialien" },
    ]);
    expect(writes.texts).toEqual([{ questionId: "q7", body: "Mehr Pausen" }]);
    // An empty text or list is no answer.
    const empty = answerWrites(questions, { ...complete, q5: [], q7: "   " });
    expect(empty.counts.some((c) => c.questionId === "q5")).toBe(false);
    expect(empty.texts).toEqual([]);
  });
});

describe("mean and median", () => {
  it("lie between the smallest and the largest value given (property)", () => {
    fc.assert(
      fc.property(distribution, (counts) => {
        const values = expand(counts);
        const mean = meanOf(asCounts(counts));
        const median = medianOf(asCounts(counts));
        if (values.length === 0) return mean === null && median === null;
        const lo = Math.min(...values);
        const hi = Math.max(...values);
        return mean! >= lo - 1e-9 && mean! <= hi + 1e-9 && median! >= lo && median! <= hi;
      }),
    );
  });

  it("agree with the textbook definitions on the expanded list (property)", () => {
    fc.assert(
      fc.property(distribution, (counts) => {
        const values = expand(counts).sort((a, b) => a - b);
        fc.pre(values.length > 0);
        const n = values.length;
        const median = n % 2 ? values[(n - 1) / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        const mean = values.reduce((a, b) => a + b, 0) / n;
        expect(medianOf(asCounts(counts))).toBe(median);
        expect(meanOf(asCounts(counts))).toBeCloseTo(mean, 9);
      }),
    );
  });

  it("examples", () => {
    expect(medianOf(asCounts([1, 0, 0, 0, 1]))).toBe(3);
    expect(medianOf(asCounts([0, 1, 1, 0, 0]))).toBe(2.5);
    expect(meanOf(asCounts([0, 0, 0, 0, 0]))).toBeNull();
  });
});

describe("the minimum", () => {
  it("hides results below the minimum, and never below three whatever the form says", () => {
    expect(resultsHidden(4, 5)).toBe(true);
    expect(resultsHidden(5, 5)).toBe(false);
    expect(resultsHidden(2, 1)).toBe(true);
    fc.assert(fc.property(fc.nat(100), fc.nat(100), (n, min) => resultsHidden(n, min) === n < Math.max(min, 3)));
  });
});

describe("summaries", () => {
  it("give each question its distribution, scales their mean and median, texts sorted not in arrival order", () => {
    const counts = [
      { questionId: "q1", value: ANSWERED, count: 3 },
      { questionId: "q1", value: "5", count: 2 },
      { questionId: "q1", value: "2", count: 1 },
      { questionId: "q5", value: ANSWERED, count: 2 },
      { questionId: "q5", value: "Fallbeispiele", count: 2 },
    ];
    const texts = [
      { questionId: "q7", body: "Zuletzt gekommen" },
      { questionId: "q7", body: "Als erstes" },
    ];
    const [s1, , , , s5, s6, s7] = summarise(questions, counts, texts);
    expect(s1).toMatchObject({ kind: "scale", answered: 3, mean: 4, median: 5 });
    if (s1.kind !== "scale") throw new Error();
    expect(s1.distribution.map((d) => d.count)).toEqual([0, 1, 0, 0, 2]);
    expect(s1.labels).toEqual(satisfaction.options);
    expect(s5).toMatchObject({ kind: "multiple", answered: 2 });
    if (s5.kind !== "multiple") throw new Error();
    expect(s5.distribution.find((d) => d.value === "Fallbeispiele")?.count).toBe(2);
    expect(s6).toMatchObject({ kind: "single", answered: 0 });
    expect(s7).toMatchObject({ kind: "text", texts: ["Als erstes", "Zuletzt gekommen"] });
    expect(helpful.kind).toBe("multiple");
    expect(recommend.kind).toBe("single");
    expect(change.kind).toBe("text");
  });

  it("CSV rows: one per value, the scale's mean and median with a decimal comma, one per text", () => {
    const rows = resultRows(
      summarise(
        [relevance],
        [
          { questionId: "q2", value: ANSWERED, count: 2 },
          { questionId: "q2", value: "3", count: 1 },
          { questionId: "q2", value: "4", count: 1 },
        ],
        [],
      ),
    );
    expect(rows).toHaveLength(6);
    expect(rows.at(-1)?.slice(6, 8)).toEqual(["3,5", "3,5"]);
  });
});

describe("the trend across a series", () => {
  const sessions = [
    { id: "s2", position: 2, title: "Zwei", startsAt: "2026-02-01T08:00:00Z" },
    { id: "s1", position: 1, title: "Eins", startsAt: "2026-01-01T08:00:00Z" },
    { id: "s3", position: 3, title: "Drei", startsAt: "2026-03-01T08:00:00Z" },
  ];
  const formAt = (sessionId: string, id: string, prompt: string, counts: number[], min = 5) => ({
    sessionId,
    minResponses: min,
    responses: counts.reduce((a, b) => a + b, 0),
    questions: [{ id, kind: "scale" as const, prompt, options: [], required: true }],
    counts: counts.map((count, i) => ({ questionId: id, value: String(i + 1), count })),
  });

  it("follows a scale question by its prompt across sessions in order, hiding points below the minimum", () => {
    const trend = trendOf(
      [satisfaction, change],
      sessions,
      [
        formAt("s2", "b", `  ${satisfaction.prompt.toUpperCase()} `, [0, 0, 0, 5, 5]),
        formAt("s1", "a", satisfaction.prompt, [0, 0, 6, 0, 0]),
        formAt("s3", "c", satisfaction.prompt, [0, 0, 0, 0, 4]),
        formAt("s3", "d", "Etwas ganz anderes?", [9, 9, 9, 9, 9]),
      ],
      5,
    );
    expect(trend).toHaveLength(1);
    expect(trend[0].points.map((p) => [p.sessionId, p.mean, p.hidden, p.answered])).toEqual([
      ["s1", 3, false, 6],
      ["s2", 4.5, false, 10],
      // A form below its minimum adds nothing, not even its count.
      ["s3", null, true, 0],
    ]);
  });

  it("adds up the versions of one session's form, and respects a stricter minimum of a session's form", () => {
    const trend = trendOf(
      [satisfaction],
      sessions,
      [
        formAt("s1", "a", satisfaction.prompt, [0, 0, 3, 2, 0]),
        formAt("s1", "a2", satisfaction.prompt, [0, 0, 0, 0, 5]),
        formAt("s2", "b", satisfaction.prompt, [0, 0, 0, 7, 0], 8),
      ],
      5,
    );
    expect(trend[0].points.map((p) => [p.sessionId, p.mean, p.hidden])).toEqual([
      ["s1", 4.2, false],
      ["s2", null, true],
    ]);
  });

  it("never lets a hidden version leak through its session's point: the point ignores it", () => {
    // Version 1 is visible (6 answers, mean 3); version 2 has 4 hidden answers, all 5s.
    const visible = formAt("s1", "v1", satisfaction.prompt, [0, 0, 6, 0, 0]);
    const hidden = formAt("s1", "v2", satisfaction.prompt, [0, 0, 0, 0, 4]);
    const [trend] = trendOf([satisfaction], sessions, [visible, hidden], 5);
    expect(trend.points).toMatchObject([{ sessionId: "s1", mean: 3, answered: 6 }]);
  });

  it("never shows a mean computed from fewer answers than the minimum (property)", () => {
    fc.assert(
      fc.property(
        fc.array(distribution, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 3, max: 8 }),
        (dists, min) => {
          const forms = dists.map((d, i) => formAt(sessions[i].id, `x${i}`, satisfaction.prompt, d));
          const [trend] = trendOf([satisfaction], sessions, forms, min);
          return trend.points.every((p) =>
            p.answered < Math.max(min, 5) ? p.mean === null && p.hidden : p.mean !== null,
          );
        },
      ),
    );
  });
});
