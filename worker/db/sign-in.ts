// What a sign-in link request does for the address once the answer has gone out. The answer
// is the same for every address; only here does it matter whether the address is known.
import { eq } from "drizzle-orm";
import { newSignInLink, SIGN_IN_LINK_MINUTES } from "../lib/auth";
import { type MailLocale, mailInsert } from "../lib/mail";
import { personalLink } from "./allocation";
import type { Db } from "./client";
import { newRequestedLinks } from "./personal-links";
import { accounts } from "./schema";

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
