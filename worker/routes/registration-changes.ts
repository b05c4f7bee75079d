// Changes to one registration by its institution's contacts or the organisers: cancel,
// give the place to a colleague, confirm over quota, move to another track.
import { createRoute, z } from "@hono/zod-openapi";
import { cancelRegistration, moveRegistration, overrideConfirm, swapRegistration } from "../db/allocation";
import { isTrackOf } from "../db/registrations";
import { isOrganiserOf, requireAuth } from "../lib/auth";
import { registrationAccess } from "../lib/guards";
import { deliverAfterResponse } from "../lib/mail";
import { ApiError } from "../lib/problem";
import { createRouter } from "../lib/router";
import { runContextOf } from "../lib/run-context";
import { jsonContent, problemResponses } from "../lib/schemas";
import { loadRegistration, PersonSchema, RegistrationIdParam, RegistrationSchema } from "./registrations";

export const registrationChanges = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/registrations/{registrationId}/cancel",
      tags: ["Registrations"],
      summary: "Cancel a registration; its place passes to the waiting list",
      middleware: [registrationAccess("organiser_or_contact")] as const,
      request: { params: RegistrationIdParam },
      responses: { 200: jsonContent(RegistrationSchema, "Cancelled"), ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const reason = isOrganiserOf(auth, c.var.event.networkId) ? "cancelled_by_organiser" : "cancelled_by_institution";
      const done = await cancelRegistration(runContextOf(c), c.var.registration.id, auth.accountId, reason);
      if (!done) throw new ApiError("registration_state_conflict");
      deliverAfterResponse(c);
      return c.json(await loadRegistration(c.var.db, c.var.registration.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/registrations/{registrationId}/swap",
      tags: ["Registrations"],
      summary: "Give the place to a colleague: same place, same status, another person",
      description:
        "409 `registration_attended` once the person attended a session: the attendance (and whether they answered " +
        "feedback) stays theirs; register the colleague instead.",
      middleware: [registrationAccess("organiser_or_contact")] as const,
      request: {
        params: RegistrationIdParam,
        body: { content: { "application/json": { schema: PersonSchema.openapi("PersonInput") } }, required: true },
      },
      responses: { 200: jsonContent(RegistrationSchema, "Swapped"), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const person = c.req.valid("json");
      let done: Awaited<ReturnType<typeof swapRegistration>>;
      try {
        done = await swapRegistration(runContextOf(c), c.var.registration, person, auth.accountId);
      } catch (error) {
        if (String(error).includes("UNIQUE")) throw new ApiError("already_registered");
        throw error;
      }
      if (done === "attended") throw new ApiError("registration_attended");
      if (!done) throw new ApiError("registration_state_conflict");
      deliverAfterResponse(c);
      return c.json(await loadRegistration(c.var.db, c.var.registration.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/registrations/{registrationId}/confirm",
      tags: ["Registrations"],
      summary: "Organiser override: confirm a waiting registration over quota and capacity, on purpose",
      middleware: [registrationAccess("organiser")] as const,
      request: { params: RegistrationIdParam },
      responses: { 200: jsonContent(RegistrationSchema, "Confirmed"), ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const auth = requireAuth(c);
      if (!(await overrideConfirm(runContextOf(c), c.var.registration.id, auth.accountId)))
        throw new ApiError("registration_state_conflict");
      deliverAfterResponse(c);
      return c.json(await loadRegistration(c.var.db, c.var.registration.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/registrations/{registrationId}/move",
      tags: ["Registrations"],
      summary: "Organiser: move a registration to another track (or to none)",
      middleware: [registrationAccess("organiser")] as const,
      request: {
        params: RegistrationIdParam,
        body: {
          content: {
            "application/json": {
              schema: z.object({ trackId: z.string().min(1).max(100).nullable() }).openapi("MoveInput"),
            },
          },
          required: true,
        },
      },
      responses: { 200: jsonContent(RegistrationSchema, "Moved"), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const { trackId } = c.req.valid("json");
      if (trackId && !(await isTrackOf(c.var.db, trackId, c.var.event.id))) throw new ApiError("track_not_found");
      if (!(await moveRegistration(runContextOf(c), c.var.registration, trackId, auth.accountId)))
        throw new ApiError(c.var.registration.status === "cancelled" ? "registration_state_conflict" : "track_full");
      deliverAfterResponse(c);
      return c.json(await loadRegistration(c.var.db, c.var.registration.id), 200);
    },
  );
