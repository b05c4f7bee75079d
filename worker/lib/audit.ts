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
