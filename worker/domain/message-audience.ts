// Who a message is written to, as the organiser or contact chose it; stored with the message
// (`messages.audience`) and resolved to recipients when it is sent (db/messages.ts).

export const registrantStatuses = ["all", "confirmed", "waitlisted"] as const;
export const contactFilters = ["all", "unused_quota"] as const;

export type RegistrantAudience = {
  group: "registrants";
  status: (typeof registrantStatuses)[number];
  /** Those who attend this session: registered without a track, or in a track of the whole event or of this session. */
  sessionId?: string;
  trackId?: string;
  institutionId?: string;
};

/** The contacts of the institutions invited to the event (those with a quota row). */
export type ContactAudience = { group: "contacts"; filter: (typeof contactFilters)[number] };

export type MessageAudience = RegistrantAudience | ContactAudience;

/** Who is writing: an organiser of the event's network, or a contact of these institutions. */
export type MessageAuthor = { organiser: true } | { organiser: false; institutionIds: string[] };

export type AudienceRefusal = "institution_required" | "not_own_institution" | "contacts_only_own_delegates";

/**
 * Organisers may write to any audience. A contact writes only to its own delegates: the
 * registrants of one of its own institutions, named in the audience.
 */
export function refuseAudience(audience: MessageAudience, author: MessageAuthor): AudienceRefusal | null {
  if (author.organiser) return null;
  if (audience.group !== "registrants") return "contacts_only_own_delegates";
  if (!audience.institutionId) return "institution_required";
  return author.institutionIds.includes(audience.institutionId) ? null : "not_own_institution";
}

/** Whether a registration with this status is in the audience's status filter. */
export const statusMatches = (filter: RegistrantAudience["status"], status: string) =>
  status !== "cancelled" && (filter === "all" || filter === status);

/**
 * Whether someone registered with this track (and the track's session) attends `sessionId`: a
 * registration without a track, or with a track that spans the whole event, attends every session.
 */
export const attendsSession = (sessionId: string, trackSessionId: string | null | undefined) =>
  !trackSessionId || trackSessionId === sessionId;
