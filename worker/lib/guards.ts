// Authorisation, in one place per route: each route names one of these in its
// `middleware`, so a handler only runs for callers allowed to reach it.
import { eq } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import type { Db } from "../db/client";
import { loadEventContext } from "../db/event-context";
import { networkByRef } from "../db/queries";
import {
  contactPersons,
  eventSessions,
  events,
  feedbackForms,
  institutions,
  networks,
  registrations,
} from "../db/schema";
import { isOperatorEmail } from "../domain/networks";
import type { AppEnv } from "../env";
import { isContactOf, isOrganiserOf, requireAuth } from "./auth";
import { ApiError } from "./problem";
import { declareSecurity, SESSION_OPTIONAL, SESSION_REQUIRED } from "./security";

type GuardedEnv = AppEnv;

/** Operators are named in the configuration (`OPERATOR_EMAILS`), not in the database. */
export const isOperator = (c: Context<AppEnv>) => {
  const auth = c.get("auth");
  return auth !== null && isOperatorEmail(c.env.OPERATOR_EMAILS, auth.email);
};

/** The operators of the installation, who set up and suspend networks. */
export const operator: MiddlewareHandler<AppEnv> = declareSecurity(async (c, next) => {
  requireAuth(c);
  if (!isOperator(c)) throw new ApiError("forbidden");
  await next();
}, SESSION_REQUIRED);

/**
 * A suspended network answers `network_suspended` to everyone but the
 * operators, on its public pages as on its organisers' and contacts'.
 */
export function refuseIfSuspended(c: Context<AppEnv>, network: { status: string }) {
  if (network.status === "suspended" && !isOperator(c)) throw new ApiError("network_suspended");
}

/** The network in a path parameter (id or slug), refused while suspended. */
export async function activeNetwork(c: Context<AppEnv>, ref: string) {
  const network = await requireNetwork(c.var.db, ref);
  refuseIfSuspended(c, network);
  return network;
}

export const signedIn: MiddlewareHandler<AppEnv> = declareSecurity(async (c, next) => {
  requireAuth(c);
  await next();
}, SESSION_REQUIRED);

/** Organisers of the network in the `networkId` path parameter. */
export const organiserOfNetwork: MiddlewareHandler<GuardedEnv> = declareSecurity(async (c, next) => {
  const auth = requireAuth(c);
  const network = await activeNetwork(c, c.req.param("networkId") ?? "");
  if (!isOrganiserOf(auth, network.id)) throw new ApiError("forbidden");
  c.set("network", network);
  await next();
}, SESSION_REQUIRED);

async function loadInstitution(c: Parameters<MiddlewareHandler<GuardedEnv>>[0], id: string) {
  const [row] = await c.var.db
    .select({ institution: institutions, networkStatus: networks.status })
    .from(institutions)
    .innerJoin(networks, eq(networks.id, institutions.networkId))
    .where(eq(institutions.id, id))
    .limit(1);
  if (!row) throw new ApiError("institution_not_found");
  refuseIfSuspended(c, { status: row.networkStatus });
  return row.institution;
}

/**
 * The institution in the `institutionId` path parameter (or the one owning the
 * contact person in `contactPersonId`), for its network's organisers and,
 * where `contacts` is allowed, for its own contacts.
 */
export const institutionAccess = (who: "organiser" | "organiser_or_contact"): MiddlewareHandler<GuardedEnv> =>
  declareSecurity(async (c, next) => {
    const auth = requireAuth(c);
    let institutionId = c.req.param("institutionId");
    const contactPersonId = c.req.param("contactPersonId");
    if (!institutionId && contactPersonId) {
      const [person] = await c.var.db
        .select({ institutionId: contactPersons.institutionId })
        .from(contactPersons)
        .where(eq(contactPersons.id, contactPersonId))
        .limit(1);
      if (!person) throw new ApiError("contact_person_not_found");
      institutionId = person.institutionId;
    }
    const institution = await loadInstitution(c, institutionId ?? "");
    const allowed =
      isOrganiserOf(auth, institution.networkId) ||
      (who === "organiser_or_contact" && isContactOf(auth, institution.id));
    if (!allowed) throw new ApiError("forbidden");
    c.set("institution", institution);
    await next();
  }, SESSION_REQUIRED);

/**
 * The event in the `eventId` path parameter. `organiser`: only its network's
 * organisers. `visible`: anyone once published; a draft looks missing to all but
 * its organisers, so drafts do not leak.
 */
export const eventAccess = (who: "organiser" | "visible"): MiddlewareHandler<GuardedEnv> =>
  declareSecurity(
    async (c, next) => {
      // Organiser routes answer 401 to visitors whatever the event's state, like every protected route.
      const auth = who === "organiser" ? requireAuth(c) : c.get("auth");
      const eventId = c.req.param("eventId") ?? "";
      // Read with the session when the path is an event's (lib/auth.ts), else here.
      const prefetched = c.get("eventContext");
      const row = prefetched?.event.id === eventId ? prefetched : await loadEventContext(c.var.db, eventId);
      const event = row?.event;
      const organiser = event !== undefined && isOrganiserOf(auth, event.networkId);
      if (!event || (!organiser && event.status === "draft")) throw new ApiError("event_not_found");
      refuseIfSuspended(c, { status: row.networkStatus });
      if (who === "organiser" && !organiser) throw new ApiError(auth ? "forbidden" : "unauthenticated");
      c.set("event", event);
      c.set("eventMail", row.mail);
      await next();
    },
    who === "visible" ? SESSION_OPTIONAL : SESSION_REQUIRED,
  );

/**
 * The registration in the `registrationId` path parameter, for its event's
 * organisers and, where allowed, for the contacts of its institution.
 */
export const registrationAccess = (who: "organiser" | "organiser_or_contact"): MiddlewareHandler<GuardedEnv> =>
  declareSecurity(async (c, next) => {
    const auth = requireAuth(c);
    const [row] = await c.var.db
      .select({ registration: registrations, event: events, networkStatus: networks.status })
      .from(registrations)
      .innerJoin(events, eq(events.id, registrations.eventId))
      .innerJoin(networks, eq(networks.id, events.networkId))
      .where(eq(registrations.id, c.req.param("registrationId") ?? ""))
      .limit(1);
    if (!row) throw new ApiError("registration_not_found");
    refuseIfSuspended(c, { status: row.networkStatus });
    const allowed =
      isOrganiserOf(auth, row.event.networkId) ||
      (who === "organiser_or_contact" && isContactOf(auth, row.registration.institutionId));
    if (!allowed) throw new ApiError("forbidden");
    c.set("event", row.event);
    c.set("registration", row.registration);
    await next();
  }, SESSION_REQUIRED);

/**
 * The event session in the `eventSessionId` path parameter, with its event.
 * `organiser`: only the event's network's organisers. `organiser_or_contact`:
 * also the contacts of the institution of the registration in the
 * `registrationId` path parameter, which must belong to the session's event.
 */
export const sessionAccess = (who: "organiser" | "organiser_or_contact"): MiddlewareHandler<GuardedEnv> =>
  declareSecurity(async (c, next) => {
    const auth = requireAuth(c);
    const [row] = await c.var.db
      .select({ session: eventSessions, event: events, networkStatus: networks.status })
      .from(eventSessions)
      .innerJoin(events, eq(events.id, eventSessions.eventId))
      .innerJoin(networks, eq(networks.id, events.networkId))
      .where(eq(eventSessions.id, c.req.param("eventSessionId") ?? ""))
      .limit(1);
    if (!row) throw new ApiError("event_session_not_found");
    refuseIfSuspended(c, { status: row.networkStatus });
    const organiser = isOrganiserOf(auth, row.event.networkId);
    if (who === "organiser_or_contact") {
      const [registration] = await c.var.db
        .select()
        .from(registrations)
        .where(eq(registrations.id, c.req.param("registrationId") ?? ""))
        .limit(1);
      if (!organiser && !(registration && isContactOf(auth, registration.institutionId)))
        throw new ApiError("forbidden");
      if (!registration || registration.eventId !== row.event.id) throw new ApiError("registration_not_found");
      c.set("registration", registration);
    } else if (!organiser) throw new ApiError("forbidden");
    c.set("event", row.event);
    c.set("eventSession", row.session);
    await next();
  }, SESSION_REQUIRED);

/** The feedback form in the `formId` path parameter, with its event: only for the event's network's organisers. */
export const feedbackFormAccess: MiddlewareHandler<GuardedEnv> = declareSecurity(async (c, next) => {
  const auth = requireAuth(c);
  const [row] = await c.var.db
    .select({ form: feedbackForms, event: events, networkStatus: networks.status })
    .from(feedbackForms)
    .innerJoin(events, eq(events.id, feedbackForms.eventId))
    .innerJoin(networks, eq(networks.id, events.networkId))
    .where(eq(feedbackForms.id, c.req.param("formId") ?? ""))
    .limit(1);
  if (!row) throw new ApiError("feedback_form_not_found");
  refuseIfSuspended(c, { status: row.networkStatus });
  if (!isOrganiserOf(auth, row.event.networkId)) throw new ApiError("forbidden");
  c.set("event", row.event);
  c.set("feedbackForm", row.form);
  await next();
}, SESSION_REQUIRED);

/** The network by id or slug, or 404 `network_not_found`. */
export async function requireNetwork(db: Db, ref: string) {
  const network = await networkByRef(db, ref);
  if (!network) throw new ApiError("network_not_found");
  return network;
}
