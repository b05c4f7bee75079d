// Why a registration was not made. The INSERT decides (db/allocation.ts) and says only
// that it refused; these rules name the reason afterwards, from what was read then.

export type RefusalReason =
  | "event_not_found"
  | "event_cancelled"
  | "institution_not_found"
  | "institution_archived"
  | "institution_not_invited"
  | "registration_not_open"
  | "registration_closed"
  | "track_not_found"
  | "registration_state_conflict";

export interface RefusalFacts {
  event?: {
    networkId: string;
    status: "draft" | "published" | "cancelled";
    registrationOpensAt: Date;
    registrationClosesAt: Date;
  };
  institution?: { networkId: string; archivedAt: Date | null };
  /** Whether the institution holds a quota for the event, i.e. is invited. */
  invited: boolean;
  trackId: string | null;
}

/**
 * The first reason that applies, in the order a person would look: the event, the
 * institution, the invitation, the registration period, the track. A draft looks
 * missing, as everywhere. With none of them, the state changed under the request.
 */
export function refusalReason({ event, institution, invited, trackId }: RefusalFacts, now: number): RefusalReason {
  if (!event) return "event_not_found";
  if (event.status === "cancelled") return "event_cancelled";
  if (event.status === "draft") return "event_not_found";
  if (!institution || institution.networkId !== event.networkId) return "institution_not_found";
  if (institution.archivedAt) return "institution_archived";
  if (!invited) return "institution_not_invited";
  if (now < event.registrationOpensAt.getTime()) return "registration_not_open";
  if (now >= event.registrationClosesAt.getTime()) return "registration_closed";
  if (trackId) return "track_not_found";
  return "registration_state_conflict";
}

/** A retry repeats the request made first under its idempotency key: same person, same institution. */
export const isSameRequest = (
  first: { email: string; institutionId: string },
  retry: { email: string; institutionId: string },
) => first.email === retry.email && first.institutionId === retry.institutionId;
