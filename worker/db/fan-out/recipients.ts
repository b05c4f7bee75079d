// The people a part is written to, by key: `r:{registrationId}` (a registrant), `c:{roleId}`
// (an institution's contact, with the institution), `a:{accountId}` (an organiser).
import { eq, inArray } from "drizzle-orm";
import type { MailLocale } from "../../lib/mail";
import type { Db } from "../client";
import { accounts, institutions, registrations, roles } from "../schema";

export type Recipient = {
  key: string;
  email: string;
  /** The person's name as registered, or an account's display name (may be empty). */
  name: string;
  locale: MailLocale;
  institutionId: string | null;
  institutionName: string;
  /** For registrants: the registration as it is now. */
  registration?: {
    id: string;
    status: (typeof registrations.$inferSelect)["status"];
    offered: boolean;
    trackId: string | null;
    remindersOff: boolean;
  };
};

const idsOf = (keys: string[], prefix: string) => keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(2));

/** The recipients still there, in the order of `keys`; erased registrations are left out. */
export async function loadRecipients(db: Db, keys: string[]): Promise<Recipient[]> {
  const [registrationIds, roleIds, accountIds] = [idsOf(keys, "r:"), idsOf(keys, "c:"), idsOf(keys, "a:")];
  const [people, contacts, organisers] = await Promise.all([
    registrationIds.length === 0
      ? []
      : db
          .select({
            id: registrations.id,
            email: registrations.email,
            name: registrations.name,
            locale: registrations.locale,
            institutionId: registrations.institutionId,
            institutionName: institutions.name,
            status: registrations.status,
            offeredUntil: registrations.offeredUntil,
            trackId: registrations.trackId,
            remindersOff: registrations.remindersOff,
            anonymisedAt: registrations.anonymisedAt,
          })
          .from(registrations)
          .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
          .where(inArray(registrations.id, registrationIds)),
    roleIds.length === 0
      ? []
      : db
          .select({
            id: roles.id,
            email: accounts.email,
            name: accounts.displayName,
            locale: accounts.locale,
            institutionId: roles.institutionId,
            institutionName: institutions.name,
          })
          .from(roles)
          .innerJoin(accounts, eq(accounts.id, roles.accountId))
          .innerJoin(institutions, eq(institutions.id, roles.institutionId))
          .where(inArray(roles.id, roleIds)),
    accountIds.length === 0
      ? []
      : db
          .select({ id: accounts.id, email: accounts.email, name: accounts.displayName, locale: accounts.locale })
          .from(accounts)
          .where(inArray(accounts.id, accountIds)),
  ]);
  const byKey = new Map<string, Recipient>();
  for (const p of people)
    if (!p.anonymisedAt && p.email)
      byKey.set(`r:${p.id}`, {
        key: `r:${p.id}`,
        email: p.email,
        name: p.name,
        locale: p.locale,
        institutionId: p.institutionId,
        institutionName: p.institutionName,
        registration: {
          id: p.id,
          status: p.status,
          offered: p.offeredUntil !== null,
          trackId: p.trackId,
          remindersOff: p.remindersOff,
        },
      });
  for (const c of contacts) byKey.set(`c:${c.id}`, { key: `c:${c.id}`, ...c, institutionName: c.institutionName });
  for (const o of organisers)
    byKey.set(`a:${o.id}`, { key: `a:${o.id}`, ...o, institutionId: null, institutionName: "" });
  return keys.flatMap((key) => byKey.get(key) ?? []);
}
