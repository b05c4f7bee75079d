// Reads and writes of the directory import and export. The writes are chunked
// multi-row upserts: D1 allows 100 bound parameters per statement and 1,000
// statements per invocation, and the whole import must be one atomic batch.
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { ExistingInstitution, ImportContext, RowPlan } from "../domain/directory-import";
import { auditInsert } from "../lib/audit";
import type { Db } from "./client";
import { auditLog, contactPersons, institutions, municipalities, sectors } from "./schema";

export async function loadImportContext(db: Db, networkId: string): Promise<ImportContext> {
  const [sectorRows, places, rows] = await Promise.all([
    db.select().from(sectors).orderBy(asc(sectors.sortOrder)),
    db.select().from(municipalities).where(eq(municipalities.networkId, networkId)),
    db.select().from(institutions).where(eq(institutions.networkId, networkId)),
  ]);
  const people = rows.length
    ? await db
        .select()
        .from(contactPersons)
        .innerJoin(institutions, eq(institutions.id, contactPersons.institutionId))
        .where(eq(institutions.networkId, networkId))
        .orderBy(desc(contactPersons.isPrimary), asc(contactPersons.name))
    : [];
  const contactsOf = new Map<string, ExistingInstitution["contacts"]>();
  for (const { contact_persons: p } of people)
    contactsOf.set(p.institutionId, [
      ...(contactsOf.get(p.institutionId) ?? []),
      { id: p.id, name: p.name, email: p.email.toLowerCase(), function: p.function },
    ]);
  return {
    sectors: sectorRows,
    municipalities: places.map((m) => ({ id: m.id, name: m.name, role: m.role })),
    existing: rows.map((i) => ({
      id: i.id,
      name: i.name,
      sectorKey: i.sectorKey,
      municipalityId: i.municipalityId,
      street: i.street,
      postalCode: i.postalCode,
      phone: i.phone,
      email: i.email,
      website: i.website,
      offers: i.offers,
      reachability: i.reachability,
      archived: i.archivedAt !== null,
      contacts: contactsOf.get(i.id) ?? [],
    })),
  };
}

const MAX_PARAMS = 100;

const chunks = <T>(items: T[], columnsPerRow: number) => {
  const size = Math.floor(MAX_PARAMS / columnsPerRow);
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
};

/** `SET column = excluded.column` for an upsert, by property name (columns are snake_case in SQL). */
const fromExcluded = (columns: Record<string, SQLiteColumn>) =>
  Object.fromEntries(
    Object.entries(columns).map(([key, c]) => [
      key,
      sql.raw(`excluded."${c.name.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)}"`),
    ]),
  );

/**
 * The statements that carry out the plan (rows with errors left out): new and
 * changed institutions, added and changed contact persons, and one audit entry
 * per institution touched (field names only, never values).
 */
export function importStatements(db: Db, networkId: string, plans: RowPlan[], actorAccountId: string, now: Date) {
  const planned = plans
    .filter((p) => p.outcome === "new" || p.outcome === "update")
    .map((p) => ({ ...p, institutionId: p.institutionId ?? crypto.randomUUID() }));
  const institutionRows = planned.flatMap((p) =>
    p.institution
      ? [
          {
            ...p.institution,
            id: p.institutionId,
            networkId,
            city: "",
            targetGroups: "",
            createdAt: now,
            updatedAt: now,
          },
        ]
      : [],
  );
  const contactRows = planned.flatMap((p) =>
    p.contact
      ? [
          {
            ...p.contact,
            id: p.contact.id ?? crypto.randomUUID(),
            phone: "",
            institutionId: p.institutionId,
            createdAt: now,
          },
        ]
      : [],
  );
  const auditRows = planned.map((p) => ({
    id: crypto.randomUUID(),
    networkId,
    at: now,
    actorAccountId,
    action: p.outcome === "new" ? "institution.imported" : "institution.updated_by_import",
    entityType: "institution",
    entityId: p.institutionId,
    details: { fields: p.changed },
  }));

  const {
    name,
    sectorKey,
    municipalityId,
    street,
    postalCode,
    phone,
    email,
    website,
    offers,
    reachability,
    updatedAt,
  } = institutions;
  const content = { name, sectorKey, municipalityId, street, postalCode, phone, email, website, offers, reachability };
  return [
    ...chunks(institutionRows, 15).map((chunk) =>
      db
        .insert(institutions)
        .values(chunk)
        .onConflictDoUpdate({ target: institutions.id, set: fromExcluded({ ...content, updatedAt }) }),
    ),
    ...chunks(contactRows, 8).map((chunk) =>
      db
        .insert(contactPersons)
        .values(chunk)
        .onConflictDoUpdate({
          target: contactPersons.id,
          set: fromExcluded({ name: contactPersons.name, function: contactPersons.function }),
        }),
    ),
    ...chunks(auditRows, 8).map((chunk) => db.insert(auditLog).values(chunk)),
  ];
}

/** Writes the import's new and changed rows in one atomic batch; the caller commits only when there are some. */
export async function commitImport(db: Db, networkId: string, plans: RowPlan[], actorAccountId: string, now: Date) {
  const statements = importStatements(db, networkId, plans, actorAccountId, now);
  await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
}

/** The directory as the export lists it: each institution with its primary (or first) contact person. */
export async function directoryForExport(db: Db, networkId: string) {
  const rows = await db
    .select({ institution: institutions, sector: sectors.nameDe, municipality: municipalities.name })
    .from(institutions)
    .innerJoin(sectors, eq(sectors.key, institutions.sectorKey))
    .innerJoin(municipalities, eq(municipalities.id, institutions.municipalityId))
    .where(and(eq(institutions.networkId, networkId), isNull(institutions.archivedAt)));
  const people = await db
    .select({ person: contactPersons })
    .from(contactPersons)
    .innerJoin(institutions, eq(institutions.id, contactPersons.institutionId))
    .where(eq(institutions.networkId, networkId))
    .orderBy(desc(contactPersons.isPrimary), asc(contactPersons.name));
  const first = new Map<string, typeof contactPersons.$inferSelect>();
  for (const { person } of people) if (!first.has(person.institutionId)) first.set(person.institutionId, person);
  return rows.map((r) => ({ ...r, contact: first.get(r.institution.id) ?? null }));
}

/** Logs that the directory left the installation, as `directory.export_csv` or `directory.export_xlsx`. */
export const logDirectoryExport = (db: Db, networkId: string, actorAccountId: string, action: string) =>
  auditInsert(db, { networkId, actorAccountId, action, entityType: "network", entityId: networkId });
