// The development mailbox: what the outbox holds, newest first.
import { desc, eq } from "drizzle-orm";
import { senderNames } from "../lib/mail";
import type { Db } from "./client";
import { outbox } from "./schema";

export { outboxStatuses } from "./schema";

/** The newest 100 messages (to one address only, if given), with the sender names of their networks. */
export async function mailboxMessages(db: Db, to: string | undefined) {
  const messages = await db
    .select()
    .from(outbox)
    .where(to ? eq(outbox.toEmail, to) : undefined)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(100);
  const names = await senderNames(
    db,
    messages.map((m) => m.networkId),
  );
  return { messages, senderNames: names };
}
