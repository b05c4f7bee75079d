// The organiser's view of an event's allocation and the steps that change it as a whole
// (redistribution, cancelling the event), and an institution's invitations.
import { createRoute, z } from "@hono/zod-openapi";
import { cancelEvent, runRedistribution } from "../db/allocation";
import { type BoardEvent, boardEvent, boardRows } from "../db/board";
import type { Db } from "../db/client";
import { invitedEventsOf } from "../db/registrations";
import { boardSummary, phaseOf, phases, quotaOf } from "../domain/allocation";
import { auditInsert } from "../lib/audit";
import { requireAuth } from "../lib/auth";
import { eventAccess, institutionAccess } from "../lib/guards";
import { deliverAfterResponse } from "../lib/mail";
import { ApiError } from "../lib/problem";
import { createRouter } from "../lib/router";
import { runContextOf } from "../lib/run-context";
import { InstitutionIdParam, jsonContent, problemResponses } from "../lib/schemas";
import { EventIdParam, iso } from "./registrations";

async function boardOf(db: Db, event: BoardEvent, now: Date) {
  const { lines, tracks, decisions } = await boardRows(db, event.id);
  const names = Object.fromEntries(lines.map((l) => [l.institutionId, l.institutionName]));
  const phase = phaseOf(
    {
      status: event.status,
      registrationOpensAt: event.registrationOpensAt.getTime(),
      quotaDeadline: event.quotaDeadline.getTime(),
      registrationClosesAt: event.registrationClosesAt.getTime(),
      redistributedAt: event.redistributedAt?.getTime() ?? null,
    },
    now.getTime(),
  );
  const summary = boardSummary(
    event.capacity,
    lines.map((l) => ({
      institutionId: l.institutionId,
      sectorKey: l.sectorKey,
      quota: quotaOf(l.places, event.defaultQuota),
      confirmed: l.confirmed,
      offered: l.offered,
      waiting: l.waiting,
    })),
    phase,
  );
  return {
    eventId: event.id,
    phase,
    redistributedAt: event.redistributedAt?.toISOString() ?? null,
    ...summary,
    institutions: summary.institutions.map((l) => ({ ...l, institutionName: names[l.institutionId] ?? "" })),
    tracks,
    decisions: decisions.map((d) => ({
      at: d.at.toISOString(),
      action: d.action,
      reasonCode: d.reasonCode,
      reasonParams: (d.reasonParams as Record<string, unknown> | null) ?? null,
      registrationId: d.registrationId,
      institutionId: d.institutionId,
      institutionName: d.institutionName,
    })),
  };
}

const BoardSchema = z
  .object({
    eventId: z.string(),
    phase: z.enum(phases),
    redistributedAt: iso.nullable(),
    capacity: z.number().int(),
    quotaSum: z.number().int(),
    overCommitted: z.boolean().openapi({
      description: "The quotas exceed the capacity while they still apply (false after the redistribution)",
    }),
    overCommitment: z.number().int(),
    confirmed: z.number().int(),
    offered: z.number().int(),
    waiting: z.number().int(),
    free: z.number().int(),
    overbookedBy: z
      .number()
      .int()
      .openapi({ description: "Places held beyond the capacity (overbooked knowingly, or walk-ins); 0 otherwise" }),
    institutions: z.array(
      z.object({
        institutionId: z.string(),
        institutionName: z.string(),
        sectorKey: z.string(),
        quota: z.number().int(),
        confirmed: z.number().int(),
        offered: z.number().int(),
        waiting: z.number().int(),
        unclaimed: z.number().int(),
      }),
    ),
    sectors: z.array(
      z.object({
        sectorKey: z.string(),
        institutions: z.number().int(),
        quota: z.number().int(),
        confirmed: z.number().int(),
        waiting: z.number().int(),
      }),
    ),
    sectorsWithoutConfirmed: z.array(z.string()),
    tracks: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        capacity: z.number().int(),
        confirmed: z.number().int(),
        waiting: z.number().int(),
      }),
    ),
    decisions: z.array(
      z.object({
        at: iso,
        action: z.string(),
        reasonCode: z.string().nullable(),
        reasonParams: z.record(z.string(), z.unknown()).nullable(),
        registrationId: z.string(),
        institutionId: z.string(),
        institutionName: z.string(),
      }),
    ),
  })
  .openapi("AllocationBoard");

const InvitedEventSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    type: z.string(),
    phase: z.enum(phases),
    firstSessionAt: iso.nullable(),
    registrationOpensAt: iso,
    quotaDeadline: iso,
    registrationClosesAt: iso,
    redistributedAt: iso
      .nullable()
      .openapi({ description: "When the redistribution ran; from then on no quota applies" }),
    quota: z.number().int(),
    confirmed: z.number().int(),
    offered: z.number().int(),
    waiting: z.number().int(),
    /** Places of the quota not yet taken: max(0, quota − confirmed − offered). */
    remaining: z.number().int(),
  })
  .openapi("InvitedEvent");

export const board = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/events/{eventId}/board",
      tags: ["Registrations"],
      summary: "The organiser's allocation board: quotas, confirmed, waiting, unclaimed, sectors, decisions",
      middleware: [eventAccess("organiser")] as const,
      request: { params: EventIdParam },
      responses: { 200: jsonContent(BoardSchema, "The board"), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await boardOf(c.var.db, c.var.event, new Date()), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/events/{eventId}/redistribution",
      tags: ["Registrations"],
      summary: "Run the redistribution now (otherwise the cron runs it at the quota deadline)",
      middleware: [eventAccess("organiser")] as const,
      request: { params: EventIdParam },
      responses: {
        200: jsonContent(BoardSchema, "The board after the redistribution"),
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const event = c.var.event;
      if (event.status === "cancelled") throw new ApiError("event_cancelled");
      if (event.status !== "published" || event.redistributedAt) throw new ApiError("registration_state_conflict");
      const ctx = runContextOf(c);
      const done = await runRedistribution(ctx, event.id, auth.accountId);
      if (!done) throw new ApiError("registration_state_conflict");
      await auditInsert(c.var.db, {
        networkId: event.networkId,
        actorAccountId: auth.accountId,
        action: "event.redistribute",
        entityType: "event",
        entityId: event.id,
      });
      deliverAfterResponse(c);
      const fresh = await boardEvent(c.var.db, event.id);
      if (!fresh) throw new ApiError("event_not_found");
      return c.json(await boardOf(c.var.db, fresh, ctx.now), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/events/{eventId}/cancel",
      tags: ["Events"],
      summary: "Cancel the event: every registration is cancelled and every registrant notified",
      middleware: [eventAccess("organiser")] as const,
      request: { params: EventIdParam },
      responses: {
        200: jsonContent(z.object({ status: z.literal("cancelled"), notified: z.number().int() }), "Cancelled"),
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const event = c.var.event;
      const notified = await cancelEvent(runContextOf(c), event.id, auth.accountId);
      if (notified === null) throw new ApiError("event_cancelled");
      await auditInsert(c.var.db, {
        networkId: event.networkId,
        actorAccountId: auth.accountId,
        action: "event.cancel",
        entityType: "event",
        entityId: event.id,
      });
      deliverAfterResponse(c);
      return c.json({ status: "cancelled" as const, notified }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/institutions/{institutionId}/events",
      tags: ["Registrations"],
      summary: "Published events the institution is invited to, with its quota, used and remaining places",
      middleware: [institutionAccess("organiser_or_contact")] as const,
      request: { params: InstitutionIdParam },
      responses: {
        200: jsonContent(z.object({ items: z.array(InvitedEventSchema) }), "Invited events, soonest first"),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const institutionId = c.var.institution.id;
      const rows = await invitedEventsOf(c.var.db, institutionId);
      const now = Date.now();
      return c.json(
        {
          items: rows.map((r) => ({
            id: r.id,
            title: r.title,
            type: r.type,
            phase: phaseOf(
              {
                status: r.status,
                registrationOpensAt: r.opens,
                quotaDeadline: r.deadline,
                registrationClosesAt: r.closes,
                redistributedAt: r.redistributed,
              },
              now,
            ),
            firstSessionAt: r.first_session === null ? null : new Date(r.first_session).toISOString(),
            registrationOpensAt: new Date(r.opens).toISOString(),
            quotaDeadline: new Date(r.deadline).toISOString(),
            registrationClosesAt: new Date(r.closes).toISOString(),
            redistributedAt: r.redistributed === null ? null : new Date(r.redistributed).toISOString(),
            quota: r.quota,
            confirmed: r.confirmed,
            offered: r.offered,
            waiting: r.waiting,
            remaining: Math.max(0, r.quota - r.confirmed - r.offered),
          })),
        },
        200,
      );
    },
  );
