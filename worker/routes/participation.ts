import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { acceptOffer, cancelRegistration, setRemindersOff } from "../db/allocation";
import type { Db } from "../db/client";
import {
  attendanceKinds,
  eventStatuses,
  eventTypes,
  type ParticipationRecord,
  participationByToken,
  participationOf,
} from "../db/participation";
import { personalDataOf } from "../db/personal-data";
import { adoptRequestedLink, revokePersonalLinks } from "../db/personal-links";
import { eventEnded } from "../domain/event-state";
import type { AppEnv } from "../env";
import { auditInsert } from "../lib/audit";
import { hashToken } from "../lib/auth";
import { refuseIfSuspended } from "../lib/guards";
import { calendarFile, slugOf } from "../lib/ics";
import { deliverAfterResponse } from "../lib/mail";
import { ApiError } from "../lib/problem";
import { qrShape } from "../lib/qr";
import { createRouter } from "../lib/router";
import { runContextOf } from "../lib/run-context";
import { jsonContent, problemResponses, QrShapeSchema } from "../lib/schemas";
import { certificateOf } from "./documents";
import { ErasureSchema, logPersonRequest, PersonalDataSchema, withdrawAndErase } from "./privacy";

// Participants have no account: the personal link in their mail carries a token,
// sent back in this header (never in the URL, which ends up in logs).
const TokenHeader = z.object({
  "x-participant-token": z.string().min(20).max(200).openapi({ description: "Token from the personal link" }),
});

const iso = z.string().openapi({ format: "date-time" });

const ParticipationSchema = z
  .object({
    registration: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      function: z.string(),
      accessibilityNeeds: z.string(),
      status: z.enum(["confirmed", "waitlisted", "cancelled"]),
      /** A freed place is offered and held until then; null without an open offer. */
      offeredUntil: iso.nullable().openapi({ description: "Set while a freed place is offered to this registration" }),
      reasonCode: z
        .string()
        .nullable()
        .openapi({ description: "Stable code of the rule behind the current status", example: "within_quota" }),
      track: z.object({ id: z.string(), title: z.string() }).nullable(),
      ticketCode: z.string().openapi({
        description:
          "The long ticket code (the registration's id) of tickets issued before short codes; still accepted",
      }),
      shortCode: z
        .string()
        .nullable()
        .openapi({
          description:
            "The short ticket code, printed under the QR as `ABCD-EFGH`; the QR encodes `NW:` followed by it. " +
            "Null only for a registration written outside the app, whose ticket is `ticketCode`",
          example: "K7MQ4RXN",
        }),
      ticketQr: QrShapeSchema.nullable().openapi({
        description: "The ticket's QR (`NW:` and the short code, or the long code); null unless confirmed",
      }),
      institution: z.object({ id: z.string(), name: z.string() }),
      remindersOff: z.boolean().openapi({ description: "The person turned reminders by e-mail off (their page)" }),
    }),
    event: z.object({
      id: z.string(),
      type: z.enum(eventTypes),
      status: z.enum(eventStatuses),
      title: z.string(),
      description: z.string(),
      venueName: z.string(),
      venueAddress: z.string(),
      venueAccessibility: z.string(),
      registrationClosesAt: iso,
      sessions: z.array(z.object({ id: z.string(), title: z.string(), topic: z.string(), startsAt: iso, endsAt: iso })),
    }),
    /** What was recorded per session: present (checked in) or excused; sessions without a record are absent. */
    attendance: z.array(z.object({ sessionId: z.string(), kind: z.enum(attendanceKinds) })),
  })
  .openapi("Participation");

type Participation = z.infer<typeof ParticipationSchema>;

/** The registration again, after a change. */
async function reload(db: Db, registrationId: string) {
  const loaded = await participationOf(db, registrationId);
  if (!loaded) throw new ApiError("participant_link_invalid");
  return loaded;
}

/** The registration the personal link in the header belongs to. */
async function byToken(c: Context<AppEnv>, token: string) {
  const hash = await hashToken(token);
  const loaded = await participationByToken(c.var.db, hash);
  if (!loaded) throw new ApiError("participant_link_invalid");
  refuseIfSuspended(c, { status: loaded.networkStatus });
  // A link the person asked for by mail, used for the first time, becomes their link.
  if (loaded.registration.personalTokenHash !== hash) await adoptRequestedLink(c.var.db, loaded.registration.id, hash);
  return loaded;
}

function present({
  registration: r,
  institutionName,
  event,
  trackTitle,
  sessions,
  attendance,
}: ParticipationRecord): Participation {
  return {
    registration: {
      id: r.id,
      name: r.name,
      email: r.email,
      function: r.function,
      accessibilityNeeds: r.accessibilityNeeds,
      status: r.status,
      offeredUntil: r.status === "waitlisted" && r.offeredUntil ? r.offeredUntil.toISOString() : null,
      reasonCode: r.reasonCode,
      track: r.trackId && trackTitle !== null ? { id: r.trackId, title: trackTitle } : null,
      ticketCode: r.id,
      shortCode: r.ticketCode,
      ticketQr: r.status === "confirmed" ? qrShape(`NW:${r.ticketCode ?? r.id}`) : null,
      institution: { id: r.institutionId, name: institutionName },
      remindersOff: r.remindersOff,
    },
    event: {
      id: event.id,
      type: event.type,
      status: event.status,
      title: event.title,
      description: event.description,
      venueName: event.venueName,
      venueAddress: event.venueAddress,
      venueAccessibility: event.venueAccessibility,
      registrationClosesAt: event.registrationClosesAt.toISOString(),
      sessions: sessions.map((s) => ({
        id: s.id,
        title: s.title,
        topic: s.topic,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
      })),
    },
    attendance,
  };
}

/** The calendar entry of each session of a confirmed registration. */
function calendarOf({ registration: r, event, trackTitle, sessions }: ParticipationRecord, now: Date) {
  const location = [event.venueName, event.venueAddress].filter(Boolean).join(", ");
  return calendarFile(
    event.title,
    sessions.map((s) => ({
      // Stable per session and registration: a second download updates the entries instead of doubling them.
      uid: `${s.id}.${r.id}@netzwerkstatt`,
      summary: sessions.length > 1 && s.title ? `${event.title}: ${s.title}` : event.title,
      description: [s.topic || (sessions.length === 1 ? event.description : ""), trackTitle ?? ""]
        .filter(Boolean)
        .join("\n\n"),
      location,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
    })),
    now,
  );
}

const participationResponse = (description: string) => jsonContent(ParticipationSchema, description);

export const participation = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/participation",
      tags: ["Participation"],
      summary: "A participant's own registration, by personal link",
      request: { headers: TokenHeader },
      responses: { 200: participationResponse("The registration"), ...problemResponses(400, 401, 403) },
    }),
    async (c) => c.json(present(await byToken(c, c.req.valid("header")["x-participant-token"])), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/participation/cancel",
      tags: ["Participation"],
      summary: "Cancel the own registration; the place passes to the waiting list",
      description: "Refused with 409 `event_over` once every session of the event has ended.",
      request: { headers: TokenHeader },
      responses: {
        200: participationResponse("Cancelled"),
        ...problemResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const { registration, sessions } = await byToken(c, c.req.valid("header")["x-participant-token"]);
      // Afterwards a cancellation would free no place and only falsify the attendance record.
      if (eventEnded(sessions, new Date())) throw new ApiError("event_over");
      const done = await cancelRegistration(runContextOf(c), registration.id, null, "cancelled_by_participant");
      if (!done) throw new ApiError("registration_state_conflict");
      deliverAfterResponse(c);
      return c.json(present(await reload(c.var.db, registration.id)), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/participation/accept",
      tags: ["Participation"],
      summary: "Accept the offered place, within the offer time",
      request: { headers: TokenHeader },
      responses: {
        200: participationResponse("Confirmed"),
        ...problemResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const { registration } = await byToken(c, c.req.valid("header")["x-participant-token"]);
      if (!(await acceptOffer(runContextOf(c), registration.id))) throw new ApiError("no_open_offer");
      return c.json(present(await reload(c.var.db, registration.id)), 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/participation/reminders",
      tags: ["Participation"],
      summary: "Turn the reminders by e-mail (before each session) off or on again",
      description:
        "Reminders already written stay; later ones leave this registration out. Messages of the organisers still arrive.",
      request: {
        headers: TokenHeader,
        body: {
          required: true,
          content: { "application/json": { schema: z.object({ remindersOff: z.boolean() }).strict() } },
        },
      },
      responses: { 200: participationResponse("Changed"), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { registration } = await byToken(c, c.req.valid("header")["x-participant-token"]);
      if (!(await setRemindersOff(c.var.db, registration.id, c.req.valid("json").remindersOff)))
        throw new ApiError("participant_link_invalid");
      return c.json(present(await reload(c.var.db, registration.id)), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/participation/calendar.ics",
      tags: ["Participation"],
      summary: "The sessions as a calendar file (iCalendar), for a confirmed registration",
      request: { headers: TokenHeader },
      responses: {
        200: {
          description: "One VEVENT per session, times in UTC",
          content: { "text/calendar": { schema: z.string() } },
        },
        ...problemResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const loaded = await byToken(c, c.req.valid("header")["x-participant-token"]);
      if (loaded.registration.status !== "confirmed") throw new ApiError("registration_state_conflict");
      return c.body(calendarOf(loaded, new Date()), 200, {
        "content-type": "text/calendar; charset=utf-8",
        "content-disposition": `attachment; filename="${slugOf(loaded.event.title)}.ics"`,
        "cache-control": "no-store",
      });
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/participation/link",
      tags: ["Participation"],
      summary: "Revoke the personal link (a new one can be requested by e-mail)",
      request: { headers: TokenHeader },
      responses: {
        200: jsonContent(z.object({ status: z.literal("revoked") }), "The link no longer works"),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { registration } = await byToken(c, c.req.valid("header")["x-participant-token"]);
      await revokePersonalLinks(c.var.db, registration.id);
      return c.json({ status: "revoked" as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/participation/certificate.pdf",
      tags: ["Participation"],
      summary: "The own certificate of attendance (Teilnahmebescheinigung, A4 PDF)",
      description:
        "The same document organisers get for the registration: the sessions attended, with dates, hours and " +
        "topics. 409 `no_attendance` while none is recorded. Written to the audit log.",
      request: { headers: TokenHeader },
      responses: {
        200: {
          description: "The certificate",
          content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
        },
        ...problemResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const { registration, event } = await byToken(c, c.req.valid("header")["x-participant-token"]);
      const now = new Date();
      const pdf = await certificateOf(c, event, registration, now);
      await auditInsert(
        c.var.db,
        {
          networkId: event.networkId,
          actorAccountId: null,
          action: "participation.certificate",
          entityType: "registration",
          entityId: registration.id,
        },
        now,
      );
      return c.body(pdf as never, 200, {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="teilnahmebescheinigung-${slugOf(event.title)}-${slugOf(registration.name)}.pdf"`,
        "cache-control": "no-store",
      });
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/participation/data.json",
      tags: ["Participation"],
      summary: "Everything held about me in this network (Art. 15 DSGVO), as JSON",
      description:
        "All registrations under the same e-mail address in the network, with history and attendance, and the mails " +
        "sent to it. Feedback is anonymous and cannot be included. Written to the audit log (registration ids only).",
      request: { headers: TokenHeader },
      responses: {
        200: {
          description: "The document, as a download",
          content: { "application/json": { schema: PersonalDataSchema } },
        },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { registration, event } = await byToken(c, c.req.valid("header")["x-participant-token"]);
      const now = new Date();
      const data = await personalDataOf(c.var.db, event.networkId, registration.email, now, "person");
      await logPersonRequest(
        c.var.db,
        event.networkId,
        null,
        "personal_data.access",
        data.registrations.map((r) => r.id),
        now,
      );
      return c.json(data, 200, {
        "content-disposition": `attachment; filename="meine-daten-netzwerkstatt.json"`,
        "cache-control": "no-store",
      });
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/participation/erasure",
      tags: ["Participation"],
      summary: "Withdraw the registration and erase my personal data at once",
      description:
        "Cancels the registration if its event is still ahead (the place passes to the waiting list as usual), then " +
        "erases name, e-mail, function, accessibility needs, the personal link and the mails about this event. " +
        "The link stops working. Counts per institution stay.",
      request: { headers: TokenHeader },
      responses: { 200: jsonContent(ErasureSchema, "Erased"), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { registration, event } = await byToken(c, c.req.valid("header")["x-participant-token"]);
      const ctx = runContextOf(c);
      const erased = await withdrawAndErase(ctx, event.networkId, [registration.id], null, "cancelled_by_participant");
      deliverAfterResponse(c);
      return c.json({ erased }, 200);
    },
  );
