// The mail of an organiser's or a contact's message, with its placeholders filled per
// recipient, in the recipient's language. A registrant's {Link} is a new personal link, added
// beside their earlier ones (personal_link_requests, written only with the mail), so the link
// in an earlier mail keeps working; a contact's {Link} is the event's page for its institution.
import { eq, type SQL, sql } from "drizzle-orm";
import type { MessageAudience } from "../../domain/message-audience";
import { fillPlaceholders, usesPlaceholder } from "../../domain/message-text";
import { hashToken, randomToken } from "../../lib/auth";
import { type MailBrand, renderMail } from "../../lib/mail";
import type { EventMessageParams } from "../../lib/mail-message";
import { personalLink } from "../allocation/shared";
import type { Db } from "../client";
import type { EventMailInfo } from "../event-context";
import { events, institutions, networks } from "../schema";
import type { PartMail, Recipient, Renderer } from "./index";

/** What a message's mails say beside its text: the event's venue and page, and who wrote. */
export type MessageFacts = {
  venue: string;
  eventPage: (institutionId: string | null) => string;
  fromInstitution?: string;
};

type Written = { subject: string; body: string; institutionId: string | null; eventId: string };

export async function messageFacts(db: Db, origin: string, message: Written): Promise<MessageFacts> {
  const [row] = await db
    .select({
      venueName: events.venueName,
      venueAddress: events.venueAddress,
      slug: networks.slug,
      institutionName: sql<string | null>`(select ${institutions.name} from ${institutions}
        where ${institutions.id} = ${message.institutionId})`,
    })
    .from(events)
    .innerJoin(networks, eq(networks.id, events.networkId))
    .where(eq(events.id, message.eventId))
    .limit(1);
  const base = `${origin}/${encodeURIComponent(row?.slug ?? "")}/veranstaltungen/${encodeURIComponent(message.eventId)}/anmelden`;
  return {
    venue: [row?.venueName, row?.venueAddress].filter(Boolean).join(", "),
    eventPage: (institutionId) => (institutionId ? `${base}?institution=${encodeURIComponent(institutionId)}` : base),
    fromInstitution: row?.institutionName ?? undefined,
  };
}

const brandOf = (origin: string, info: EventMailInfo): MailBrand => ({
  networkName: info.network.name,
  senderName: info.network.senderName,
  logoUrl: info.network.logoPath ? `${origin}${info.network.logoPath}` : null,
});

const SAMPLE_LINK = {
  de: "[persönlicher Link – steht in der echten E-Mail]",
  en: "[personal link – in the real mail]",
} as const;

/**
 * One recipient's mail, as the template's parameters. `link`: "new" makes a working personal
 * link (its token row comes back as `alongside`); "sample" shows a marker where it would be, for
 * previews and test mails, which must not hand anyone a registrant's working link.
 */
export async function messageDraft(
  origin: string,
  info: EventMailInfo,
  facts: MessageFacts,
  message: Written,
  recipient: Recipient,
  link: "new" | "sample",
  now: Date,
) {
  // Not a link: a dummy address would open "link not valid" in a preview or test mail.
  let personal: string = SAMPLE_LINK[recipient.locale];
  let alongside: PartMail["alongside"];
  const wantsLink = usesPlaceholder(`${message.subject}\n${message.body}`, "link");
  if (recipient.registration && wantsLink && link === "new") {
    const token = randomToken();
    const hash = await hashToken(token);
    personal = personalLink(origin, token);
    const registrationId = recipient.registration.id;
    alongside = (written: SQL) => [
      sql`insert into personal_link_requests (token_hash, registration_id, created_at)
        select ${hash}, ${registrationId}, ${now.getTime()} where ${written}`,
    ];
  }
  const values = {
    name: recipient.name || recipient.institutionName,
    event: info.title,
    dates: info.dates[recipient.locale],
    venue: facts.venue,
    link: recipient.registration ? personal : facts.eventPage(recipient.institutionId),
  };
  const params: EventMessageParams = {
    subject: fillPlaceholders(message.subject, values),
    text: fillPlaceholders(message.body, values),
    eventTitle: info.title,
    networkName: info.network.name,
    fromInstitution: message.institutionId ? facts.fromInstitution : undefined,
    recipient: recipient.registration ? "registrant" : "contact",
  };
  return { locale: recipient.locale, params, brand: brandOf(origin, info), alongside };
}

/** Whether the recipient still belongs to the audience (a registration cancelled since gets nothing). */
const stillThere = (audience: MessageAudience, recipient: Recipient) =>
  audience.group !== "registrants" || (recipient.registration && recipient.registration.status !== "cancelled");

export const eventMessage: Renderer = async (ctx, message, recipients) => {
  const facts = await messageFacts(ctx.db, ctx.origin, message);
  const audience = message.audience as MessageAudience;
  return Promise.all(
    recipients
      .filter((r) => stillThere(audience, r))
      .map(async (recipient): Promise<PartMail> => {
        const draft = await messageDraft(ctx.origin, ctx.info, facts, message, recipient, "new", ctx.now);
        const mail = renderMail("event_message", draft.locale, draft.params, draft.brand);
        return { recipient, mail, alongside: draft.alongside };
      }),
  );
};
