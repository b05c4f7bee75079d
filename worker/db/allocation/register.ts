// Registering, online and at the door: the writes that create a registration. See shared.ts
// for why every invariant is checked inside the statement that writes.

import { eq, sql } from "drizzle-orm";
import { auditInsertIf } from "../../lib/audit";
import { hashToken, randomToken } from "../../lib/auth";
import { type ClaimedMail, MAIL_LEASE_MS, type MailLocale, renderMail } from "../../lib/mail";
import { runBatch } from "../client";
import type { EventMailInfo } from "../event-context";
import { institutions, registrations } from "../schema";
import { assignTicketCode, brandOf, freeTicketCode, personalLink, type RunContext } from "./shared";

// ---------------------------------------------------------------------------
// The mail of a new registration

/** Stands for the institution's name in a rendered mail until SQL puts the name in; survives HTML escaping. */
const INSTITUTION_MARK = "\u27e6institution\u27e7";

/** SQL: `text` with the institution's name (HTML-escaped when `html`) in place of the mark. */
const withInstitution = (text: string, html: boolean) =>
  html
    ? sql`replace(${text}, ${INSTITUTION_MARK}, replace(replace(replace(replace(replace(i.name,
        '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'))`
    : sql`replace(${text}, ${INSTITUTION_MARK}, i.name)`;

/**
 * The confirmation or waiting-list mail of a new registration, whichever its INSERT decided:
 * one statement that picks the rendered text by the row's status, puts in the institution's
 * name, and writes nothing if the row was not created. The mail is written already claimed by
 * this request (one attempt, leased): the request delivers it after its answer by id, and the
 * cron retries it only if that delivery never reported back.
 */
function registrationMailByStatus(
  ctx: RunContext,
  info: EventMailInfo,
  email: string,
  registrationId: string,
  mailId: string,
  link: string,
  locale: MailLocale,
) {
  const render = (kind: "confirmed" | "waitlisted") =>
    renderMail(
      "registration_update",
      locale,
      { kind, eventTitle: info.title, institutionName: INSTITUTION_MARK, dates: info.dates[locale], link },
      brandOf(ctx, info),
    );
  const yes = render("confirmed");
  const no = render("waitlisted");
  const at = ctx.now.getTime();
  const pick = (a: string, b: string, html = false) =>
    sql`case r.status when 'confirmed' then ${withInstitution(a, html)} else ${withInstitution(b, html)} end`;
  return sql`insert into outbox
    (id, network_id, to_email, template, locale, subject, body_text, body_html, status, attempts, next_attempt_at, created_at)
    select ${mailId}, ${info.networkId}, ${email}, 'registration_update', ${locale},
      ${pick(yes.subject, no.subject)}, ${pick(yes.text, no.text)}, ${pick(yes.html, no.html, true)}, 'pending', 1,
      ${at + MAIL_LEASE_MS}, ${at}
    from registrations r join institutions i on i.id = r.institution_id where r.id = ${registrationId}
    returning id, attempts, to_email as "to", subject, body_text as text, body_html as html`;
}

// ---------------------------------------------------------------------------
// Registering

export type RegistrationRequest = {
  eventId: string;
  institutionId: string;
  trackId: string | null;
  email: string;
  name: string;
  function: string;
  accessibilityNeeds: string;
  /** The language of the person's mails; null: the request's. */
  locale?: MailLocale | null;
  idempotencyKey: string | null;
  actorAccountId: string | null;
};

/** Reasons under which the INSERT confirms; every other reason waitlists. */
const CONFIRMING = sql.raw(`('within_quota', 'open_place')`);

/**
 * Registers one person in one atomic batch: the INSERT decides confirmed or
 * waitlisted from the counts it reads itself (invariants 1 and 2), the unique
 * indexes refuse a second live registration of the person and a second
 * registration under the same idempotency key (3 and 4), and the history row and
 * the mail are written only if the row was. Returns the new registration's id,
 * status and reason, or null if nothing was inserted (see `diagnoseRefusal`).
 */
export async function register(ctx: RunContext, req: RegistrationRequest, info: EventMailInfo) {
  const { db } = ctx;
  const now = ctx.now.getTime();
  const id = crypto.randomUUID();
  const mailId = crypto.randomUUID();
  const token = randomToken();
  const tokenHash = await hashToken(token);
  const link = personalLink(ctx.origin, token);
  const locale = req.locale ?? ctx.locale;

  const [inserted, mailRow] = await runBatch(db, [
    sql`insert into registrations (id, event_id, track_id, institution_id, email, name, "function",
        accessibility_needs, status, reason_code, is_override, is_walk_in, requested_at, confirmed_at, idempotency_key,
        personal_token_hash, privacy_acknowledged_at, created_by_account_id, created_at, ticket_code, locale)
      select ${id}, d.event_id, ${req.trackId}, d.institution_id, ${req.email}, ${req.name}, ${req.function},
        ${req.accessibilityNeeds},
        case when d.reason in ${CONFIRMING} then 'confirmed' else 'waitlisted' end, d.reason, 0, 0, ${now},
        case when d.reason in ${CONFIRMING} then ${now} end, ${req.idempotencyKey}, ${tokenHash}, ${now},
        ${req.actorAccountId}, ${now}, ${freeTicketCode()}, ${locale}
      from (
        select e.id as event_id, q.institution_id,
          case
            when e.held_places >= e.capacity then 'event_full'
            when t.id is not null and t.held_places >= t.capacity then 'track_full'
            when e.redistributed_at is not null and exists (select 1 from registrations w
                where w.event_id = e.id and w.status = 'waitlisted' and w.offered_until is null)
              then 'others_waiting'
            when e.redistributed_at is not null then 'open_place'
            when ${now} >= e.quota_deadline then 'awaiting_redistribution'
            when q.held_places >= coalesce(q.places, e.default_quota) then 'quota_exhausted'
            else 'within_quota'
          end as reason
        from events e
        join quotas q on q.event_id = e.id and q.institution_id = ${req.institutionId}
        join institutions i on i.id = q.institution_id and i.archived_at is null
        left join tracks t on t.id = ${req.trackId} and t.event_id = e.id
        where e.id = ${req.eventId} and e.status = 'published'
          and ${now} >= e.registration_opens_at and ${now} < e.registration_closes_at
          and (${req.trackId} is null or t.id is not null)
      ) d
      where true
      on conflict do nothing
      returning status, reason_code, requested_at, confirmed_at, ticket_code,
        (select name from institutions where id = institution_id) as institution_name`,
    registrationMailByStatus(ctx, info, req.email, id, mailId, link, locale),
  ]);
  const row = inserted.results[0] as
    | {
        status: "confirmed" | "waitlisted";
        reason_code: string;
        requested_at: number;
        confirmed_at: number | null;
        ticket_code: string | null;
        institution_name: string;
      }
    | undefined;
  if (!row) return null;
  if (row.ticket_code === null) await assignTicketCode(db, id);
  const mail = mailRow.results[0] as Omit<ClaimedMail, "networkId" | "senderName"> | undefined;
  return {
    id,
    status: row.status,
    reasonCode: row.reason_code,
    requestedAt: new Date(row.requested_at),
    confirmedAt: row.confirmed_at === null ? null : new Date(row.confirmed_at),
    institutionName: row.institution_name,
    token,
    /** Written already claimed: the caller delivers it after the answer (`deliverClaimed`). */
    mail: mail ? { ...mail, networkId: info.networkId, senderName: info.network.senderName } : null,
  };
}

// ---------------------------------------------------------------------------
// Walk-ins at the door

export type WalkInRequest = {
  eventId: string;
  networkId: string;
  sessionId: string;
  institutionId: string;
  /** Null without an address: the person gets one unique within the event that is never delivered. */
  email: string | null;
  name: string;
  function: string;
  clientOpId: string;
  actorAccountId: string;
  /** Added outside the session's check-in window, as the organiser confirmed: recorded in the audit log. */
  windowOverridden?: boolean;
};

export type WalkInOutcome =
  | { kind: "created" | "replayed"; registrationId: string }
  | { kind: "refused"; reason: "idempotency_key_reused" | "institution_not_found" | "institution_archived" }
  | { kind: "refused"; reason: "already_registered" };

/**
 * A person at the door without a registration: a confirmed registration, recorded as an
 * override (it may exceed capacity and quota on purpose, the organiser decided), checked in
 * in the same batch. Idempotent by the client's operation id, so an offline queue can replay it.
 */
export async function registerWalkIn(ctx: RunContext, req: WalkInRequest): Promise<WalkInOutcome> {
  const { db } = ctx;
  const id = crypto.randomUUID();
  const key = `walkin:${req.clientOpId}`;
  const now = ctx.now.getTime();
  const email = req.email ?? `${id}@walk-in.invalid`;
  const made = sql`exists (select 1 from registrations where id = ${id})`;
  let registration: Awaited<ReturnType<typeof runBatch>>[number];
  try {
    [registration] = await runBatch(db, [
      sql`insert into registrations (id, event_id, institution_id, email, name, "function", accessibility_needs,
          status, reason_code, is_override, is_walk_in, requested_at, confirmed_at, idempotency_key,
          created_by_account_id, created_at, ticket_code)
        select ${id}, ${req.eventId}, i.id, ${email}, ${req.name}, ${req.function}, '', 'confirmed', 'walk_in', 1, 1,
          ${now}, ${now}, ${key}, ${req.actorAccountId}, ${now}, ${freeTicketCode()}
        from institutions i
        where i.id = ${req.institutionId} and i.network_id = ${req.networkId} and i.archived_at is null
        on conflict do nothing
        returning ticket_code`,
      sql`insert into attendances (id, session_id, registration_id, kind, method, at, recorded_by_account_id, client_op_id)
        select ${crypto.randomUUID()}, ${req.sessionId}, ${id}, 'present', 'walk_in', ${now}, ${req.actorAccountId},
          ${req.clientOpId}
        where ${made}`,
      auditInsertIf(
        {
          networkId: req.networkId,
          actorAccountId: req.actorAccountId,
          action: "attendance.walk_in",
          entityType: "registration",
          entityId: id,
          fields: ["name", "email", "institutionId", "function"],
        },
        made,
        ctx.now,
      ),
      ...(req.windowOverridden
        ? [
            auditInsertIf(
              {
                networkId: req.networkId,
                actorAccountId: req.actorAccountId,
                action: "attendance.check_in_override",
                entityType: "registration",
                entityId: id,
                fields: ["sessionId"],
              },
              made,
              ctx.now,
            ),
          ]
        : []),
    ]);
  } catch (error) {
    // The clientOpId belongs to a check-in already: nothing of the batch was written.
    if (String(error).includes("UNIQUE")) return { kind: "refused", reason: "idempotency_key_reused" };
    throw error;
  }
  if (registration.meta.changes > 0) {
    const row = registration.results[0] as { ticket_code: string | null } | undefined;
    if (row?.ticket_code === null) await assignTicketCode(db, id);
    return { kind: "created", registrationId: id };
  }
  const [same] = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(sql`${registrations.eventId} = ${req.eventId} and ${registrations.idempotencyKey} = ${key}`)
    .limit(1);
  if (same) return { kind: "replayed", registrationId: same.id };
  const [institution] = await db
    .select({ networkId: institutions.networkId, archivedAt: institutions.archivedAt })
    .from(institutions)
    .where(eq(institutions.id, req.institutionId))
    .limit(1);
  if (!institution || institution.networkId !== req.networkId)
    return { kind: "refused", reason: "institution_not_found" };
  if (institution.archivedAt) return { kind: "refused", reason: "institution_archived" };
  return { kind: "refused", reason: "already_registered" };
}
