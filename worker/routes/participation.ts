import { createRoute, z } from "@hono/zod-openapi";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Context } from "hono";
import { eventSessions, events, institutions, registrations } from "../db/schema";
import type { AppEnv } from "../env";
import { hashToken } from "../lib/auth";
import { ApiError } from "../lib/problem";
import { createRouter } from "../lib/router";
import { jsonContent, problemResponses } from "../lib/schemas";

// Participants have no account: the personal link in their mail carries a token,
// sent back in this header (never in the URL, which ends up in logs).
const TokenHeader = z.object({
  "x-participant-token": z.string().min(20).max(200).openapi({ description: "Token from the personal link" }),
});

const ParticipationSchema = z
  .object({
    registration: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      function: z.string(),
      status: z.enum(["confirmed", "waitlisted", "cancelled"]),
      institution: z.object({ id: z.string(), name: z.string() }),
    }),
    event: z.object({
      id: z.string(),
      title: z.string(),
      venueName: z.string(),
      venueAddress: z.string(),
      sessions: z.array(z.object({ id: z.string(), title: z.string(), startsAt: z.string(), endsAt: z.string() })),
    }),
  })
  .openapi("Participation");

async function byToken(c: Context<AppEnv>, token: string) {
  const [row] = await c.var.db
    .select({ registration: registrations, institutionName: institutions.name, event: events })
    .from(registrations)
    .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(and(eq(registrations.personalTokenHash, await hashToken(token)), isNull(registrations.anonymisedAt)))
    .limit(1);
  if (!row) throw new ApiError("participant_link_invalid");
  return row;
}

export const participation = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/participation",
      tags: ["Participation"],
      summary: "A participant's own registration, by personal link",
      request: { headers: TokenHeader },
      responses: { 200: jsonContent(ParticipationSchema, "The registration"), ...problemResponses(400, 401) },
    }),
    async (c) => {
      const {
        registration: r,
        institutionName,
        event,
      } = await byToken(c, c.req.valid("header")["x-participant-token"]);
      const sessions = await c.var.db
        .select()
        .from(eventSessions)
        .where(eq(eventSessions.eventId, event.id))
        .orderBy(asc(eventSessions.position));
      return c.json(
        {
          registration: {
            id: r.id,
            name: r.name,
            email: r.email,
            function: r.function,
            status: r.status,
            institution: { id: r.institutionId, name: institutionName },
          },
          event: {
            id: event.id,
            title: event.title,
            venueName: event.venueName,
            venueAddress: event.venueAddress,
            sessions: sessions.map((s) => ({
              id: s.id,
              title: s.title,
              startsAt: s.startsAt.toISOString(),
              endsAt: s.endsAt.toISOString(),
            })),
          },
        },
        200,
      );
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
        ...problemResponses(400, 401),
      },
    }),
    async (c) => {
      const { registration } = await byToken(c, c.req.valid("header")["x-participant-token"]);
      await c.var.db
        .update(registrations)
        .set({ personalTokenHash: null })
        .where(eq(registrations.id, registration.id));
      return c.json({ status: "revoked" as const }, 200);
    },
  );
