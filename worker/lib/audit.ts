import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { auditLog } from "../db/schema";

export type AuditEntry = {
  networkId: string | null;
  actorAccountId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** Names of changed fields, never their values: the log must not copy personal data. */
  fields?: string[];
};

/** An insert for `db.batch`, so the change and its log entry are written together or not at all. */
export const auditInsert = (db: Db, entry: AuditEntry, now = new Date()) =>
  db.insert(auditLog).values({
    networkId: entry.networkId,
    at: now,
    actorAccountId: entry.actorAccountId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    details: entry.fields ? { fields: entry.fields } : null,
  });

/** Like `auditInsert`, as SQL for `runBatch`: written only if `condition` holds when the batch runs. */
export const auditInsertIf = (entry: AuditEntry, condition: SQL, now = new Date()) =>
  sql`insert into audit_log (id, network_id, at, actor_account_id, action, entity_type, entity_id, details)
    select ${crypto.randomUUID()}, ${entry.networkId}, ${now.getTime()}, ${entry.actorAccountId}, ${entry.action},
      ${entry.entityType}, ${entry.entityId}, ${entry.fields ? JSON.stringify({ fields: entry.fields }) : null}
    where ${condition}`;
