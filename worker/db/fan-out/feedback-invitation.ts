// The mail of the anonymous feedback form, to each person present, when its session (for an
// event-wide form: the event's last session) has ended. The job claims the form and, in the
// same batch, writes one message of kind "feedback_invitation" with the people present who
// have not answered as its recipients; the queue's parts then write one mail each, in the
// person's language, with a link of their own whose invitation row is written only with the
// mail. Like a link asked for from the slide, the invitation ties a registration to a form
// and says nothing about an answer (see the header of db/feedback.ts).

import { inArray, sql } from "drizzle-orm";
import { hashToken, randomToken } from "../../lib/auth";
import { type MailBrand, renderMail } from "../../lib/mail";
import { type Db, runBatch } from "../client";
import { feedbackLink } from "../feedback";
import { feedbackSubmissions } from "../schema";
import { enqueueMessage, type FanOutContext, type JobQueue, type PartMail, type Renderer } from "./index";

const brandOf = ({ origin, info }: FanOutContext): MailBrand => ({
  networkName: info.network.name,
  senderName: info.network.senderName,
  logoUrl: info.network.logoPath ? `${origin}${info.network.logoPath}` : null,
});

export const feedbackInvitation: Renderer = async (ctx, message, recipients) => {
  const formId = String(message.params.formId ?? "");
  const form = await ctx.db.get<{ status: string; session_title: string | null }>(
    sql`select f.status, s.title as session_title from feedback_forms f
      left join event_sessions s on s.id = f.session_id where f.id = ${formId}`,
  );
  // Closed since the job ran: its link would open a form that takes no answer.
  if (form?.status !== "open") return [];
  const people = recipients.filter((r) => r.registration && r.registration.status !== "cancelled");
  if (people.length === 0) return [];
  // Whoever answered since (from their page or the slide) is not asked again.
  const answered = new Set(
    (
      await ctx.db
        .select({ id: feedbackSubmissions.registrationId })
        .from(feedbackSubmissions)
        .where(
          sql`${feedbackSubmissions.formId} = ${formId} and ${inArray(
            feedbackSubmissions.registrationId,
            people.map((r) => r.registration?.id ?? ""),
          )}`,
        )
    ).map((row) => row.id),
  );
  const brand = brandOf(ctx);
  const mails: PartMail[] = [];
  for (const recipient of people) {
    const registrationId = recipient.registration?.id ?? "";
    if (answered.has(registrationId)) continue;
    const token = randomToken();
    const tokenHash = await hashToken(token);
    mails.push({
      recipient,
      mail: renderMail(
        "feedback_invitation",
        recipient.locale,
        {
          eventTitle: ctx.info.title,
          sessionTitle: form.session_title ?? "",
          link: feedbackLink(ctx.origin, formId, token),
        },
        brand,
      ),
      alongside: (written) => [
        sql`insert into feedback_invitations (token_hash, form_id, registration_id)
          select ${tokenHash}, ${formId}, ${registrationId} where ${written}`,
      ],
    });
  }
  return mails;
};

/**
 * For open forms not mailed yet whose session has ended: per form one batch, whose first
 * statement claims the form with a random nonce and whose second writes the message only
 * under that claim (and once per form, by its dedupe key), so a second run or a concurrent
 * cron sends nothing again; then its parts go on the queue. Two statements per form, however
 * many were present.
 */
export async function runFeedbackMailJob(ctx: { db: Db; now: Date }, queue: JobQueue) {
  const { db, now } = ctx;
  const at = now.getTime();
  const due = await db.all<{ id: string; event_id: string; session_id: string | null; network_id: string }>(
    sql`select f.id, f.event_id, f.session_id, e.network_id
      from feedback_forms f join events e on e.id = f.event_id
      left join event_sessions s on s.id = f.session_id
      where f.status = 'open' and f.mail_nonce is null
        and (case when f.session_id is null
          then (select max(ends_at) from event_sessions x where x.event_id = f.event_id)
          else s.ends_at end) <= ${at}`,
  );
  let mailed = 0;
  for (const form of due) {
    const people = await db.all<{ id: string }>(
      sql`select distinct r.id from registrations r join attendances a on a.registration_id = r.id
        join event_sessions s on s.id = a.session_id
        where r.event_id = ${form.event_id} and r.anonymised_at is null and a.kind = 'present' and s.event_id = ${form.event_id}
          and (${form.session_id} is null or a.session_id = ${form.session_id})
          and not exists (select 1 from feedback_submissions x where x.form_id = ${form.id} and x.registration_id = r.id)
        order by r.id`,
    );
    const nonce = randomToken();
    const messageId = crypto.randomUUID();
    const recipients = people.map((p) => `r:${p.id}`);
    const [claim, written] = await runBatch(db, [
      sql`update feedback_forms set mail_nonce = ${nonce} where id = ${form.id} and mail_nonce is null and status = 'open'`,
      sql`insert into messages (id, network_id, event_id, kind, dedupe_key, audience, recipients, params,
          recipient_count, created_at)
        select ${messageId}, ${form.network_id}, ${form.event_id}, 'feedback_invitation', ${`feedback:${form.id}`},
          ${JSON.stringify({ feedbackFormId: form.id })}, ${JSON.stringify(recipients)},
          ${JSON.stringify({ formId: form.id })}, ${recipients.length}, ${at}
        where exists (select 1 from feedback_forms where id = ${form.id} and mail_nonce = ${nonce})
        on conflict do nothing`,
    ]);
    if (claim.meta.changes !== 1 || written.meta.changes !== 1) continue;
    // Should this break off, the jobs enqueue the message again (enqueueStalled).
    await enqueueMessage(queue, db, { id: messageId, recipients }, now);
    mailed += recipients.length;
  }
  return { forms: due.length, mailed };
}
