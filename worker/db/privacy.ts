// A network's privacy settings, and a person's access and erasure requests. The
// audit log records each request with entity ids only, never the address asked about.
import { eq, type SQL, sql } from "drizzle-orm";
import { type AuditEntry, auditInsert } from "../lib/audit";
import { cancelRegistration, type RunContext } from "./allocation";
import { type Db, runBatch } from "./client";
import { ERASURE_CHUNK, eraseRegistrations } from "./retention";
import { networks } from "./schema";

type Network = typeof networks.$inferSelect;
export type PrivacySettings = Pick<Network, "privacyNotice" | "retentionMonths">;

/** Saves both settings; the log names the ones that changed. */
export async function updatePrivacySettings(db: Db, network: Network, input: PrivacySettings, actorAccountId: string) {
  const changed = (["privacyNotice", "retentionMonths"] as const).filter((k) => network[k] !== input[k]);
  await db.batch([
    db.update(networks).set(input).where(eq(networks.id, network.id)),
    auditInsert(db, {
      networkId: network.id,
      actorAccountId,
      action: "network.privacy_updated",
      entityType: "network",
      entityId: network.id,
      fields: changed,
    }),
  ]);
}

/** One audit row per registration concerned (ids only); one for the network when there was none. */
const personAudit = (networkId: string, actorAccountId: string | null, action: string, ids: string[]): AuditEntry[] =>
  ids.length
    ? ids.map((id) => ({ networkId, actorAccountId, action, entityType: "registration", entityId: id }))
    : [{ networkId, actorAccountId, action, entityType: "network", entityId: networkId }];

const auditSql = (e: AuditEntry, now: Date): SQL =>
  sql`insert into audit_log (id, network_id, at, actor_account_id, action, entity_type, entity_id, details)
    values (${crypto.randomUUID()}, ${e.networkId}, ${now.getTime()}, ${e.actorAccountId}, ${e.action},
      ${e.entityType}, ${e.entityId}, null)`;

/** Writes the log entries of a person's request: who acted, what, which registrations; never the address. */
export const logPersonRequest = (
  db: Db,
  networkId: string,
  actorAccountId: string | null,
  action: string,
  ids: string[],
  now: Date,
) =>
  runBatch(
    db,
    personAudit(networkId, actorAccountId, action, ids).map((e) => auditSql(e, now)),
  );

/**
 * Withdraws and erases: live registrations are cancelled first by the normal rule
 * (a waiting person gets the place, and is told), then the personal data goes.
 */
export async function withdrawAndErase(
  ctx: RunContext,
  networkId: string,
  ids: string[],
  actorAccountId: string | null,
  reasonCode: string,
) {
  // A past event's registration keeps its status, so attendance and counts stay as they were.
  const live: { id: string }[] = [];
  for (let i = 0; i < ids.length; i += ERASURE_CHUNK) {
    const part = sql.join(
      ids.slice(i, i + ERASURE_CHUNK).map((id) => sql`${id}`),
      sql`, `,
    );
    live.push(
      ...(await ctx.db.all<{ id: string }>(sql`select r.id from registrations r
        where r.id in (${part}) and r.status <> 'cancelled'
          and coalesce((select max(s.ends_at) from event_sessions s where s.event_id = r.event_id), 0) > ${ctx.now.getTime()}`)),
    );
  }
  for (const { id } of live) await cancelRegistration(ctx, id, actorAccountId, reasonCode);
  const erased = await eraseRegistrations(ctx.db, ids, ctx.now);
  // The log says what was asked and done even when nothing was left to erase.
  await logPersonRequest(ctx.db, networkId, actorAccountId, "personal_data.erasure", ids, ctx.now);
  return erased;
}
