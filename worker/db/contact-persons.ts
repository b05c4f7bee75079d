// Contact persons of an institution: personal data, so each change is written together
// with its audit entry (field names only) in one batch.
import { asc, eq } from "drizzle-orm";
import { auditInsert } from "../lib/audit";
import type { Db } from "./client";
import { contactPersons } from "./schema";

export type ContactPerson = typeof contactPersons.$inferSelect;
export type ContactPersonFields = Pick<ContactPerson, "name" | "function" | "email" | "phone" | "isPrimary">;

/** Who changes the data, and in which network it is logged. */
export type ContactPersonChange = { networkId: string; actorAccountId: string };

export const contactPersonsOf = (db: Db, institutionId: string) =>
  db
    .select()
    .from(contactPersons)
    .where(eq(contactPersons.institutionId, institutionId))
    .orderBy(asc(contactPersons.name));

export async function createContactPerson(
  db: Db,
  institutionId: string,
  fields: ContactPersonFields,
  by: ContactPersonChange,
): Promise<ContactPerson> {
  const id = crypto.randomUUID();
  const [created] = await db.batch([
    db
      .insert(contactPersons)
      .values({ ...fields, id, institutionId })
      .returning(),
    auditInsert(db, {
      ...by,
      action: "contact_person.created",
      entityType: "contact_person",
      entityId: id,
      fields: Object.keys(fields),
    }),
  ]);
  return created[0];
}

/** Changes the fields given (none: nothing is written) and answers the contact person as it is then. */
export async function updateContactPerson(
  db: Db,
  id: string,
  fields: Partial<ContactPersonFields>,
  by: ContactPersonChange,
): Promise<ContactPerson | undefined> {
  const names = Object.keys(fields);
  if (names.length > 0)
    await db.batch([
      db.update(contactPersons).set(fields).where(eq(contactPersons.id, id)),
      auditInsert(db, {
        ...by,
        action: "contact_person.updated",
        entityType: "contact_person",
        entityId: id,
        fields: names,
      }),
    ]);
  const [row] = await db.select().from(contactPersons).where(eq(contactPersons.id, id));
  return row;
}

/** The data is deleted; the log keeps who removed it. */
export const deleteContactPerson = (db: Db, id: string, by: ContactPersonChange) =>
  db.batch([
    db.delete(contactPersons).where(eq(contactPersons.id, id)),
    auditInsert(db, { ...by, action: "contact_person.deleted", entityType: "contact_person", entityId: id }),
  ]);
