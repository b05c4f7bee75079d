// Feedback forms for organisers: an anonymous evaluation form per event or session,
// built from the standard template, opened, closed, versioned, and read as aggregated
// results. Participants answer in worker/routes/feedback-answers.ts. What is stored, and
// why no answer can be tied to a person: worker/db/feedback.ts and the README.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { createForm, loadForm, newVersion, replaceQuestions } from "../db/feedback";
import {
  changeForm,
  formResults,
  formStatuses,
  formsOfEvent,
  formView,
  sessionTitleOf,
  setFormStatus,
} from "../db/feedback-forms";
import {
  DEFAULT_MIN_RESPONSES,
  LOWEST_MIN_RESPONSES,
  MAX_QUESTIONS,
  QuestionInputSchema,
  questionKinds,
  resultRows,
  standardTemplate,
} from "../domain/feedback";
import type { AppEnv } from "../env";
import { csvFile } from "../lib/csv";
import { eventAccess, feedbackFormAccess } from "../lib/guards";
import { slugOf } from "../lib/ics";
import { ApiError, localeOf } from "../lib/problem";
import { createRouter } from "../lib/router";
import { idParam, jsonContent, problemResponses, safeText } from "../lib/schemas";

const EventIdParam = idParam("eventId");
const FormIdParam = idParam("formId");

export const QuestionSchema = z
  .object({
    id: z.string(),
    kind: z.enum(questionKinds),
    prompt: z.string(),
    options: z.array(z.string()),
    required: z.boolean(),
  })
  .openapi("FeedbackQuestion");

const FormSchema = z
  .object({
    id: z.string(),
    eventId: z.string(),
    eventTitle: z.string(),
    sessionId: z.string().nullable(),
    sessionTitle: z.string().nullable(),
    title: z.string(),
    version: z.number().int(),
    previousFormId: z.string().nullable(),
    status: z.enum(formStatuses),
    minResponses: z.number().int(),
    frozen: z.boolean().openapi({ description: "True once the form has a response: questions can no longer change" }),
    responses: z.number().int().openapi({ description: "How many have answered (never who)" }),
    questions: z.array(QuestionSchema),
  })
  .openapi("FeedbackForm");

const MinResponses = z
  .number()
  .int()
  .min(LOWEST_MIN_RESPONSES)
  .max(1000)
  .openapi({ description: `Results stay hidden below this many responses (at least ${LOWEST_MIN_RESPONSES})` });

const CreateFormInput = z
  .object({
    sessionId: z.string().min(1).max(100).nullable().openapi({ description: "Null: a form for the whole event" }),
    title: safeText(200).min(1).optional(),
    template: z.enum(["standard", "empty"]).default("standard"),
    minResponses: MinResponses.default(DEFAULT_MIN_RESPONSES),
  })
  .openapi("FeedbackFormInput");

const PatchFormInput = z
  .object({ title: safeText(200).min(1).optional(), minResponses: MinResponses.optional() })
  .openapi("FeedbackFormPatch");

const QuestionsInput = z
  .object({ questions: z.array(QuestionInputSchema).max(MAX_QUESTIONS) })
  .openapi("FeedbackQuestionsInput");

const DistributionSchema = z.array(z.object({ value: z.string(), count: z.number().int() }));

const ResultSchema = z
  .object({
    formId: z.string(),
    title: z.string(),
    eventTitle: z.string(),
    sessionTitle: z.string().nullable(),
    status: z.enum(formStatuses),
    responses: z.number().int(),
    minResponses: z.number().int(),
    hidden: z.boolean().openapi({ description: "True while fewer than `minResponses` answered: no figures at all" }),
    questions: z.array(
      z.object({
        questionId: z.string(),
        kind: z.enum(questionKinds),
        prompt: z.string(),
        labels: z.array(z.string()).optional(),
        answered: z.number().int(),
        distribution: DistributionSchema.optional(),
        mean: z.number().nullable().optional(),
        median: z.number().nullable().optional(),
        texts: z.array(z.string()).optional(),
      }),
    ),
    trend: z.array(
      z.object({
        prompt: z.string(),
        points: z.array(
          z.object({
            sessionId: z.string(),
            position: z.number().int(),
            title: z.string(),
            startsAt: z.string(),
            answered: z.number().int(),
            mean: z.number().nullable(),
            hidden: z.boolean(),
          }),
        ),
      }),
    ),
  })
  .openapi("FeedbackResults");

/** A form as the API shows it; `feedback_form_not_found` if it is gone. */
export async function present(c: Context<AppEnv>, formId: string) {
  const view = await formView(c.var.db, formId);
  if (!view) throw new ApiError("feedback_form_not_found");
  return view;
}

async function results(c: Context<AppEnv>, formId: string) {
  const loaded = await loadForm(c.var.db, formId);
  if (!loaded) throw new ApiError("feedback_form_not_found");
  const r = await formResults(c.var.db, loaded.form, loaded.questions);
  if (!r) throw new ApiError("feedback_form_not_found");
  return { form: loaded.form, results: r };
}

const setStatus = async (c: Context<AppEnv>, from: "draft" | "open", to: "open" | "closed") => {
  const form = c.var.feedbackForm;
  if (!(await setFormStatus(c.var.db, form.id, from, to))) throw new ApiError("feedback_form_not_draft");
  return c.json(await present(c, form.id), 200);
};

export const feedback = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/events/{eventId}/feedback-forms",
      tags: ["Feedback"],
      summary: "The feedback forms of an event, with how many answered each (never who)",
      middleware: [eventAccess("organiser")] as const,
      request: { params: EventIdParam },
      responses: {
        200: jsonContent(z.object({ items: z.array(FormSchema.omit({ questions: true })) }), "Newest first"),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const event = c.var.event;
      const forms = await formsOfEvent(c.var.db, event.id);
      return c.json(
        {
          items: forms.map(({ form, sessionTitle, responses }) => ({
            id: form.id,
            eventId: form.eventId,
            eventTitle: event.title,
            sessionId: form.sessionId,
            sessionTitle,
            title: form.title,
            version: form.version,
            previousFormId: form.previousFormId,
            status: form.status,
            minResponses: form.minResponses,
            frozen: form.frozen,
            responses,
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/events/{eventId}/feedback-forms",
      tags: ["Feedback"],
      summary: "Create a feedback form (a draft) for the event or one session, from the standard template",
      middleware: [eventAccess("organiser")] as const,
      request: {
        params: EventIdParam,
        body: { content: { "application/json": { schema: CreateFormInput } }, required: true },
      },
      responses: {
        201: jsonContent(FormSchema, "The new draft"),
        ...problemResponses(400, 401, 403, 404, 422),
      },
    }),
    async (c) => {
      const event = c.var.event;
      const input = c.req.valid("json");
      const locale = localeOf(c);
      let sessionTitle = "";
      if (input.sessionId !== null) {
        const title = await sessionTitleOf(c.var.db, event.id, input.sessionId);
        if (title === null) throw new ApiError("event_session_not_found");
        sessionTitle = title;
      }
      const title =
        input.title ??
        (locale === "de" ? `Rückmeldung: ${sessionTitle || event.title}` : `Feedback: ${sessionTitle || event.title}`);
      const id = await createForm(
        c.var.db,
        { eventId: event.id, sessionId: input.sessionId, title, minResponses: input.minResponses },
        input.template === "standard" ? standardTemplate(locale) : [],
      );
      return c.json(await present(c, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/feedback-forms/{formId}",
      tags: ["Feedback"],
      summary: "A feedback form with its questions, for the form builder",
      middleware: [feedbackFormAccess] as const,
      request: { params: FormIdParam },
      responses: { 200: jsonContent(FormSchema, "The form"), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await present(c, c.var.feedbackForm.id), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/feedback-forms/{formId}",
      tags: ["Feedback"],
      summary: "Change the title or the minimum number of responses (the minimum only before the first response)",
      middleware: [feedbackFormAccess] as const,
      request: {
        params: FormIdParam,
        body: { content: { "application/json": { schema: PatchFormInput } }, required: true },
      },
      responses: { 200: jsonContent(FormSchema, "The form"), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const form = c.var.feedbackForm;
      if (!(await changeForm(c.var.db, form, c.req.valid("json")))) throw new ApiError("feedback_form_frozen");
      return c.json(await present(c, form.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/feedback-forms/{formId}/questions",
      tags: ["Feedback"],
      summary: "Replace the questions (their order is the list's); refused once the form has a response",
      description:
        "409 `feedback_form_frozen` once anybody answered: make a new version instead. Questions keep their ids where the same ids are sent.",
      middleware: [feedbackFormAccess] as const,
      request: {
        params: FormIdParam,
        body: { content: { "application/json": { schema: QuestionsInput } }, required: true },
      },
      responses: { 200: jsonContent(FormSchema, "The form"), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const form = c.var.feedbackForm;
      if (form.status === "closed") throw new ApiError("feedback_form_closed");
      const ok = await replaceQuestions(c.var.db, form.id, c.req.valid("json").questions);
      if (!ok) throw new ApiError("feedback_form_frozen");
      return c.json(await present(c, form.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/feedback-forms/{formId}/open",
      tags: ["Feedback"],
      summary: "Open a draft for answers",
      middleware: [feedbackFormAccess] as const,
      request: { params: FormIdParam },
      responses: { 200: jsonContent(FormSchema, "Open"), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const loaded = await loadForm(c.var.db, c.var.feedbackForm.id);
      if (loaded && loaded.questions.length === 0) throw new ApiError("feedback_form_empty");
      return setStatus(c, "draft", "open");
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/feedback-forms/{formId}/close",
      tags: ["Feedback"],
      summary: "Close an open form: no more answers",
      middleware: [feedbackFormAccess] as const,
      request: { params: FormIdParam },
      responses: { 200: jsonContent(FormSchema, "Closed"), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => setStatus(c, "open", "closed"),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/feedback-forms/{formId}/versions",
      tags: ["Feedback"],
      summary: "A new version: a draft copy of the form with version + 1; the old form closes",
      middleware: [feedbackFormAccess] as const,
      request: { params: FormIdParam },
      responses: { 201: jsonContent(FormSchema, "The new draft"), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const loaded = await loadForm(c.var.db, c.var.feedbackForm.id);
      if (!loaded) throw new ApiError("feedback_form_not_found");
      const id = await newVersion(c.var.db, loaded.form, loaded.questions);
      return c.json(await present(c, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/feedback-forms/{formId}/results",
      tags: ["Feedback"],
      summary: "Aggregated results: per question the distribution (mean and median for scales), free texts, trend",
      description:
        "While fewer than `minResponses` answered, only the count and `hidden: true` — no distribution, no text. " +
        "Free texts come sorted alphabetically. The trend follows each scale question (same prompt) across the " +
        "session forms of the event; each point is hidden below the minimum as well.",
      middleware: [feedbackFormAccess] as const,
      request: { params: FormIdParam },
      responses: { 200: jsonContent(ResultSchema, "The results"), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json((await results(c, c.var.feedbackForm.id)).results, 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/feedback-forms/{formId}/results.csv",
      tags: ["Feedback"],
      summary: "The aggregated results as CSV for German Excel (only from the minimum number of responses on)",
      description:
        "UTF-8 with BOM, semicolons: one row per question and value with its count, the mean and median of each " +
        "scale, one row per free text. 409 `feedback_results_hidden` below the minimum.",
      middleware: [feedbackFormAccess] as const,
      request: { params: FormIdParam },
      responses: {
        200: { description: "The results", content: { "text/csv": { schema: z.string() } } },
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { form, results: r } = await results(c, c.var.feedbackForm.id);
      if (r.hidden) throw new ApiError("feedback_results_hidden");
      const de = localeOf(c) === "de";
      const header = de
        ? ["Nr.", "Frage", "Art", "Wert", "Anzahl", "Antworten auf die Frage", "Mittelwert", "Median", "Freitext"]
        : ["No.", "Question", "Kind", "Value", "Count", "Answers to the question", "Mean", "Median", "Free text"];
      const csv = csvFile(header, [
        ...resultRows(r.questions),
        [],
        [de ? "Rückmeldungen insgesamt" : "Responses in total", r.responses],
      ]);
      return c.body(csv, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="rueckmeldungen-${slugOf(form.title)}.csv"`,
        "cache-control": "no-store",
      });
    },
  );
