// Notices to an institution's contacts when the system changes the status of one of its
// delegates: a promotion, an offer, a lapsed offer, a cancellation by the participant. One
// statement per change, whatever the number of contacts: an INSERT … SELECT over the
// institution's contact accounts, rendered here in both languages and picked by each
// account's language in SQL. It goes into the batch of the change, under the same condition
// as the delegate's own mail, so a change that did not happen notices nobody. Its ids come
// back by `returning id`, to be noted for delivery after the answer (`noteNotices`).
//
// A contact whose account address is the delegate's own (a contact registered themselves)
// is not noticed: they get the delegate's mail already.

import { type SQL, sql } from "drizzle-orm";
import { type MailLocale, noteWrittenMails, renderMail } from "../../lib/mail";
import type { DelegateNoticeKind } from "../../lib/mail-notice";
import { formatBerlinDateTime } from "../../lib/time";
import type { EventMailInfo } from "../event-context";
import { brandOf, type Person, type RunContext } from "./shared";

export type { DelegateNoticeKind } from "../../lib/mail-notice";

/** The delegate a notice is about. */
export type Delegate = Person & { name: string; institutionId: string; eventId: string };

/** The event's registration page for the institution, where its contacts see their delegates. */
export const contactEventLink = (origin: string, info: EventMailInfo, eventId: string, institutionId: string) =>
  `${origin}/${encodeURIComponent(info.network.slug)}/veranstaltungen/${encodeURIComponent(eventId)}/anmelden` +
  `?institution=${encodeURIComponent(institutionId)}`;

export function delegateNotice(
  ctx: RunContext,
  info: EventMailInfo,
  delegate: Delegate,
  kind: DelegateNoticeKind,
  condition: SQL,
  extra: { offeredUntil?: Date } = {},
): SQL {
  const render = (locale: MailLocale) =>
    renderMail(
      "delegate_notice",
      locale,
      {
        kind,
        eventTitle: info.title,
        institutionName: delegate.institutionName,
        delegateName: delegate.name,
        dates: info.dates[locale],
        offeredUntil: extra.offeredUntil ? formatBerlinDateTime(extra.offeredUntil, locale) : undefined,
        link: contactEventLink(ctx.origin, info, delegate.eventId, delegate.institutionId),
      },
      brandOf(ctx, info),
    );
  const de = render("de");
  const en = render("en");
  const pick = (inGerman: string, inEnglish: string) =>
    sql`case a.locale when 'en' then ${inEnglish} else ${inGerman} end`;
  const at = ctx.now.getTime();
  return sql`insert into outbox
    (id, network_id, to_email, template, locale, subject, body_text, body_html, status, attempts, next_attempt_at, created_at)
    select lower(hex(randomblob(16))), ${info.networkId}, a.email, 'delegate_notice', a.locale,
      ${pick(de.subject, en.subject)}, ${pick(de.text, en.text)}, ${pick(de.html, en.html)}, 'pending', 0, ${at}, ${at}
    from roles ro join accounts a on a.id = ro.account_id
    where ro.institution_id = ${delegate.institutionId} and ro.role = 'institution_contact'
      and a.email <> ${delegate.email} and ${condition}
    returning id`;
}

/** Notes the notices a batch wrote (the result of a `delegateNotice` statement) for delivery after the answer. */
export const noteNotices = (result: { results: unknown[] } | undefined) =>
  noteWrittenMails((result?.results ?? []).map((row) => (row as { id: string }).id));
