// Who answers a feedback form, and what a participant may answer. Only secrets the
// participant holds lead to a registration here: the personal link's token, or (in
// db/feedback.ts) the token of a mailed answer link — never a ticket code, which
// organisers and contacts see.
import { and, inArray, isNull } from "drizzle-orm";
import { hashToken } from "../lib/auth";
import type { Db } from "./client";
import { formsForRegistration } from "./feedback";
import { reachedByToken } from "./personal-links";
import { eventSessions, registrations } from "./schema";

/** The registration a personal link's token reaches (not an erased one); null if none. */
export async function registrationOfPersonalLink(db: Db, token: string) {
  const [row] = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(reachedByToken(db, await hashToken(token)), isNull(registrations.anonymisedAt)))
    .limit(1);
  return row?.id ?? null;
}

/** The open forms the registration may answer (it attended), with their session's title and whether it did. */
export async function openFormsOf(db: Db, registrationId: string) {
  const forms = await formsForRegistration(db, registrationId);
  const sessionIds = forms.flatMap((f) => (f.session_id ? [f.session_id] : []));
  const sessions =
    sessionIds.length === 0
      ? []
      : await db
          .select({ id: eventSessions.id, title: eventSessions.title })
          .from(eventSessions)
          .where(inArray(eventSessions.id, sessionIds));
  return forms.map((f) => ({
    id: f.id,
    title: f.title,
    sessionTitle: sessions.find((s) => s.id === f.session_id)?.title ?? null,
    answered: Boolean(f.answered),
  }));
}
