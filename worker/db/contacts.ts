// Writers for institution contacts (accounts holding the institution_contact role).
import { sql } from "drizzle-orm";
import { auditInsertIf } from "../lib/audit";
import { type Db, runBatch } from "./client";

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
