// The directory's institutions: the search, one profile, and the writers of an
// institution with their audit entries. Writers return outcomes; routes turn them
// into answers.
import { and, eq, isNull } from "drizzle-orm";
import { auditInsert } from "../lib/audit";
import type { Db } from "./client";
import { institutions, municipalities, networks } from "./schema";
import { sectorExists } from "./sectors";

type Institution = typeof institutions.$inferSelect;
type Insert = typeof institutions.$inferInsert;

/** What organisers and contacts write; the organiser-only fields are checked by the route. */
export type InstitutionInput = Pick<Insert, "name" | "sectorKey" | "municipalityId"> &
  Partial<
    Pick<
      Insert,
      "street" | "postalCode" | "city" | "email" | "phone" | "website" | "reachability" | "offers" | "targetGroups"
    >
  >;
export type InstitutionPatch = Partial<InstitutionInput>;
export type InstitutionOutcome = { ok: true; id: string } | { ok: false; reason: "name_taken" };

export type InstitutionRow = { institution: Institution; municipality: { id: string; name: string } };

const columns = {
  institution: institutions,
  municipality: { id: municipalities.id, name: municipalities.name },
};

/** Whether the sector exists and the municipality belongs to the network (each only if given). */
export async function referencesExist(
  db: Db,
  networkId: string,
  input: { sectorKey?: string; municipalityId?: string },
) {
  const [sector, municipality] = await Promise.all([
    input.sectorKey ? sectorExists(db, input.sectorKey) : true,
    input.municipalityId
      ? db
          .select()
          .from(municipalities)
          .where(and(eq(municipalities.id, input.municipalityId), eq(municipalities.networkId, networkId)))
          .limit(1)
          .then((rows) => rows.length > 0)
      : true,
  ]);
  return sector && municipality;
}

/** The network's institutions not archived, narrowed by sector and municipality; the text search is the caller's. */
export const directoryOf = (db: Db, networkId: string, filter: { sector?: string; municipality?: string }) =>
  db
    .select(columns)
    .from(institutions)
    .innerJoin(municipalities, eq(municipalities.id, institutions.municipalityId))
    .where(
      and(
        eq(institutions.networkId, networkId),
        isNull(institutions.archivedAt),
        filter.sector ? eq(institutions.sectorKey, filter.sector) : undefined,
        filter.municipality ? eq(institutions.municipalityId, filter.municipality) : undefined,
      ),
    );

/** One institution with its municipality and its network's state; undefined if there is none. */
export async function institutionProfile(db: Db, id: string) {
  const [row] = await db
    .select({ ...columns, networkStatus: networks.status })
    .from(institutions)
    .innerJoin(municipalities, eq(municipalities.id, institutions.municipalityId))
    .innerJoin(networks, eq(networks.id, institutions.networkId))
    .where(eq(institutions.id, id))
    .limit(1);
  return row;
}

const isUniqueViolation = (error: unknown) => /UNIQUE constraint failed/.test(String((error as Error)?.cause ?? error));

/** Runs a write that may hit the unique name of an institution in its network. */
async function unlessNameTaken(id: string, write: () => Promise<unknown>): Promise<InstitutionOutcome> {
  try {
    await write();
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "name_taken" };
    throw error;
  }
  return { ok: true, id };
}

export function createInstitution(db: Db, networkId: string, input: InstitutionInput, actorAccountId: string) {
  const id = crypto.randomUUID();
  const now = new Date();
  return unlessNameTaken(id, () =>
    db.batch([
      db.insert(institutions).values({ ...input, id, networkId, createdAt: now, updatedAt: now }),
      auditInsert(db, {
        networkId,
        actorAccountId,
        action: "institution.created",
        entityType: "institution",
        entityId: id,
        fields: Object.keys(input),
      }),
    ]),
  );
}

/** Writes the fields given (nothing, and no log entry, when none are). */
export async function updateInstitution(
  db: Db,
  institution: Institution,
  patch: InstitutionPatch,
  actorAccountId: string,
): Promise<InstitutionOutcome> {
  const fields = Object.keys(patch);
  if (fields.length === 0) return { ok: true, id: institution.id };
  return unlessNameTaken(institution.id, () =>
    db.batch([
      db
        .update(institutions)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(institutions.id, institution.id)),
      auditInsert(db, {
        networkId: institution.networkId,
        actorAccountId,
        action: "institution.updated",
        entityType: "institution",
        entityId: institution.id,
        fields,
      }),
    ]),
  );
}

/** Archives the institution; one already archived stays as it is. */
export async function archiveInstitution(db: Db, institution: Institution, actorAccountId: string) {
  if (institution.archivedAt) return;
  await db.batch([
    db.update(institutions).set({ archivedAt: new Date() }).where(eq(institutions.id, institution.id)),
    auditInsert(db, {
      networkId: institution.networkId,
      actorAccountId,
      action: "institution.archived",
      entityType: "institution",
      entityId: institution.id,
    }),
  ]);
}

/** Records who signed the Leitbild on which day (stored at noon UTC, so the day is the same in Berlin). */
export async function recordLeitbildSignature(
  db: Db,
  institution: Institution,
  signature: { signedAt: string; signedBy: string },
  actorAccountId: string,
) {
  await db.batch([
    db
      .update(institutions)
      .set({
        leitbildSignedAt: new Date(`${signature.signedAt}T12:00:00Z`),
        leitbildSignedBy: signature.signedBy,
        updatedAt: new Date(),
      })
      .where(eq(institutions.id, institution.id)),
    auditInsert(db, {
      networkId: institution.networkId,
      actorAccountId,
      action: "institution.leitbild_signed",
      entityType: "institution",
      entityId: institution.id,
      fields: ["leitbildSignedAt", "leitbildSignedBy"],
    }),
  ]);
}
