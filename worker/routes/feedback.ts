// Feedback: organisers build an anonymous evaluation form per event or session
// and read aggregated results; participants who attended answer once, by their
// personal link or by a link of their own mailed for the form (when the session
// ends, or when they ask for one from the QR code on the last slide). Only these
// secrets of the participant's own say who answers: a ticket code is the
// registration's id, which organisers and institution contacts see, so it must
// not let anyone answer or find out whether someone answered. What is stored,
// and why no answer can be tied to a person: worker/db/feedback.ts and the README.
import { createRoute, z } from "@hono/zod-openapi";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Context } from "hono";
import {
  answerState,
  countsAndTexts,
  createForm,
  type FeedbackForm,
  formsForRegistration,
  loadForm,
  mailFeedbackLink,
  newVersion,
  registrationOfInvitation,
  replaceQuestions,
  responseCount,
  responseCounts,
  submitAnswer,
  trendInput,
} from "../db/feedback";
import { networkStatusOfEvent } from "../db/operator";
import { reachedByToken } from "../db/personal-links";
import { eventSessions, events, feedbackForms, formStatuses, registrations } from "../db/schema";
import {
  answersSchema,
  DEFAULT_MIN_RESPONSES,
  LOWEST_MIN_RESPONSES,
  MAX_QUESTIONS,
  type Question,
  QuestionInputSchema,
  questionKinds,
  resultRows,
  resultsHidden,
  standardTemplate,
  summarise,
  trendOf,
} from "../domain/feedback";
import type { AppEnv } from "../env";
import { hashToken, normaliseEmail } from "../lib/auth";
import { csvFile } from "../lib/csv";
import { eventAccess, feedbackFormAccess, refuseIfSuspended } from "../lib/guards";
import { slugOf } from "../lib/ics";
import { deliverAfterResponse } from "../lib/mail";
import { requirePublicOrigin } from "../lib/origin";
import { ApiError, localeOf } from "../lib/problem";
import { clientKey, linkRequestAllowed, mayMailAddress } from "../lib/rate-limit";
import { createRouter, fieldErrors } from "../lib/router";
import { idParam, jsonContent, problemResponses, safeText } from "../lib/schemas";

const EventIdParam = idParam("eventId");
const FormIdParam = idParam("formId");

const QuestionSchema = z
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

type FormOut = z.infer<typeof FormSchema>;

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

const AnswerValue = z.union([z.number(), z.string(), z.array(z.string())]);

const ResponseInput = z
  .object({
    answers: z.record(z.string(), AnswerValue).openapi({
      description:
        "By question id: an integer 1–5 for a scale, an option for a single choice, a list of options for a multiple choice, a text",
    }),
  })
  .openapi("FeedbackResponseInput");

const LinkRequestInput = z
  .object({
    email: z.email().max(254).transform(normaliseEmail),
    locale: z.enum(["de", "en"]).optional(),
  })
  .openapi("FeedbackLinkRequest");

/**
 * Link requests per address and form (and client), and per client, in an hour: enough for
 * typos, too few to flood a mailbox; at most 6 such mails to one address and form, whoever asks.
 */
const LINK_LIMITS = { perAddressAndClient: 3, perClient: 30, mailsPerAddress: 6, windowMs: 3_600_000 };

const AnswerHeaders = z.object({
  "x-participant-token": z.string().min(20).max(200).optional().openapi({ description: "Token of the personal link" }),
  "x-feedback-token": z
    .string()
    .min(20)
    .max(200)
    .optional()
    .openapi({ description: "Token of the link in the mail sent when the session ended" }),
});

const PublicFormSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    eventTitle: z.string(),
    sessionTitle: z.string().nullable(),
    status: z.enum(["open", "closed"]),
    questions: z.array(QuestionSchema),
    you: z
      .object({ attended: z.boolean(), answered: z.boolean() })
      .nullable()
      .openapi({ description: "With a personal or mailed link: whether that person may still answer" }),
  })
  .openapi("FeedbackFormPublic");

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

async function present(c: Context<AppEnv>, formId: string): Promise<FormOut> {
  const loaded = await loadForm(c.var.db, formId);
  if (!loaded) throw new ApiError("feedback_form_not_found");
  const { form, questions } = loaded;
  const [event] = await c.var.db.select({ title: events.title }).from(events).where(eq(events.id, form.eventId));
  const [session] = form.sessionId
    ? await c.var.db
        .select({ title: eventSessions.title })
        .from(eventSessions)
        .where(eq(eventSessions.id, form.sessionId))
    : [];
  return {
    id: form.id,
    eventId: form.eventId,
    eventTitle: event?.title ?? "",
    sessionId: form.sessionId,
    sessionTitle: session?.title ?? null,
    title: form.title,
    version: form.version,
    previousFormId: form.previousFormId,
    status: form.status,
    minResponses: form.minResponses,
    frozen: form.frozen,
    responses: await responseCount(c.var.db, form.id),
    questions,
  };
}

/** The registration behind an answer: the personal link or the mailed link, secrets only the participant holds. */
async function answeringRegistration(
  c: Context<AppEnv>,
  formId: string,
  headers: z.infer<typeof AnswerHeaders>,
): Promise<string> {
  const db = c.var.db;
  const personal = headers["x-participant-token"];
  if (personal) {
    const [row] = await db
      .select({ id: registrations.id })
      .from(registrations)
      .where(and(reachedByToken(db, await hashToken(personal)), isNull(registrations.anonymisedAt)))
      .limit(1);
    if (!row) throw new ApiError("participant_link_invalid");
    return row.id;
  }
  const mailed = headers["x-feedback-token"];
  if (mailed) {
    const id = await registrationOfInvitation(db, formId, mailed);
    if (!id) throw new ApiError("participant_link_invalid");
    return id;
  }
  throw new ApiError("feedback_link_required");
}

/** Forms answerable from the outside: open or closed, never a draft. */
async function publicForm(c: Context<AppEnv>, formId: string) {
  const loaded = await loadForm(c.var.db, formId);
  if (!loaded || loaded.form.status === "draft") throw new ApiError("feedback_form_not_found");
  refuseIfSuspended(c, { status: await networkStatusOfEvent(c.var.db, loaded.form.eventId) });
  return loaded;
}

async function results(c: Context<AppEnv>, form: FeedbackForm, questions: Question[]) {
  const db = c.var.db;
  const responses = await responseCount(db, form.id);
  const hidden = resultsHidden(responses, form.minResponses);
  const base = await present(c, form.id);
  let figures: ReturnType<typeof summarise> = [];
  if (!hidden) {
    const { counts, texts } = await countsAndTexts(db, [form.id]);
    figures = summarise(questions, counts, texts);
  }
  const trendData = await trendInput(db, form.eventId);
  const trend = trendOf(questions, trendData.sessions, trendData.forms, form.minResponses).filter(
    (t) => t.points.length > 1,
  );
  return {
    formId: form.id,
    title: form.title,
    eventTitle: base.eventTitle,
    sessionTitle: base.sessionTitle,
    status: form.status,
    responses,
    minResponses: form.minResponses,
    hidden,
    questions: figures,
    trend,
  };
}

const setStatus = async (c: Context<AppEnv>, from: "draft" | "open", to: "open" | "closed") => {
  const form = c.var.feedbackForm;
  const updated = await c.var.db
    .update(feedbackForms)
    .set({ status: to })
    .where(and(eq(feedbackForms.id, form.id), eq(feedbackForms.status, from)))
    .returning({ id: feedbackForms.id });
  if (updated.length === 0) throw new ApiError("feedback_form_not_draft");
  return c.json(await present(c, form.id), 200);
};

export const feedback = createRouter()
  // -------------------------------------------------------------------------
  // Organisers
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
      const forms = await c.var.db
        .select({ form: feedbackForms, sessionTitle: eventSessions.title })
        .from(feedbackForms)
        .leftJoin(eventSessions, eq(eventSessions.id, feedbackForms.sessionId))
        .where(eq(feedbackForms.eventId, event.id))
        .orderBy(asc(eventSessions.position), asc(feedbackForms.version));
      const counts = await responseCounts(
        c.var.db,
        forms.map((f) => f.form.id),
      );
      return c.json(
        {
          items: forms.map(({ form, sessionTitle }) => ({
            id: form.id,
            eventId: form.eventId,
            eventTitle: event.title,
            sessionId: form.sessionId,
            sessionTitle: sessionTitle ?? null,
            title: form.title,
            version: form.version,
            previousFormId: form.previousFormId,
            status: form.status,
            minResponses: form.minResponses,
            frozen: form.frozen,
            responses: counts.get(form.id) ?? 0,
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
        const [session] = await c.var.db
          .select()
          .from(eventSessions)
          .where(and(eq(eventSessions.id, input.sessionId), eq(eventSessions.eventId, event.id)));
        if (!session) throw new ApiError("event_session_not_found");
        sessionTitle = session.title;
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
      const input = c.req.valid("json");
      if (input.minResponses !== undefined && input.minResponses !== form.minResponses) {
        // Lowering the minimum after answers came in could reveal them: only before the first answer.
        const updated = await c.var.db
          .update(feedbackForms)
          .set({ minResponses: input.minResponses })
          .where(and(eq(feedbackForms.id, form.id), eq(feedbackForms.frozen, false)))
          .returning({ id: feedbackForms.id });
        if (updated.length === 0) throw new ApiError("feedback_form_frozen");
      }
      if (input.title !== undefined)
        await c.var.db.update(feedbackForms).set({ title: input.title }).where(eq(feedbackForms.id, form.id));
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
    async (c) => {
      const loaded = await loadForm(c.var.db, c.var.feedbackForm.id);
      if (!loaded) throw new ApiError("feedback_form_not_found");
      return c.json(await results(c, loaded.form, loaded.questions), 200);
    },
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
      const loaded = await loadForm(c.var.db, c.var.feedbackForm.id);
      if (!loaded) throw new ApiError("feedback_form_not_found");
      const r = await results(c, loaded.form, loaded.questions);
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
        "content-disposition": `attachment; filename="rueckmeldungen-${slugOf(loaded.form.title)}.csv"`,
        "cache-control": "no-store",
      });
    },
  )
  // -------------------------------------------------------------------------
  // Participants
  .openapi(
    createRoute({
      method: "get",
      path: "/feedback/{formId}",
      tags: ["Feedback"],
      summary: "A published feedback form, for answering (public: the questions are not personal)",
      description:
        "With a personal or mailed link token in the header, `you` tells whether that person attended and already answered; " +
        "without one, `you` is null.",
      request: { params: FormIdParam, headers: AnswerHeaders },
      responses: { 200: jsonContent(PublicFormSchema, "The form"), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { form, questions } = await publicForm(c, c.req.valid("param").formId);
      const headers = c.req.valid("header");
      let you: { attended: boolean; answered: boolean } | null = null;
      if (headers["x-participant-token"] || headers["x-feedback-token"]) {
        const registrationId = await answeringRegistration(c, form.id, headers);
        you = await answerState(c.var.db, form.id, registrationId);
      }
      const base = await present(c, form.id);
      return c.json(
        {
          id: form.id,
          title: form.title,
          eventTitle: base.eventTitle,
          sessionTitle: base.sessionTitle,
          status: form.status === "open" ? ("open" as const) : ("closed" as const),
          questions,
          you,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/feedback/{formId}/links",
      tags: ["Feedback"],
      summary: "Mail a link for answering this form to a participant's address (from the QR code on a slide)",
      description:
        "Always 202 with the same body, whether or not the address belongs to someone present: only the mailbox " +
        "learns. If it does (answered already or not: the link's page tells), a mail with a link of its own (`/rueckmeldung/{formId}#k=…`) is " +
        "written beside any earlier one, which keeps working. The work is the same " +
        "either way (one batch whose statements decide). Rate-limited per address and client together, and per client. " +
        "409 `feedback_form_closed` once the form is closed.",
      request: {
        params: FormIdParam,
        body: { content: { "application/json": { schema: LinkRequestInput } }, required: true },
      },
      responses: {
        202: jsonContent(z.object({ status: z.literal("sent") }), "If the address may answer, a mail is on its way"),
        ...problemResponses(400, 404, 409, 429, 503),
      },
    }),
    async (c) => {
      const { form } = await publicForm(c, c.req.valid("param").formId);
      if (form.status !== "open") throw new ApiError("feedback_form_closed");
      const input = c.req.valid("json");
      const db = c.var.db;
      const now = new Date();
      const origin = requirePublicOrigin(c.env, c.req.url);
      const client = await clientKey(c.req.header("cf-connecting-ip") ?? "local", c.env.RATE_LIMIT_SECRET, now);
      const request = { scope: "feedback-link", address: await hashToken(`${form.id} ${input.email}`), client };
      if (!(await linkRequestAllowed(db, request, LINK_LIMITS, now))) throw new ApiError("rate_limited");
      if (await mayMailAddress(db, request, LINK_LIMITS, now))
        await mailFeedbackLink(db, { form, email: input.email, origin, locale: input.locale ?? localeOf(c), now });
      deliverAfterResponse(c);
      return c.json({ status: "sent" as const }, 202);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/feedback/{formId}/responses",
      tags: ["Feedback"],
      summary: "Answer a feedback form, once, if present at the session",
      description:
        "Who answers is taken from the personal link (`x-participant-token`) or the mailed link (`x-feedback-token`), " +
        "never from a ticket code: 401 `feedback_link_required` without either. The answers are checked against the questions first; nothing is written " +
        "on bad input. Then one atomic batch records that this registration answered and, only if that was new, " +
        "adds the answers to the counts (and the texts as loose rows), with nothing that leads back to the person. " +
        "409 `feedback_already_answered`, 403 `feedback_not_attended`, 409 `feedback_form_closed`.",
      request: {
        params: FormIdParam,
        headers: AnswerHeaders,
        body: { content: { "application/json": { schema: ResponseInput } }, required: true },
      },
      responses: {
        201: jsonContent(z.object({ status: z.literal("counted") }), "Counted, anonymously"),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { form, questions } = await publicForm(c, c.req.valid("param").formId);
      const input = c.req.valid("json");
      if (form.status !== "open") throw new ApiError("feedback_form_closed");
      const parsed = answersSchema(questions).safeParse(input.answers);
      if (!parsed.success)
        throw new ApiError(
          "validation_failed",
          fieldErrors(parsed.error, localeOf(c)).map((e) => ({ ...e, path: `answers.${e.path}` })),
        );
      const registrationId = await answeringRegistration(c, form.id, c.req.valid("header"));
      const outcome = await submitAnswer(c.var.db, {
        form,
        questions,
        registrationId,
        answers: parsed.data as Record<string, number | string | string[]>,
      });
      if (outcome !== "counted") throw new ApiError(outcome);
      return c.json({ status: "counted" as const }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/participation/feedback",
      tags: ["Participation"],
      summary: "The open feedback forms the participant may answer (attended), and whether they did",
      request: {
        headers: z.object({
          "x-participant-token": z.string().min(20).max(200).openapi({ description: "Token from the personal link" }),
        }),
      },
      responses: {
        200: jsonContent(
          z.object({
            items: z.array(
              z.object({
                id: z.string(),
                title: z.string(),
                sessionTitle: z.string().nullable(),
                answered: z.boolean(),
              }),
            ),
          }),
          "Open forms of the registration's event that it may answer",
        ),
        ...problemResponses(400, 401),
      },
    }),
    async (c) => {
      const registrationId = await answeringRegistration(c, "", c.req.valid("header"));
      const forms = await formsForRegistration(c.var.db, registrationId);
      const sessionIds = forms.flatMap((f) => (f.session_id ? [f.session_id] : []));
      const sessions =
        sessionIds.length === 0
          ? []
          : await c.var.db
              .select({ id: eventSessions.id, title: eventSessions.title })
              .from(eventSessions)
              .where(inArray(eventSessions.id, sessionIds));
      return c.json(
        {
          items: forms.map((f) => ({
            id: f.id,
            title: f.title,
            sessionTitle: sessions.find((s) => s.id === f.session_id)?.title ?? null,
            answered: Boolean(f.answered),
          })),
        },
        200,
      );
    },
  );
