// What a sign-in link request does for the address once the answer has gone out. The answer
// is the same for every address; only here does it matter whether the address is known.
import { and, eq, gt, isNull } from "drizzle-orm";
import { hashToken, newSignInLink, randomToken, SESSION_DAYS, SIGN_IN_LINK_MINUTES } from "../lib/auth";
import { type MailLocale, mailInsert } from "../lib/mail";
import { personalLink } from "./allocation";
import type { Db } from "./client";
import { newRequestedLinks } from "./personal-links";
import { accounts, authSessions, signInTokens } from "./schema";

export type SignInRequest = { email: string; locale: MailLocale; origin: string; now: Date };

/**
 * An account gets a single-use sign-in link; a participant without one gets a new personal
 * link per live registration, beside the links they already have. Unknown addresses get nothing.
 */
export async function mailSignInLinks(db: Db, { email, locale, origin, now }: SignInRequest) {
  const [account] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, email)).limit(1);
  if (account) {
    const { link, insert } = await newSignInLink(db, account.id, origin, now);
    await db.batch([
      insert,
      mailInsert(
        db,
        { to: email, locale, template: "sign_in_link", params: { link, expiresMinutes: SIGN_IN_LINK_MINUTES } },
        now,
      ),
    ]);
    return "account" as const;
  }
  const { links, inserts } = await newRequestedLinks(db, email, now);
  if (links.length === 0) return "unknown" as const;
  await db.batch([
    mailInsert(
      db,
      {
        to: email,
        locale,
        networkId: links[0].networkId,
        template: "participant_links",
        params: { links: links.map((r) => ({ eventTitle: r.eventTitle, link: personalLink(origin, r.token) })) },
      },
      now,
    ),
    ...inserts,
  ]);
  return "participant" as const;
}

/**
 * Uses a sign-in link's token up and starts a session for its account; undefined if the
 * token is unknown, used or expired. The session's own token is returned once, for the cookie.
 */
export async function signInWithToken(db: Db, token: string, userAgent: string, now: Date) {
  // Single use even under concurrency: only one UPDATE can flip used_at from null.
  const [used] = await db
    .update(signInTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(signInTokens.tokenHash, await hashToken(token)),
        isNull(signInTokens.usedAt),
        gt(signInTokens.expiresAt, now),
      ),
    )
    .returning({ accountId: signInTokens.accountId });
  if (!used) return undefined;
  const sessionToken = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db.batch([
    db.insert(authSessions).values({
      tokenHash: await hashToken(sessionToken),
      accountId: used.accountId,
      userAgent,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    }),
    db.update(accounts).set({ lastSignInAt: now }).where(eq(accounts.id, used.accountId)),
  ]);
  return { accountId: used.accountId, sessionToken, expiresAt };
}
