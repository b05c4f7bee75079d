// Writers for institution contacts (accounts holding the institution_contact role).
import { and, asc, eq, sql } from "drizzle-orm";
import { auditInsert, auditInsertIf } from "../lib/audit";
import { newSignInLink, SIGN_IN_LINK_MINUTES } from "../lib/auth";
import { type MailLocale, mailInsert } from "../lib/mail";
import { type Db, runBatch } from "./client";
import { mailBrandOf } from "./network-settings";
import { accounts, networks, roles } from "./schema";

/** The institution's contacts, by e-mail address, with when each was given the role. */
export const contactsOf = (db: Db, institutionId: string) =>
  db
    .select({ account: accounts, roleCreatedAt: roles.createdAt })
    .from(roles)
    .innerJoin(accounts, eq(accounts.id, roles.accountId))
    .where(and(eq(roles.institutionId, institutionId), eq(roles.role, "institution_contact")))
    .orderBy(asc(accounts.email));

export type ContactInvitation = {
  institution: { id: string; name: string; networkId: string };
  email: string;
  displayName: string;
  locale: MailLocale;
  actorAccountId: string;
  /** The public origin the sign-in link in the mail points to. */
  origin: string;
};

/**
 * Gives the address the contact role for the institution and mails it a sign-in link. The
 * account is created if needed; an existing one keeps its name and gains the role. The role,
 * the link, the mail and the audit entry are written in one batch. Returns the account.
 */
export async function inviteContact(db: Db, input: ContactInvitation, now = new Date()) {
  const { institution, email, locale, origin } = input;
  await db
    .insert(accounts)
    .values({ email, displayName: input.displayName, locale, createdAt: now })
    .onConflictDoNothing();
  const [[account], [network], [inviter], brand] = await Promise.all([
    db.select().from(accounts).where(eq(accounts.email, email)),
    db.select().from(networks).where(eq(networks.id, institution.networkId)),
    db.select().from(accounts).where(eq(accounts.id, input.actorAccountId)),
    mailBrandOf(db, institution.networkId, origin),
  ]);
  const { link, insert } = await newSignInLink(db, account.id, origin, now);
  await db.batch([
    db
      .insert(roles)
      .values({
        accountId: account.id,
        networkId: institution.networkId,
        role: "institution_contact",
        institutionId: institution.id,
      })
      .onConflictDoNothing(),
    insert,
    mailInsert(
      db,
      {
        to: email,
        locale,
        networkId: institution.networkId,
        template: "contact_invitation",
        params: {
          link,
          expiresMinutes: SIGN_IN_LINK_MINUTES,
          institutionName: institution.name,
          networkName: network.name,
          invitedBy: inviter.displayName || inviter.email,
        },
        brand,
      },
      now,
    ),
    auditInsert(db, {
      networkId: institution.networkId,
      actorAccountId: input.actorAccountId,
      action: "institution_contact.invited",
      entityType: "account",
      entityId: account.id,
    }),
  ]);
  return { id: account.id, email: account.email };
}

/**
 * Withdraws `accountId`'s contact role for the institution, with its audit entry,
 * in one batch: the entry is written only if the role exists when the batch
 * runs, so a request for a role that does not exist leaves no trace. Returns
 * false if there was no such role.
 */
export async function withdrawContactRole(
  db: Db,
  input: { institutionId: string; networkId: string; accountId: string; actorAccountId: string },
  now = new Date(),
) {
  const held = sql`exists (select 1 from roles where account_id = ${input.accountId}
    and institution_id = ${input.institutionId} and role = 'institution_contact')`;
  const [, removed] = await runBatch(db, [
    auditInsertIf(
      {
        networkId: input.networkId,
        actorAccountId: input.actorAccountId,
        action: "institution_contact.removed",
        entityType: "account",
        entityId: input.accountId,
      },
      held,
      now,
    ),
    sql`delete from roles where account_id = ${input.accountId} and institution_id = ${input.institutionId}
      and role = 'institution_contact'`,
  ]);
  return removed.meta.changes > 0;
}
