// E-mail goes through the `outbox` table: a write that must send a mail inserts
// the rendered message in the same D1 batch as the write itself, and
// `deliverOutbox` sends due messages later (after the request, or from a cron),
// retrying with backoff until a message is sent or declared dead.

import { AsyncLocalStorage } from "node:async_hooks";
import { and, asc, eq, inArray, isNull, lte, notInArray, or, type SQL, sql } from "drizzle-orm";
import type { Context } from "hono";
import type { Db } from "../db/client";
import { networks, outbox } from "../db/schema";
import type { AppEnv } from "../env";
import type { MailParams } from "./mail-params";
import { renderMail } from "./mail-render";

// The templates' parameters (mail-params.ts) and their rendering (mail-render.ts), for those
// who import everything about mail from here.
export type { MailParams, RegistrationMailKind } from "./mail-params";
export { renderMail } from "./mail-render";

export type MailLocale = "de" | "en";

export type MailTemplate = keyof MailParams;
export type ParamsOf<T extends MailTemplate> = MailParams[T];

export type RenderedMail = { subject: string; text: string; html: string };

/**
 * How a mail that belongs to a network presents it: its name and logo above the
 * text, its sender name (or its name) as the signature. `logoUrl` is absolute,
 * pointing at the public logo endpoint, since mail clients load it from afar.
 */
export type MailBrand = { networkName: string; senderName: string; logoUrl: string | null };

/**
 * The mail binding this module needs. It is the builder form of the send_email
 * binding of Cloudflare Email Service ("Email Sending", public beta 2026):
 * `[[send_email]] name = "EMAIL"` in wrangler.toml gives `env.EMAIL: SendEmail`,
 * whose `send({ from, to, subject, text, html })` overload matches this shape.
 * The older Email Routing form, `send(new EmailMessage(from, to, rawMime))`
 * (only to verified addresses), is not used.
 */
export type MailEnv = {
  DEV_MODE?: string;
  EMAIL?: {
    send(message: { to: string; from: string; subject: string; text: string; html: string }): Promise<unknown>;
  };
  MAIL_FROM?: string;
  PUBLIC_ORIGIN?: string;
};

export const DEFAULT_MAIL_FROM = "netzwerkstatt@example.org";

/** After this many failed attempts a message is dead (kept for inspection, never retried). */
export const MAX_MAIL_ATTEMPTS = 6;

/** How long a claimed message is reserved for its deliverer; after that a crashed delivery is retried. */
export const MAIL_LEASE_MS = 10 * 60_000;

// ---------------------------------------------------------------------------
// Enqueueing

export type OutgoingMail<T extends MailTemplate> = {
  to: string;
  locale: MailLocale;
  networkId?: string | null;
  template: T;
  params: ParamsOf<T>;
  /** For mails that belong to a network: its name, sender name and logo in the layout. */
  brand?: MailBrand;
};

/**
 * The insert of one rendered mail as a pending outbox row, not yet executed,
 * for `db.batch([write, mailInsert(db, mail)])`. It returns `[{ id }]`.
 */
export function mailInsert<T extends MailTemplate>(db: Db, mail: OutgoingMail<T>, now = new Date()) {
  const rendered = renderMail(mail.template, mail.locale, mail.params, mail.brand);
  return db
    .insert(outbox)
    .values({
      id: noteWritten(crypto.randomUUID()),
      networkId: mail.networkId ?? null,
      toEmail: mail.to,
      template: mail.template,
      locale: mail.locale,
      subject: rendered.subject,
      bodyText: rendered.text,
      bodyHtml: rendered.html,
      status: "pending",
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    })
    .returning({ id: outbox.id });
}

/**
 * Like `mailInsert`, but as SQL for `runBatch`, and the mail is written only if
 * `condition` holds when the batch runs, e.g. only if the registration it
 * announces was really created.
 */
export function mailInsertIf<T extends MailTemplate>(mail: OutgoingMail<T>, condition: SQL, now = new Date()): SQL {
  const r = renderMail(mail.template, mail.locale, mail.params, mail.brand);
  const at = now.getTime();
  return sql`insert into outbox
    (id, network_id, to_email, template, locale, subject, body_text, body_html, status, attempts, next_attempt_at, created_at)
    select ${noteWritten(crypto.randomUUID())}, ${mail.networkId ?? null}, ${mail.to}, ${mail.template}, ${mail.locale},
      ${r.subject}, ${r.text}, ${r.html}, 'pending', 0, ${at}, ${at}
    where ${condition}`;
}

/** Puts one mail in the outbox; returns the outbox id. */
export async function enqueueMail<T extends MailTemplate>(
  db: Db,
  mail: OutgoingMail<T>,
  now = new Date(),
): Promise<string> {
  const [row] = await mailInsert(db, mail, now);
  return row.id;
}

// ---------------------------------------------------------------------------
// Delivery

/**
 * The From header: the network's sender name (or its name) as display name
 * before the installation's address, quoted as RFC 5322 wants it.
 */
export function fromHeader(address: string, displayName?: string | null): string {
  const name = (displayName ?? "")
    .replace(/[\r\n"\\<>]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  // MAIL_FROM may carry a display name of its own ("NetzWerkstatt <x@example.org>").
  const bare = /<([^>]+)>/.exec(address)?.[1] ?? address;
  return name ? `"${name}" <${bare}>` : address;
}

/** Display names of the networks the given mails belong to, by network id. */
export async function senderNames(db: Db, networkIds: (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(networkIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: networks.id, name: networks.name, senderName: networks.senderName })
    .from(networks)
    .where(inArray(networks.id, ids));
  return new Map(rows.map((n) => [n.id, n.senderName || n.name]));
}

const RETRY_DELAYS_MINUTES = [1, 5, 15, 60, 240];

/** Wait before the next try after `attempts` failed attempts: 1, 5, 15, 60, then 240 minutes at most. */
export function retryDelayMs(attempts: number): number {
  const index = Math.min(Math.max(Math.floor(attempts), 1), RETRY_DELAYS_MINUTES.length) - 1;
  return RETRY_DELAYS_MINUTES[index] * 60_000;
}

const errorText = (error: unknown) =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 1000);

/**
 * Sends due messages (pending, or failed with their retry time reached), at most `limit`;
 * with `ids`, only those. The messages are first claimed by one update that counts the
 * attempt and reserves them for a while, so concurrent deliverers never send one message
 * twice and a delivery that crashed after claiming is retried later; the outcomes are written
 * in one batch. In DEV_MODE nothing is sent: the message is marked sent and can be read in the
 * dev mailbox.
 */
export async function deliverOutbox(
  env: MailEnv,
  db: Db,
  now = new Date(),
  limit = 25,
  ids?: string[],
): Promise<DeliveryResult> {
  if (ids?.length === 0) return { sent: 0, retried: 0, dead: 0 };
  const due = and(
    inArray(outbox.status, ["pending", "failed"]),
    lte(outbox.nextAttemptAt, now),
    ids ? inArray(outbox.id, ids) : undefined,
    // A suspended network sends nothing; its mails wait, and go out if it is reactivated.
    or(
      isNull(outbox.networkId),
      notInArray(
        outbox.networkId,
        db.select({ id: networks.id }).from(networks).where(eq(networks.status, "suspended")),
      ),
    ),
  );
  // One statement claims the due messages: it counts the attempt and moves the next try
  // past the lease, so a concurrent deliverer no longer finds them due. It reads the sender
  // name along, so that sending needs no further query.
  const claimed = await db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + MAIL_LEASE_MS) })
    .where(
      and(
        due,
        inArray(
          outbox.id,
          db
            .select({ id: outbox.id })
            .from(outbox)
            .where(due)
            .orderBy(asc(outbox.nextAttemptAt), asc(outbox.createdAt))
            .limit(limit),
        ),
      ),
    )
    .returning({
      id: outbox.id,
      attempts: outbox.attempts,
      to: outbox.toEmail,
      subject: outbox.subject,
      text: outbox.bodyText,
      html: outbox.bodyHtml,
      networkId: outbox.networkId,
      senderName: sql<string | null>`(select coalesce(nullif(n.sender_name, ''), n.name) from networks n
        where n.id = ${outbox.networkId})`,
    });
  return sendClaimed(env, db, claimed, now);
}

/** A message claimed by its deliverer (its attempt counted), with what sending it needs. */
export type ClaimedMail = {
  id: string;
  /** The attempt this claim counted; the outcome is written only while it is still the row's. */
  attempts: number;
  to: string;
  subject: string;
  text: string;
  html: string;
  networkId: string | null;
  senderName: string | null;
};

type DeliveryResult = { sent: number; retried: number; dead: number };

/** Sends claimed messages and records every outcome in one statement batch. */
export async function sendClaimed(env: MailEnv, db: Db, claimed: ClaimedMail[], now = new Date()) {
  const result: DeliveryResult = { sent: 0, retried: 0, dead: 0 };
  if (claimed.length === 0) return result;
  const address = env.MAIL_FROM ?? DEFAULT_MAIL_FROM;
  const outcomes = [];
  // Sent mails are recorded together, one statement per attempt count (and per 90 ids, under
  // D1's 100 bound parameters): a part of fifty mails costs one write, not fifty.
  const sentByAttempt = new Map<number, string[]>();
  for (const mail of claimed) {
    // Only while the claim is ours: after a lease expired, another deliverer may hold it.
    const mine = and(eq(outbox.id, mail.id), eq(outbox.attempts, mail.attempts));
    let error: string | null = null;
    if (env.DEV_MODE !== "true") {
      if (!env.EMAIL) {
        error = "No EMAIL binding configured";
      } else if (!env.PUBLIC_ORIGIN) {
        // Links in this mail were built from some other origin: never send them out.
        error = "PUBLIC_ORIGIN is not configured";
      } else {
        try {
          await env.EMAIL.send({
            to: mail.to,
            from: fromHeader(address, mail.senderName),
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
          });
        } catch (e) {
          error = errorText(e);
        }
      }
    }

    if (error === null) {
      sentByAttempt.set(mail.attempts, [...(sentByAttempt.get(mail.attempts) ?? []), mail.id]);
      result.sent++;
    } else if (mail.attempts >= MAX_MAIL_ATTEMPTS) {
      outcomes.push(db.update(outbox).set({ status: "dead", lastError: error }).where(mine));
      result.dead++;
    } else {
      outcomes.push(
        db
          .update(outbox)
          .set({
            status: "failed",
            lastError: error,
            nextAttemptAt: new Date(now.getTime() + retryDelayMs(mail.attempts)),
          })
          .where(mine),
      );
      result.retried++;
    }
  }
  for (const [attempts, ids] of sentByAttempt)
    for (let i = 0; i < ids.length; i += 90)
      outcomes.push(
        db
          .update(outbox)
          .set({ status: "sent", sentAt: now, lastError: null })
          .where(and(inArray(outbox.id, ids.slice(i, i + 90)), eq(outbox.attempts, attempts))),
      );
  await db.batch(outcomes as [(typeof outcomes)[number], ...typeof outcomes]);
  return result;
}

// The ids of the mails the current request wrote: delivery after the answer sends exactly
// those, rather than racing every other request for the whole due backlog.
const writtenMails = new AsyncLocalStorage<string[]>();

/** Runs `work` (a request) so that the mails it writes are noted for `deliverAfterResponse`. */
export const notingWrittenMails = <T>(work: () => Promise<T>) => writtenMails.run([], work);

const noteWritten = (id: string) => {
  writtenMails.getStore()?.push(id);
  return id;
};

/** Notes mails written in SQL (ids from `returning id`), so that the request delivers them too. */
export const noteWrittenMails = (ids: string[]) => {
  for (const id of ids) noteWritten(id);
};

/** The mails written so far by the current request (or by work it left running after its answer). */
export const writtenMailIds = () => [...(writtenMails.getStore() ?? [])];

/**
 * Mails are written in the request; the ones this request wrote go out after the answer (the
 * cron sends whatever is left: retries, and mails of requests that ended before delivering).
 */
export function deliverAfterResponse(c: Context<AppEnv>) {
  const ids = writtenMailIds();
  if (ids.length > 0) afterResponse(c, "outbox delivery", deliverOutbox(c.env, c.var.db, new Date(), ids.length, ids));
}

/** Sends a mail its request wrote already claimed (see the registration), after the answer. */
export function deliverClaimedAfterResponse(c: Context<AppEnv>, mail: ClaimedMail) {
  afterResponse(c, "outbox delivery", sendClaimed(c.env, c.var.db, [mail]));
}

/**
 * Work that goes on after the answer: the request does not wait for it, the runtime keeps
 * the worker alive until it is done. (Without an execution context, in some test harnesses,
 * it simply runs on; the cron delivers whatever mail it left.)
 */
export function afterResponse(c: Context<AppEnv>, name: string, work: Promise<unknown>) {
  const logged = work.catch((error) => console.error(name, String(error)));
  try {
    c.executionCtx.waitUntil(logged);
  } catch {
    // No execution context: nothing to extend.
  }
}
