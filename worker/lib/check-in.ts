// Where and when the door takes check-ins and walk-ins, as the problems a route answers with:
// the rules are domain/attendance.ts and domain/check-in-window.ts.
import type { Db } from "../db/client";
import { registrationIdOfTicketCode } from "../db/tickets";
import { checkInRefusal } from "../domain/attendance";
import { checkInWindow, checkInWindowState } from "../domain/check-in-window";
import type { Ticket } from "../domain/ticket-code";
import { checkInWindowDetail } from "./messages";
import { ApiError } from "./problem";
import { berlinDayAndClock } from "./time";

/** Check-ins and walk-ins only where the event takes place. */
export function requireCheckable(event: { status: "draft" | "published" | "cancelled" }) {
  const refusal = checkInRefusal(event.status);
  if (refusal) throw new ApiError(refusal);
}

type Event = { checkInMinutesBefore: number };
type Session = { startsAt: Date; endsAt: Date };

/**
 * Check-ins and walk-ins only while the session is happening, unless the organiser confirmed
 * an override: whether one was needed (and so is recorded). Refused, nothing is written.
 */
export function requireWindow(event: Event, session: Session, overrideWindow: boolean | undefined, now: Date) {
  const window = checkInWindow(session, event.checkInMinutesBefore);
  const state = checkInWindowState(window, now);
  if (state === "open") return false;
  if (overrideWindow) return true;
  throw new ApiError("check_in_outside_window", [], undefined, {
    detail: checkInWindowDetail(state, berlinDayAndClock(state === "not_yet_open" ? window.opensAt : window.closesAt)),
    members: { opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString() },
  });
}

/** The registration a typed or scanned ticket names: by short code, or by id on an older ticket. */
export async function registrationOfTicket(db: Db, ticket: Ticket) {
  if (ticket.kind === "id") return ticket.id;
  const id = await registrationIdOfTicketCode(db, ticket.code);
  if (!id) throw new ApiError("registration_not_found");
  return id;
}
