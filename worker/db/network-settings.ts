// A network's own settings: its name and sender name, its municipalities, its
// logo, its organisers, and how far it is set up. Writers return outcomes;
// routes turn them into answers.
import { and, asc, count, eq, isNull, ne, sql } from "drizzle-orm";
import { type AuditEntry, auditInsert, auditInsertIf } from "../lib/audit";
import { newSignInLink, SIGN_IN_LINK_MINUTES } from "../lib/auth";
import { type MailBrand, type MailLocale, mailInsert } from "../lib/mail";
import { type Db, runBatch } from "./client";
import { accounts, events, institutions, municipalities, networkLogos, networks, roles } from "./schema";

type Network = typeof networks.$inferSelect;
type Actor = { accountId: string };

const audit = (network: { id: string }, actor: Actor, entry: Omit<AuditEntry, "networkId" | "actorAccountId">) => ({
  networkId: network.id,
  actorAccountId: actor.accountId,
  ...entry,
});

// ---------------------------------------------------------------------------
// General

export type NetworkPatch = Partial<Pick<Network, "name" | "description" | "senderName">>;

export async function updateNetwork(db: Db, network: Network, patch: NetworkPatch, actor: Actor) {
  const fields = Object.keys(patch) as (keyof NetworkPatch)[];
  if (fields.length === 0) return;
  await db.batch([
    db.update(networks).set(patch).where(eq(networks.id, network.id)),
    auditInsert(
      db,
      audit(network, actor, { action: "network.updated", entityType: "network", entityId: network.id, fields }),
    ),
  ]);
}

// ---------------------------------------------------------------------------
// Municipalities

export const listMunicipalities = (db: Db, networkId: string) =>
  db
    .select({ id: municipalities.id, name: municipalities.name, role: municipalities.role })
    .from(municipalities)
    .where(eq(municipalities.networkId, networkId))
    .orderBy(asc(municipalities.role), asc(municipalities.name));

type MunicipalityRole = "model" | "partner";
export type MunicipalityOutcome = { ok: true; id: string } | { ok: false; reason: "not_found" | "name_taken" };

const nameTaken = async (db: Db, networkId: string, name: string, except?: string) => {
  const [row] = await db
    .select({ id: municipalities.id })
    .from(municipalities)
    .where(
      and(
        eq(municipalities.networkId, networkId),
        sql`lower(${municipalities.name}) = lower(${name})`,
        except ? ne(municipalities.id, except) : undefined,
      ),
    )
    .limit(1);
  return row !== undefined;
};

/** A network has at most one model municipality: naming one makes the others partners, in the same batch. */
const demoteOthers = (db: Db, networkId: string, except: string) =>
  db
    .update(municipalities)
    .set({ role: "partner" })
    .where(and(eq(municipalities.networkId, networkId), ne(municipalities.id, except)));

const isUniqueViolation = (error: unknown) => /UNIQUE constraint failed/i.test(String((error as Error)?.message));

export async function addMunicipality(
  db: Db,
  network: Network,
  input: { name: string; role: MunicipalityRole },
  actor: Actor,
): Promise<MunicipalityOutcome> {
  if (await nameTaken(db, network.id, input.name)) return { ok: false, reason: "name_taken" };
  const id = crypto.randomUUID();
  const entry = audit(network, actor, { action: "municipality.added", entityType: "municipality", entityId: id });
  try {
    const insert = db.insert(municipalities).values({ id, networkId: network.id, ...input });
    if (input.role === "model") await db.batch([insert, demoteOthers(db, network.id, id), auditInsert(db, entry)]);
    else await db.batch([insert, auditInsert(db, entry)]);
  } catch (error) {
    // Two concurrent adds of one name: the unique index decides.
    if (isUniqueViolation(error)) return { ok: false, reason: "name_taken" };
    throw error;
  }
  return { ok: true, id };
}

export async function updateMunicipality(
  db: Db,
  network: Network,
  id: string,
  patch: { name?: string; role?: MunicipalityRole },
  actor: Actor,
): Promise<MunicipalityOutcome> {
  const ours = and(eq(municipalities.id, id), eq(municipalities.networkId, network.id));
  const [existing] = await db.select().from(municipalities).where(ours).limit(1);
  if (!existing) return { ok: false, reason: "not_found" };
  if (patch.name !== undefined && (await nameTaken(db, network.id, patch.name, id)))
    return { ok: false, reason: "name_taken" };
  const fields = Object.keys(patch);
  if (fields.length === 0) return { ok: true, id };
  const entry = audit(network, actor, {
    action: "municipality.updated",
    entityType: "municipality",
    entityId: id,
    fields,
  });
  try {
    const update = db.update(municipalities).set(patch).where(ours);
    if (patch.role === "model") await db.batch([update, demoteOthers(db, network.id, id), auditInsert(db, entry)]);
    else await db.batch([update, auditInsert(db, entry)]);
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "name_taken" };
    throw error;
  }
  return { ok: true, id };
}

/**
 * Removes a municipality no institution refers to (archived ones included: they keep
 * their municipality). One conditional statement, so an institution added to it at the
 * same moment either blocks the removal or fails its own reference check.
 */
export async function removeMunicipality(
  db: Db,
  network: Network,
  id: string,
  actor: Actor,
): Promise<{ ok: true } | { ok: false; reason: "not_found" | "in_use" }> {
  const [removed] = await runBatch(db, [
    sql`delete from municipalities where id = ${id} and network_id = ${network.id}
      and not exists (select 1 from institutions where municipality_id = ${id}) returning id`,
    auditInsertIf(
      audit(network, actor, { action: "municipality.removed", entityType: "municipality", entityId: id }),
      sql`changes() = 1`,
    ),
  ]);
  if (removed.results.length === 1) return { ok: true };
  const [existing] = await db
    .select({ id: municipalities.id })
    .from(municipalities)
    .where(and(eq(municipalities.id, id), eq(municipalities.networkId, network.id)));
  return { ok: false, reason: existing ? "in_use" : "not_found" };
}

// ---------------------------------------------------------------------------
// Logo

export type LogoMeta = { contentType: "image/png" | "image/svg+xml"; etag: string; byteSize: number; updatedAt: Date };

export async function logoMeta(db: Db, networkId: string): Promise<LogoMeta | null> {
  const [row] = await db
    .select({
      contentType: networkLogos.contentType,
      etag: networkLogos.etag,
      byteSize: networkLogos.byteSize,
      updatedAt: networkLogos.updatedAt,
    })
    .from(networkLogos)
    .where(eq(networkLogos.networkId, networkId));
  return row ?? null;
}

export async function logoFile(db: Db, networkId: string) {
  const [row] = await db.select().from(networkLogos).where(eq(networkLogos.networkId, networkId));
  return row ? { ...row, data: new Uint8Array(row.data) } : null;
}

/** Where the logo is fetched; the version in the query lets browsers and mail clients cache it for good. */
export const logoPath = (networkId: string, etag: string) =>
  `/api/networks/${encodeURIComponent(networkId)}/logo?v=${etag}`;

export async function putLogo(
  db: Db,
  network: Network,
  file: { contentType: LogoMeta["contentType"]; data: Uint8Array },
  actor: Actor,
): Promise<LogoMeta> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", file.data as Uint8Array<ArrayBuffer>));
  const etag = [...digest.slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("");
  const meta = { contentType: file.contentType, etag, byteSize: file.data.byteLength, updatedAt: new Date() };
  const row = {
    networkId: network.id,
    // D1 binds a Uint8Array as a BLOB; the column is typed as Node's Buffer (a Uint8Array too), unknown to the web build.
    data: file.data as unknown as typeof networkLogos.$inferInsert.data,
    ...meta,
  };
  await db.batch([
    db
      .insert(networkLogos)
      .values(row)
      .onConflictDoUpdate({ target: networkLogos.networkId, set: { ...meta, data: row.data } }),
    auditInsert(db, audit(network, actor, { action: "network.logo_set", entityType: "network", entityId: network.id })),
  ]);
  return meta;
}

export async function removeLogo(db: Db, network: Network, actor: Actor): Promise<boolean> {
  const [removed] = await runBatch(db, [
    sql`delete from network_logos where network_id = ${network.id} returning network_id`,
    auditInsertIf(
      audit(network, actor, { action: "network.logo_removed", entityType: "network", entityId: network.id }),
      sql`changes() = 1`,
    ),
  ]);
  return removed.results.length === 1;
}

/** How the network's mails present it; `origin` makes the logo's address absolute. */
export async function mailBrandOf(db: Db, networkId: string, origin: string): Promise<MailBrand | undefined> {
  const [row] = await db
    .select({ name: networks.name, senderName: networks.senderName, etag: networkLogos.etag })
    .from(networks)
    .leftJoin(networkLogos, eq(networkLogos.networkId, networks.id))
    .where(eq(networks.id, networkId));
  if (!row) return undefined;
  return {
    networkName: row.name,
    senderName: row.senderName,
    logoUrl: row.etag ? `${origin}${logoPath(networkId, row.etag)}` : null,
  };
}

// ---------------------------------------------------------------------------
// Organisers

const organiserRole = (networkId: string) =>
  and(eq(roles.networkId, networkId), eq(roles.role, "organiser"), isNull(roles.institutionId));

export async function listOrganisers(db: Db, networkId: string) {
  const rows = await db
    .select({ account: accounts, roleCreatedAt: roles.createdAt })
    .from(roles)
    .innerJoin(accounts, eq(accounts.id, roles.accountId))
    .where(organiserRole(networkId))
    .orderBy(asc(accounts.email));
  return rows.map(({ account: a, roleCreatedAt }) => {
    // As for contacts: an account known from another network shows its name and activity
    // here only once the person has signed in since being made organiser.
    const active = a.lastSignInAt !== null && a.lastSignInAt >= roleCreatedAt;
    return {
      accountId: a.id,
      email: a.email,
      displayName: active ? a.displayName : "",
      lastSignInAt: active ? (a.lastSignInAt?.toISOString() ?? null) : null,
    };
  });
}

export async function inviteOrganiser(
  db: Db,
  network: Network,
  input: { email: string; displayName: string; locale: MailLocale; origin: string },
  actor: Actor,
): Promise<{ ok: true; accountId: string } | { ok: false; reason: "already_organiser" }> {
  const now = new Date();
  // Create the account if needed; an existing one keeps its name and gains the role.
  await db
    .insert(accounts)
    .values({ email: input.email, displayName: input.displayName, locale: input.locale, createdAt: now })
    .onConflictDoNothing();
  const [[account], [inviter], brand] = await Promise.all([
    db.select().from(accounts).where(eq(accounts.email, input.email)),
    db.select().from(accounts).where(eq(accounts.id, actor.accountId)),
    mailBrandOf(db, network.id, input.origin),
  ]);
  const [held] = await db
    .select({ id: roles.id })
    .from(roles)
    .where(and(organiserRole(network.id), eq(roles.accountId, account.id)));
  if (held) return { ok: false, reason: "already_organiser" };
  const { link, insert } = await newSignInLink(db, account.id, input.origin, now);
  await db.batch([
    db
      .insert(roles)
      .values({ accountId: account.id, networkId: network.id, role: "organiser", institutionId: null, createdAt: now })
      .onConflictDoNothing(),
    insert,
    mailInsert(
      db,
      {
        to: input.email,
        locale: input.locale,
        networkId: network.id,
        template: "co_organiser_invitation",
        params: {
          link,
          expiresMinutes: SIGN_IN_LINK_MINUTES,
          networkName: network.name,
          invitedBy: inviter?.displayName || inviter?.email || network.name,
        },
        brand,
      },
      now,
    ),
    auditInsert(
      db,
      audit(network, actor, { action: "organiser.invited", entityType: "account", entityId: account.id }),
      now,
    ),
  ]);
  return { ok: true, accountId: account.id };
}

/**
 * Withdraws an organiser role, unless it is the network's last: the count is part of
 * the DELETE itself, so two organisers removing each other at the same moment leave one.
 */
export async function removeOrganiser(
  db: Db,
  network: Network,
  accountId: string,
  actor: Actor,
): Promise<{ ok: true } | { ok: false; reason: "not_found" | "last_organiser" }> {
  const [removed] = await runBatch(db, [
    sql`delete from roles where account_id = ${accountId} and network_id = ${network.id}
      and role = 'organiser' and institution_id is null
      and (select count(*) from roles where network_id = ${network.id} and role = 'organiser' and institution_id is null) > 1
      returning id`,
    auditInsertIf(
      audit(network, actor, { action: "organiser.removed", entityType: "account", entityId: accountId }),
      sql`changes() = 1`,
    ),
  ]);
  if (removed.results.length === 1) return { ok: true };
  const [held] = await db
    .select({ id: roles.id })
    .from(roles)
    .where(and(organiserRole(network.id), eq(roles.accountId, accountId)));
  return { ok: false, reason: held ? "last_organiser" : "not_found" };
}

// ---------------------------------------------------------------------------
// First steps

/** What an empty network still lacks: partner institutions, a privacy notice, a first event (drafts count). */
export async function setupStatus(db: Db, network: Network) {
  const [[{ institutionCount }], [{ eventCount }]] = await Promise.all([
    db
      .select({ institutionCount: count() })
      .from(institutions)
      .where(and(eq(institutions.networkId, network.id), isNull(institutions.archivedAt))),
    db.select({ eventCount: count() }).from(events).where(eq(events.networkId, network.id)),
  ]);
  const steps = {
    directory: institutionCount > 0,
    privacyNotice: network.privacyNotice.trim() !== "",
    firstEvent: eventCount > 0,
  };
  return { ...steps, complete: Object.values(steps).every(Boolean) };
}

// ---------------------------------------------------------------------------
// The network as the API shows it

export async function loadNetworkDetail(db: Db, network: Network) {
  const [places, [{ total }], logo] = await Promise.all([
    listMunicipalities(db, network.id),
    db
      .select({ total: count() })
      .from(institutions)
      .where(and(eq(institutions.networkId, network.id), isNull(institutions.archivedAt))),
    logoMeta(db, network.id),
  ]);
  return {
    id: network.id,
    slug: network.slug,
    name: network.name,
    description: network.description,
    state: network.state,
    senderName: network.senderName,
    logo: logo ? { url: logoPath(network.id, logo.etag), contentType: logo.contentType } : null,
    privacyNotice: network.privacyNotice,
    retentionMonths: network.retentionMonths,
    municipalities: places,
    institutionCount: total,
  };
}
