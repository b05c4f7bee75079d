// Tickets at the door: which registration a short ticket code (domain/ticket-code.ts) belongs to.
// Codes are unique across all networks; whether the registration may be checked in at a session,
// db/attendance.ts decides, exactly as for a registration's id.
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { registrations } from "./schema";

/** The id of the registration with this short ticket code (normalised), or undefined. */
export async function registrationIdOfTicketCode(db: Db, code: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(eq(registrations.ticketCode, code))
    .limit(1);
  return row?.id;
}
