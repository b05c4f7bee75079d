// Fan-out: one message, reminder or feedback invitation to many recipients. The recipients
// are fixed when it is sent (`messages.recipients`) and go through the JOBS queue in parts of
// PART_SIZE; each part is written to the outbox by one batch and sent at once. A part may be
// delivered twice (queues deliver at least once): every mail has a dedupe key
// (`{messageId}:{recipient}`, unique in the outbox), so a second delivery writes and sends
// nothing. Per part: two reads, one insert per mail, one write of the outcomes: far below
// D1's 1,000 statements per invocation even at the consumer's batch of five parts.

import { and, eq, isNull, lt, type SQL, sql } from "drizzle-orm";
import { type ClaimedMail, MAIL_LEASE_MS, type MailEnv, type RenderedMail, sendClaimed } from "../../lib/mail";
import { type Db, runBatch } from "../client";
import { type EventMailInfo, loadEventContext } from "../event-context";
import { messages } from "../schema";
import { loadRecipients, type Recipient } from "./recipients";
import { renderers } from "./renderers";

export type { Recipient } from "./recipients";

/** Recipients per queue message: 50 inserts and their ids stay under D1's 100 bound parameters per statement. */
export const PART_SIZE = 50;

/**
 * The body of a JOBS queue message: one part of a message's recipients. `origin` is where the
 * producer was reached, for links where no PUBLIC_ORIGIN is set (local development: a second
 * local server links to itself); with PUBLIC_ORIGIN set the consumer uses that.
 */
export type Job = { kind: "fan_out"; messageId: string; keys: string[]; origin?: string };

export type MessageRow = typeof messages.$inferSelect;

export type FanOutContext = { db: Db; now: Date; origin: string; info: EventMailInfo };

/** One recipient's mail; `alongside` are statements that take effect only if the mail is written (e.g. its link's token). */
export type PartMail = { recipient: Recipient; mail: RenderedMail; alongside?: (written: SQL) => SQL[] };

/** Renders the mails of one part; it may leave recipients out (e.g. reminders turned off, registration cancelled since). */
export type Renderer = (ctx: FanOutContext, message: MessageRow, recipients: Recipient[]) => Promise<PartMail[]>;

/** The queue this module needs: the JOBS binding. */
export type JobQueue = Pick<Queue<Job>, "sendBatch">;

const chunks = <T>(items: T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** A queue whose jobs carry `origin` (see Job). */
export const withOrigin = (queue: JobQueue, origin: string): JobQueue => ({
  sendBatch: (messages, options) =>
    queue.sendBatch(
      [...messages].map((m) => ({ ...m, body: { ...m.body, origin } })),
      options,
    ),
});

/** Puts every part of a stored message on the queue, then marks it queued. */
export async function enqueueMessage(
  queue: JobQueue,
  db: Db,
  message: Pick<MessageRow, "id" | "recipients">,
  now = new Date(),
) {
  const parts = chunks(message.recipients, PART_SIZE).map((keys) => ({
    body: { kind: "fan_out", messageId: message.id, keys } satisfies Job,
    contentType: "json" as const,
  }));
  // sendBatch takes at most 100 messages.
  for (const group of chunks(parts, 100)) await queue.sendBatch(group);
  await db.update(messages).set({ queuedAt: now }).where(eq(messages.id, message.id));
}

/** Messages written but not (fully) put on the queue for 10 minutes, e.g. after a crash: enqueued again (the parts are idempotent). */
export async function enqueueStalled(queue: JobQueue, db: Db, now = new Date()) {
  const stalled = await db
    .select({ id: messages.id, recipients: messages.recipients })
    .from(messages)
    .where(and(isNull(messages.queuedAt), lt(messages.createdAt, new Date(now.getTime() - 10 * 60_000))))
    .limit(20);
  for (const message of stalled) await enqueueMessage(queue, db, message, now);
  return stalled.length;
}

export const dedupeKey = (messageId: string, recipientKey: string) => `${messageId}:${recipientKey}`;

/**
 * Writes one part to the outbox and sends what it wrote. Mails are written already claimed
 * (their first attempt counted, leased), so the cron's delivery leaves them to this step; in a
 * suspended network they are written due and wait, as all its mail does. Returns the number
 * of mails written (0 when the part had been written before).
 */
export async function writePart(env: MailEnv, db: Db, origin: string, job: Job, now = new Date()) {
  const [message] = await db.select().from(messages).where(eq(messages.id, job.messageId)).limit(1);
  if (!message) return 0;
  const context = await loadEventContext(db, message.eventId);
  if (!context) return 0;
  const recipients = await loadRecipients(db, job.keys);
  const render = renderers[message.kind] as Renderer | undefined;
  // A kind this code does not know (written by a newer version): retried, then dead-lettered.
  if (!render) throw new Error(`no renderer for messages of kind ${message.kind}`);
  const mails = await render({ db, now, origin, info: context.mail }, message, recipients);
  const rendered = new Set(mails.map((m) => m.recipient.key));
  const skipped = job.keys.filter((key) => !rendered.has(key));
  // Those left out are recorded (once), so the history does not show them as waiting forever.
  const skips = skipped.length
    ? [
        sql`insert into message_skips (message_id, recipient_key) select ${message.id}, value from json_each(${JSON.stringify(skipped)})
          where true on conflict do nothing`,
      ]
    : [];
  if (mails.length === 0) {
    if (skips.length) await runBatch(db, skips);
    return 0;
  }
  const sending = context.networkStatus === "active";
  const at = now.getTime();
  const statements: SQL[] = [];
  const inserts: { index: number; id: string; part: PartMail }[] = [];
  for (const part of mails) {
    const id = crypto.randomUUID();
    inserts.push({ index: statements.length, id, part });
    statements.push(sql`insert into outbox (id, network_id, message_id, dedupe_key, to_email, template, locale, subject,
        body_text, body_html, status, attempts, next_attempt_at, created_at)
      values (${id}, ${message.networkId}, ${message.id}, ${dedupeKey(message.id, part.recipient.key)},
        ${part.recipient.email}, ${message.kind}, ${part.recipient.locale}, ${part.mail.subject}, ${part.mail.text},
        ${part.mail.html}, 'pending', ${sending ? 1 : 0}, ${sending ? at + MAIL_LEASE_MS : at}, ${at})
      on conflict (dedupe_key) do nothing returning id`);
    statements.push(...(part.alongside?.(sql`exists (select 1 from outbox where id = ${id})`) ?? []));
  }
  statements.push(...skips);
  const results = await runBatch(db, statements);
  // What this batch wrote: a part delivered twice finds its mails there already.
  const written = inserts.filter((insert) => results[insert.index].results.length === 1);
  if (sending) {
    const claimed: ClaimedMail[] = written.map(({ id, part }) => {
      return {
        id,
        attempts: 1,
        to: part.recipient.email,
        subject: part.mail.subject,
        text: part.mail.text,
        html: part.mail.html,
        networkId: message.networkId,
        senderName: context.mail.network.senderName || context.mail.network.name,
      };
    });
    await sendClaimed(env, db, claimed, now);
  }
  return written.length;
}

/** A part that failed for good (from the dead-letter queue): its recipients without a mail are counted undeliverable. */
export async function countUndeliverable(db: Db, job: Job) {
  const keys = job.keys.map((key) => dedupeKey(job.messageId, key));
  await db.run(sql`update messages set undeliverable = undeliverable + ${keys.length} - (
      select count(*) from outbox where dedupe_key in (${sql.join(
        keys.map((k) => sql`${k}`),
        sql`, `,
      )}))
    where id = ${job.messageId}`);
}
