// Answering feedback: participants who attended answer once, by their personal link or by
// a link of their own mailed for the form (when the session ends, or when they ask for one
// from the QR code on the last slide). Only these secrets of the participant's own say who
// answers: a ticket code is the registration's id, which organisers and institution
// contacts see, so it must not let anyone answer or find out whether someone answered.
// The forms themselves: worker/routes/feedback.ts; what is stored: worker/db/feedback.ts.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { answerState, loadForm, mailFeedbackLink, registrationOfInvitation, submitAnswer } from "../db/feedback";
import { openFormsOf, registrationOfPersonalLink } from "../db/feedback-answers";
import { networkStatusOfEvent } from "../db/operator";
import { answersSchema } from "../domain/feedback";
import type { AppEnv } from "../env";
import { hashToken, normaliseEmail } from "../lib/auth";
import { refuseIfSuspended } from "../lib/guards";
import { deliverAfterResponse } from "../lib/mail";
import { requirePublicOrigin } from "../lib/origin";
import { ApiError, localeOf } from "../lib/problem";
import { clientKey, linkRequestAllowed, mayMailAddress } from "../lib/rate-limit";
import { createRouter, fieldErrors } from "../lib/router";
import { idParam, jsonContent, problemResponses } from "../lib/schemas";
import { present, QuestionSchema } from "./feedback";

const FormIdParam = idParam("formId");

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

/** The registration behind an answer: the personal link or the mailed link, secrets only the participant holds. */
async function answeringRegistration(
  c: Context<AppEnv>,
  formId: string,
  headers: z.infer<typeof AnswerHeaders>,
): Promise<string> {
  const personal = headers["x-participant-token"];
  if (personal) {
    const id = await registrationOfPersonalLink(c.var.db, personal);
    if (!id) throw new ApiError("participant_link_invalid");
    return id;
  }
  const mailed = headers["x-feedback-token"];
  if (mailed) {
    const id = await registrationOfInvitation(c.var.db, formId, mailed);
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

export const feedbackAnswers = createRouter()
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
      return c.json({ items: await openFormsOf(c.var.db, registrationId) }, 200);
    },
  );
