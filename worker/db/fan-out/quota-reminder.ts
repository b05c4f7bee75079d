// The mail that reminds an institution's contact of reserved places not yet taken: "2 of your 3
// reserved places are still free; they are released on …", counted per institution when the
// mail is written, so a contact who registered colleagues since is told the truth (or nothing).
import { and, eq, inArray } from "drizzle-orm";
import { quotaOf } from "../../domain/allocation";
import { renderMail } from "../../lib/mail";
import { formatBerlinDateTime } from "../../lib/time";
import { events, networks, quotas } from "../schema";
import type { PartMail, Renderer } from "./index";
import { brandFor } from "./session-reminder";

export const quotaReminder: Renderer = async (ctx, message, recipients) => {
  const { db, now, origin } = ctx;
  const institutionIds = [...new Set(recipients.flatMap((r) => (r.institutionId ? [r.institutionId] : [])))];
  if (institutionIds.length === 0) return [];
  const [[row], quotaRows] = await Promise.all([
    db
      .select({ event: events, slug: networks.slug })
      .from(events)
      .innerJoin(networks, eq(networks.id, events.networkId))
      .where(eq(events.id, message.eventId))
      .limit(1),
    db
      .select({ institutionId: quotas.institutionId, places: quotas.places, held: quotas.heldPlaces })
      .from(quotas)
      .where(and(eq(quotas.eventId, message.eventId), inArray(quotas.institutionId, institutionIds))),
  ]);
  // Redistributed early, or the deadline passed before this part was written: nothing is reserved any more.
  if (!row || row.event.redistributedAt || row.event.quotaDeadline.getTime() <= now.getTime()) return [];
  const { event, slug } = row;
  const byInstitution = new Map(quotaRows.map((q) => [q.institutionId, q]));
  const brand = brandFor(ctx);
  const mails: PartMail[] = [];
  for (const recipient of recipients) {
    const q = recipient.institutionId ? byInstitution.get(recipient.institutionId) : undefined;
    if (!q || !recipient.institutionId) continue;
    const quota = quotaOf(q.places, event.defaultQuota);
    const free = quota - q.held;
    if (free <= 0) continue;
    const link =
      `${origin}/${encodeURIComponent(slug)}/veranstaltungen/${encodeURIComponent(event.id)}/anmelden` +
      `?institution=${encodeURIComponent(recipient.institutionId)}`;
    mails.push({
      recipient,
      mail: renderMail(
        "quota_reminder",
        recipient.locale,
        {
          eventTitle: event.title,
          institutionName: recipient.institutionName,
          free,
          quota,
          deadline: formatBerlinDateTime(event.quotaDeadline, recipient.locale),
          link,
        },
        brand,
      ),
    });
  }
  return mails;
};
