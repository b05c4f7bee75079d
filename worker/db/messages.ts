// Messages of an event: who an audience is, the message written and put on the queue, the
// history with each message's delivery state from the outbox, the preview and the test mail.
// The mails themselves are written by the queue's consumer (fan-out/message.ts).
import { and, asc, desc, eq, inArray, isNull, lt, ne, type SQL, sql } from "drizzle-orm";
import {
  attendsSession,
  type MessageAudience,
  type RegistrantAudience,
  statusMatches,
} from "../domain/message-audience";
import { mailInsert, type RenderedMail, renderMail } from "../lib/mail";
import type { Db } from "./client";
import type { EventMailInfo } from "./event-context";
import { enqueueMessage, type JobQueue } from "./fan-out";
import { messageDraft, messageFacts } from "./fan-out/message";
import { loadRecipients } from "./fan-out/recipients";
import {
  accounts,
  auditLog,
  events,
  institutions,
  messages,
  outbox,
  quotas,
  registrations,
  roles,
  tracks,
} from "./schema";

type Event = typeof events.$inferSelect;

/** The written message: subject and text with placeholders as typed, and who it goes to. */
export type MessageInput = { audience: MessageAudience; subject: string; body: string };

/** Who writes: the account, and the institution when a contact writes to its delegates. */
export type MessageWriter = { accountId: string; email: string; institutionId: string | null };

async function registrantKeys(db: Db, event: Event, audience: RegistrantAudience) {
  const rows = await db
    .select({ id: registrations.id, status: registrations.status, trackSession: tracks.sessionId })
    .from(registrations)
    .leftJoin(tracks, eq(tracks.id, registrations.trackId))
    .where(
      and(
        eq(registrations.eventId, event.id),
        ne(registrations.status, "cancelled"),
        isNull(registrations.anonymisedAt),
        audience.institutionId ? eq(registrations.institutionId, audience.institutionId) : undefined,
        audience.trackId ? eq(registrations.trackId, audience.trackId) : undefined,
      ),
    )
    .orderBy(asc(registrations.requestedAt), asc(registrations.id));
  return rows
    .filter((r) => statusMatches(audience.status, r.status))
    .filter((r) => !audience.sessionId || attendsSession(audience.sessionId, r.trackSession))
    .map((r) => `r:${r.id}`);
}

async function contactKeys(db: Db, event: Event, filter: "all" | "unused_quota") {
  const rows = await db
    .select({ roleId: roles.id, accountId: roles.accountId })
    .from(roles)
    .innerJoin(quotas, and(eq(quotas.institutionId, roles.institutionId), eq(quotas.eventId, event.id)))
    .innerJoin(institutions, eq(institutions.id, roles.institutionId))
    .where(
      and(
        eq(roles.networkId, event.networkId),
        eq(roles.role, "institution_contact"),
        isNull(institutions.archivedAt),
        filter === "unused_quota"
          ? lt(quotas.heldPlaces, sql`coalesce(${quotas.places}, ${event.defaultQuota})`)
          : undefined,
      ),
    )
    .orderBy(asc(institutions.name), asc(roles.id));
  // A person who is the contact of two invited institutions gets the message once.
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.accountId) && seen.add(r.accountId)).map((r) => `c:${r.roleId}`);
}

/** The audience's recipient keys as of now, in a stable order (the first is the preview's). */
export const audienceKeys = (db: Db, event: Event, audience: MessageAudience) =>
  audience.group === "registrants" ? registrantKeys(db, event, audience) : contactKeys(db, event, audience.filter);

/** Whether the session, track and institution an audience names belong to the event. */
export async function audienceRefersToEvent(db: Db, event: Event, audience: MessageAudience) {
  if (audience.group !== "registrants") return true;
  const [row] = await db
    .select({
      session: audience.sessionId
        ? sql<number>`exists (select 1 from event_sessions where id = ${audience.sessionId} and event_id = ${event.id})`
        : sql<number>`1`,
      track: audience.trackId
        ? sql<number>`exists (select 1 from tracks where id = ${audience.trackId} and event_id = ${event.id})`
        : sql<number>`1`,
      institution: audience.institutionId
        ? sql<number>`exists (select 1 from institutions where id = ${audience.institutionId} and network_id = ${event.networkId})`
        : sql<number>`1`,
    })
    .from(events)
    .where(eq(events.id, event.id));
  return Boolean(row?.session && row.track && row.institution);
}

/** The mail the first recipient of the audience would get, written nowhere (personal links shown, not made). */
async function sampleMail(
  db: Db,
  origin: string,
  info: EventMailInfo,
  event: Event,
  input: MessageInput,
  writer: MessageWriter,
  keys: string[],
  now: Date,
) {
  const [first] = await loadRecipients(db, keys.slice(0, 1));
  if (!first) return null;
  const written = { ...input, eventId: event.id, institutionId: writer.institutionId };
  const facts = await messageFacts(db, origin, written);
  const draft = await messageDraft(origin, info, facts, written, first, "sample", now);
  return { recipient: first, draft };
}

export type MessagePreview = {
  recipientCount: number;
  sample: ({ to: string; locale: "de" | "en" } & RenderedMail) | null;
};

export async function previewMessage(
  db: Db,
  origin: string,
  info: EventMailInfo,
  event: Event,
  input: MessageInput,
  writer: MessageWriter,
  now = new Date(),
): Promise<MessagePreview> {
  const keys = await audienceKeys(db, event, input.audience);
  const sample = await sampleMail(db, origin, info, event, input, writer, keys, now);
  if (!sample) return { recipientCount: keys.length, sample: null };
  const mail = renderMail("event_message", sample.draft.locale, sample.draft.params, sample.draft.brand);
  return { recipientCount: keys.length, sample: { to: sample.recipient.email, locale: sample.draft.locale, ...mail } };
}

/**
 * One mail to the writer's own address, as the first recipient would get it, "[Test] " before
 * the subject; through the outbox like any mail, but not part of the message history.
 * Returns null when the audience is empty.
 */
export async function testMessage(
  db: Db,
  origin: string,
  info: EventMailInfo,
  event: Event,
  input: MessageInput,
  writer: MessageWriter,
  now = new Date(),
) {
  const keys = await audienceKeys(db, event, input.audience);
  const sample = await sampleMail(db, origin, info, event, input, writer, keys, now);
  if (!sample) return null;
  const { params, locale, brand } = sample.draft;
  await mailInsert(
    db,
    {
      to: writer.email,
      locale,
      networkId: event.networkId,
      template: "event_message",
      params: { ...params, subject: `[Test] ${params.subject}` },
      brand,
    },
    now,
  );
  return { to: writer.email };
}

/** Writes the message with its recipients fixed, logs it, and puts its parts on the queue. Null: nobody to write to. */
export async function sendMessage(
  db: Db,
  queue: JobQueue,
  event: Event,
  input: MessageInput,
  writer: MessageWriter,
  now = new Date(),
) {
  const recipients = await audienceKeys(db, event, input.audience);
  if (recipients.length === 0) return null;
  const id = crypto.randomUUID();
  await db.batch([
    db.insert(messages).values({
      id,
      networkId: event.networkId,
      eventId: event.id,
      kind: "message",
      audience: input.audience,
      subject: input.subject,
      body: input.body,
      authorAccountId: writer.accountId,
      institutionId: writer.institutionId,
      recipients,
      recipientCount: recipients.length,
      createdAt: now,
    }),
    // The audience as chosen (ids of sessions, tracks, institutions) and the count: no personal data.
    db.insert(auditLog).values({
      networkId: event.networkId,
      at: now,
      actorAccountId: writer.accountId,
      action: "message.sent",
      entityType: "event",
      entityId: event.id,
      details: { audience: input.audience, recipientCount: recipients.length },
    }),
  ]);
  await enqueueMessage(queue, db, { id, recipients }, now);
  const [summary] = await messageHistory(db, event.id, null, [id]);
  return summary;
}

export type MessageSummary = {
  id: string;
  kind: (typeof messages.$inferSelect)["kind"];
  audience: Record<string, unknown>;
  subject: string;
  body: string;
  createdAt: string;
  authorName: string | null;
  institutionName: string | null;
  recipientCount: number;
  delivery: { delivered: number; failed: number; waiting: number; undeliverable: number; skipped: number };
};

const counted = (status: SQL) => sql<number>`(select count(*) from ${outbox} o
  where o.message_id = ${messages.id} and ${status})`;

/**
 * The messages of an event, newest first, with their delivery from the outbox. `institutionIds`:
 * only those these institutions' contacts sent (null: all). Recipients whose mail is not
 * written yet count as waiting; those fan-out left out (cancelled since, reminders off) as skipped.
 */
export async function messageHistory(db: Db, eventId: string, institutionIds: string[] | null, ids?: string[]) {
  const rows = await db
    .select({
      id: messages.id,
      kind: messages.kind,
      audience: messages.audience,
      subject: messages.subject,
      body: messages.body,
      createdAt: messages.createdAt,
      authorName: accounts.displayName,
      institutionName: institutions.name,
      recipientCount: messages.recipientCount,
      undeliverable: messages.undeliverable,
      sent: counted(sql`o.status = 'sent'`),
      dead: counted(sql`o.status = 'dead'`),
      open: counted(sql`o.status in ('pending', 'failed')`),
      skipped: sql<number>`(select count(*) from message_skips k where k.message_id = ${messages.id})`,
    })
    .from(messages)
    .leftJoin(accounts, eq(accounts.id, messages.authorAccountId))
    .leftJoin(institutions, eq(institutions.id, messages.institutionId))
    .where(
      and(
        eq(messages.eventId, eventId),
        institutionIds ? inArray(messages.institutionId, institutionIds) : undefined,
        ids ? inArray(messages.id, ids) : undefined,
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id));
  return rows.map(
    (r): MessageSummary => ({
      id: r.id,
      kind: r.kind,
      audience: r.audience,
      subject: r.subject,
      body: r.body,
      createdAt: r.createdAt.toISOString(),
      authorName: r.authorName || null,
      institutionName: r.institutionName,
      recipientCount: r.recipientCount,
      delivery: {
        delivered: r.sent,
        failed: r.dead,
        waiting: r.open + Math.max(0, r.recipientCount - r.sent - r.dead - r.open - r.undeliverable - r.skipped),
        undeliverable: r.undeliverable,
        skipped: r.skipped,
      },
    }),
  );
}
