// Reading a network's audit log, and logging its export. Entries carry ids and
// field names only, so nothing here copies personal data.
import { and, count, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { auditInsert } from "../lib/audit";
import { berlinTime } from "../lib/time";
import type { Db } from "./client";
import { accounts, auditLog } from "./schema";

/** Narrows the log; `from` and `to` are Berlin days (YYYY-MM-DD), both inclusive. */
export type AuditFilter = {
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
};

/** Berlin midnight of a YYYY-MM-DD day, plus `days`. */
const berlinMidnight = (value: string, days = 0) => {
  const [y, m, d] = value.split("-").map(Number);
  return berlinTime(y, m - 1, d + days);
};

function whereOf(networkId: string, q: AuditFilter): SQL | undefined {
  return and(
    eq(auditLog.networkId, networkId),
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    q.from ? gte(auditLog.at, berlinMidnight(q.from)) : undefined,
    q.to ? lt(auditLog.at, berlinMidnight(q.to, 1)) : undefined,
  );
}

const fieldsOf = (details: unknown) =>
  ((details as { fields?: string[] } | null)?.fields ?? []).filter((f) => typeof f === "string");

async function entries(db: Db, where: SQL | undefined, limit: number, offset: number) {
  const rows = await db
    .select({ entry: auditLog, actorName: accounts.displayName })
    .from(auditLog)
    .leftJoin(accounts, eq(accounts.id, auditLog.actorAccountId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .offset(offset);
  return rows.map(({ entry: e, actorName }) => ({
    id: e.id,
    at: e.at.toISOString(),
    actor: e.actorAccountId ? { id: e.actorAccountId, displayName: actorName ?? "" } : null,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    fields: fieldsOf(e.details),
  }));
}

/** Newest first: one page of the matching entries, how many match, and every action the network's log holds. */
export async function auditLogPage(db: Db, networkId: string, filter: AuditFilter, limit: number, offset: number) {
  const where = whereOf(networkId, filter);
  const [items, [{ total }], actions] = await Promise.all([
    entries(db, where, limit, offset),
    db.select({ total: count() }).from(auditLog).where(where),
    db
      .selectDistinct({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.networkId, networkId))
      .orderBy(auditLog.action),
  ]);
  return { items, total, actions: actions.map((a) => a.action) };
}

/** The matching entries, newest first, at most `limit`. */
export const auditLogEntries = (db: Db, networkId: string, filter: AuditFilter, limit: number) =>
  entries(db, whereOf(networkId, filter), limit, 0);

/** Logs an export of the log itself, with the names of the filters it used. */
export const logAuditLogExport = (db: Db, networkId: string, actorAccountId: string, filter: AuditFilter) =>
  auditInsert(db, {
    networkId,
    actorAccountId,
    action: "audit_log.export",
    entityType: "network",
    entityId: networkId,
    fields: Object.keys(filter).filter((k) => filter[k as keyof AuditFilter] !== undefined),
  });
