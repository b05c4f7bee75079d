import { createRoute, z } from "@hono/zod-openapi";
import { and, asc, eq, inArray } from "drizzle-orm";
import { requireNetwork } from "../db/queries";
import { eventSessions, events as eventsTable, eventTypes, tracks } from "../db/schema";
import { createRouter } from "../lib/router";
import { jsonContent, problemResponses } from "../lib/schemas";
import { NetworkRefParam } from "./networks";

const iso = z.string().openapi({ format: "date-time" });

const SessionSchema = z
  .object({
    id: z.string(),
    position: z.number().int(),
    title: z.string(),
    topic: z.string(),
    startsAt: iso,
    endsAt: iso,
  })
  .openapi("Session");

const TrackSchema = z
  .object({
    id: z.string(),
    sessionId: z.string().nullable(),
    title: z.string(),
    description: z.string(),
    capacity: z.number().int(),
  })
  .openapi("Track");

const EventSummarySchema = z
  .object({
    id: z.string(),
    type: z.enum(eventTypes),
    title: z.string(),
    description: z.string(),
    venueName: z.string(),
    venueAddress: z.string(),
    venueAccessibility: z.string(),
    capacity: z.number().int(),
    registrationOpensAt: iso,
    quotaDeadline: iso,
    registrationClosesAt: iso,
    sessions: z.array(SessionSchema),
    tracks: z.array(TrackSchema),
  })
  .openapi("EventSummary");

export const events = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/networks/{networkId}/events",
    tags: ["Events"],
    summary: "The network's published events with their sessions and tracks",
    request: { params: NetworkRefParam },
    responses: {
      200: jsonContent(z.object({ items: z.array(EventSummarySchema) }), "Published events, soonest first"),
      ...problemResponses(400, 404),
    },
  }),
  async (c) => {
    const db = c.var.db;
    const network = await requireNetwork(db, c.req.valid("param").networkId);
    const rows = await db
      .select()
      .from(eventsTable)
      .where(and(eq(eventsTable.networkId, network.id), eq(eventsTable.status, "published")));
    const ids = rows.map((e) => e.id);
    const [sessionRows, trackRows] = ids.length
      ? await Promise.all([
          db
            .select()
            .from(eventSessions)
            .where(inArray(eventSessions.eventId, ids))
            .orderBy(asc(eventSessions.position)),
          db.select().from(tracks).where(inArray(tracks.eventId, ids)).orderBy(asc(tracks.title)),
        ])
      : [[], []];
    const items = rows.map((e) => ({
      id: e.id,
      type: e.type,
      title: e.title,
      description: e.description,
      venueName: e.venueName,
      venueAddress: e.venueAddress,
      venueAccessibility: e.venueAccessibility,
      capacity: e.capacity,
      registrationOpensAt: e.registrationOpensAt.toISOString(),
      quotaDeadline: e.quotaDeadline.toISOString(),
      registrationClosesAt: e.registrationClosesAt.toISOString(),
      sessions: sessionRows
        .filter((s) => s.eventId === e.id)
        .map((s) => ({
          id: s.id,
          position: s.position,
          title: s.title,
          topic: s.topic,
          startsAt: s.startsAt.toISOString(),
          endsAt: s.endsAt.toISOString(),
        })),
      tracks: trackRows
        .filter((t) => t.eventId === e.id)
        .map((t) => ({
          id: t.id,
          sessionId: t.sessionId,
          title: t.title,
          description: t.description,
          capacity: t.capacity,
        })),
    }));
    const firstStart = (e: (typeof items)[number]) => e.sessions[0]?.startsAt ?? e.registrationClosesAt;
    items.sort((a, b) => firstStart(a).localeCompare(firstStart(b)));
    return c.json({ items }, 200);
  },
);
