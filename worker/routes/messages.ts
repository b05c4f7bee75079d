// Messages to an event's audiences: the history, a preview as one real recipient sees it, a
// test mail to oneself, and sending (the mails go out through the JOBS queue). Organisers
// write to any audience; an institution contact to its own institution's registrants.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { withOrigin } from "../db/fan-out";
import {
  audienceRefersToEvent,
  type MessageInput,
  type MessageWriter,
  messageHistory,
  previewMessage,
  sendMessage,
  testMessage,
} from "../db/messages";
import { contactFilters, refuseAudience, registrantStatuses } from "../domain/message-audience";
import { unknownPlaceholders } from "../domain/message-text";
import type { AppEnv } from "../env";
import { isOrganiserOf, requireAuth } from "../lib/auth";
import { eventAccess, signedIn } from "../lib/guards";
import { deliverAfterResponse } from "../lib/mail";
import { requirePublicOrigin } from "../lib/origin";
import { ApiError } from "../lib/problem";
import { createRouter } from "../lib/router";
import { jsonContent, problemResponses, safeText } from "../lib/schemas";
import { EventIdParam } from "./registrations";

const id = z.string().min(1).max(100);

const AudienceSchema = z
  .discriminatedUnion("group", [
    z
      .object({
        group: z.literal("registrants"),
        status: z.enum(registrantStatuses),
        sessionId: id.optional().openapi({
          description:
            "Those attending this session: registered without a track, or in a track of the whole event or of this session",
        }),
        trackId: id.optional(),
        institutionId: id.optional().openapi({ description: "Required for institution contacts: their own" }),
      })
      .strict(),
    z
      .object({
        group: z.literal("contacts"),
        filter: z.enum(contactFilters).openapi({
          description: "`unused_quota`: only institutions holding fewer places than their quota",
        }),
      })
      .strict(),
  ])
  .openapi("MessageAudience");

const MessageInputSchema = z
  .object({
    audience: AudienceSchema,
    subject: safeText(200).min(1),
    body: safeText(20_000)
      .min(1)
      .openapi({
        description:
          "Plain text. Placeholders (case-insensitive, German or English): {Name}/{name}, {Veranstaltung}/{event}, " +
          "{Termine}/{dates}, {Ort}/{venue}, {Link}/{link} (a registrant's personal link; for contacts the event's page).",
      }),
  })
  .openapi("MessageInput");

const MessageSummarySchema = z
  .object({
    id: z.string(),
    kind: z.enum(["message", "session_reminder", "quota_reminder", "deadline_summary", "feedback_invitation"]),
    audience: z.record(z.string(), z.unknown()).openapi({ description: "As chosen (see MessageAudience)" }),
    subject: z.string(),
    body: z.string(),
    createdAt: z.string().openapi({ format: "date-time" }),
    authorName: z.string().nullable(),
    institutionName: z.string().nullable().openapi({ description: "Set when an institution's contact wrote" }),
    recipientCount: z.number().int(),
    delivery: z
      .object({
        delivered: z.number().int(),
        failed: z.number().int(),
        waiting: z.number().int().openapi({ description: "Not sent yet, including mails not written yet" }),
        undeliverable: z.number().int().openapi({ description: "Could not be written at all" }),
        skipped: z.number().int().openapi({
          description: "Left out when the mails were written: cancelled since, reminders turned off, or erased",
        }),
      })
      .openapi("MessageDelivery"),
  })
  .openapi("MessageSummary");

const PreviewSchema = z
  .object({
    recipientCount: z.number().int(),
    sample: z
      .object({ to: z.string(), locale: z.enum(["de", "en"]), subject: z.string(), text: z.string(), html: z.string() })
      .nullable()
      .openapi({ description: "The mail of the first recipient; personal links are shown, not made" }),
  })
  .openapi("MessagePreview");

const body = { content: { "application/json": { schema: MessageInputSchema } }, required: true };

/** The contacts' institutions of the caller in the event's network. */
const contactInstitutions = (c: Context<AppEnv>) =>
  requireAuth(c)
    .roles.filter((r) => r.role === "institution_contact" && r.networkId === c.var.event.networkId)
    .flatMap((r) => (r.institutionId ? [r.institutionId] : []));

/** Organiser or contact of the event's network, else 403; null institutions: an organiser. */
function callerOf(c: Context<AppEnv>): string[] | null {
  const auth = requireAuth(c);
  if (isOrganiserOf(auth, c.var.event.networkId)) return null;
  const own = contactInstitutions(c);
  if (own.length === 0) throw new ApiError("forbidden");
  return own;
}

/** Checks a message as written: who may write to this audience, its placeholders, its references. */
async function checked(c: Context<AppEnv>, input: MessageInput): Promise<MessageWriter> {
  const own = callerOf(c);
  const refusal = refuseAudience(input.audience, own ? { organiser: false, institutionIds: own } : { organiser: true });
  if (refusal === "institution_required") throw new ApiError("message_institution_required");
  if (refusal) throw new ApiError("message_audience_forbidden");
  const unknown = unknownPlaceholders(`${input.subject}\n${input.body}`);
  if (unknown.length > 0)
    throw new ApiError("message_unknown_placeholder", [], undefined, {
      detail: {
        de: `Diese Platzhalter gibt es nicht: ${unknown.join(", ")}. Möglich sind {Name}, {Veranstaltung}, {Termine}, {Ort} und {Link}.`,
        en: `These placeholders do not exist: ${unknown.join(", ")}. Possible are {name}, {event}, {dates}, {venue} and {link}.`,
      },
    });
  if (!(await audienceRefersToEvent(c.var.db, c.var.event, input.audience)))
    throw new ApiError("message_audience_unknown");
  const auth = requireAuth(c);
  const institutionId = own && input.audience.group === "registrants" ? (input.audience.institutionId ?? null) : null;
  return { accountId: auth.accountId, email: auth.email, institutionId };
}

export const messagesRouter = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/events/{eventId}/messages",
      tags: ["Messages"],
      summary: "The event's message history with each message's delivery (contacts: their institutions' own)",
      middleware: [signedIn, eventAccess("visible")] as const,
      request: { params: EventIdParam },
      responses: {
        200: jsonContent(z.object({ items: z.array(MessageSummarySchema) }), "Newest first"),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const items = await messageHistory(c.var.db, c.var.event.id, callerOf(c));
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/events/{eventId}/messages/preview",
      tags: ["Messages"],
      summary: "How many the message reaches and the mail its first recipient would get; writes nothing",
      middleware: [signedIn, eventAccess("visible")] as const,
      request: { params: EventIdParam, body },
      responses: {
        200: jsonContent(PreviewSchema, "The preview"),
        ...problemResponses(400, 401, 403, 404, 422, 503),
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const writer = await checked(c, input);
      const origin = requirePublicOrigin(c.env, c.req.url);
      const preview = await previewMessage(c.var.db, origin, c.var.eventMail, c.var.event, input, writer);
      return c.json(preview, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/events/{eventId}/messages/test",
      tags: ["Messages"],
      summary: "A test mail to one's own address, as the first recipient would get it; not in the history",
      middleware: [signedIn, eventAccess("visible")] as const,
      request: { params: EventIdParam, body },
      responses: {
        202: jsonContent(z.object({ to: z.string() }).openapi("MessageTest"), "Written to the outbox"),
        ...problemResponses(400, 401, 403, 404, 422, 503),
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const writer = await checked(c, input);
      const origin = requirePublicOrigin(c.env, c.req.url);
      const sent = await testMessage(c.var.db, origin, c.var.eventMail, c.var.event, input, writer);
      if (!sent) throw new ApiError("message_no_recipients");
      deliverAfterResponse(c);
      return c.json(sent, 202);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/events/{eventId}/messages",
      tags: ["Messages"],
      summary: "Send a message: its recipients are fixed now, each gets one mail in their language (via the queue)",
      middleware: [signedIn, eventAccess("visible")] as const,
      request: { params: EventIdParam, body },
      responses: {
        202: jsonContent(MessageSummarySchema, "Written; its mails are on the way"),
        ...problemResponses(400, 401, 403, 404, 422, 503),
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const writer = await checked(c, input);
      // The consumer builds links from the public origin (locally: where this request arrived).
      const origin = requirePublicOrigin(c.env, c.req.url);
      const summary = await sendMessage(c.var.db, withOrigin(c.env.JOBS, origin), c.var.event, input, writer);
      if (!summary) throw new ApiError("message_no_recipients");
      return c.json(summary, 202);
    },
  );
