// The notice to an institution's contacts when the system changes the status of one of their
// delegates (written by worker/db/allocation/notices.ts).
import type { MailLocale, MailParams } from "./mail";
import type { Draft } from "./mail-templates";

export type DelegateNoticeKind = MailParams["delegate_notice"]["kind"];

export function delegateNoticeDraft(
  locale: MailLocale,
  { kind, eventTitle, institutionName, delegateName, dates, offeredUntil, link }: MailParams["delegate_notice"],
): Draft {
  const de = locale === "de";
  const who = delegateName || (de ? "Eine Person Ihrer Einrichtung" : "A person of your institution");
  const what = {
    promoted: de
      ? {
          s: `Platz bekommen: ${delegateName} – ${eventTitle}`,
          t: `${who} hat bei „${eventTitle}“ (${dates}) einen Platz bekommen: Die Anmeldung von der Warteliste ist jetzt bestätigt.`,
        }
      : {
          s: `Place confirmed: ${delegateName} – ${eventTitle}`,
          t: `${who} has been given a place at “${eventTitle}” (${dates}): the registration has moved up from the waiting list and is confirmed.`,
        },
    offered: de
      ? {
          s: `Platzangebot: ${delegateName} – ${eventTitle}`,
          t: `${who} hat für „${eventTitle}“ (${dates}) ein Platzangebot bis ${offeredUntil ?? ""} bekommen. Wird es bis dahin nicht angenommen, geht der Platz an die nächste Person auf der Warteliste.`,
        }
      : {
          s: `Place offered: ${delegateName} – ${eventTitle}`,
          t: `${who} has been offered a place at “${eventTitle}” (${dates}) until ${offeredUntil ?? ""}. If it is not accepted by then, the place passes to the next person on the waiting list.`,
        },
    offer_expired: de
      ? {
          s: `Platzangebot verfallen: ${delegateName} – ${eventTitle}`,
          t: `Das Platzangebot an ${who} für „${eventTitle}“ (${dates}) ist verfallen, weil es nicht rechtzeitig angenommen wurde. Die Anmeldung ist damit storniert.`,
        }
      : {
          s: `Offer expired: ${delegateName} – ${eventTitle}`,
          t: `The place offered to ${who} at “${eventTitle}” (${dates}) has expired because it was not accepted in time. The registration is cancelled.`,
        },
    cancelled_by_participant: de
      ? {
          s: `Abmeldung: ${delegateName} – ${eventTitle}`,
          t: `${who} hat sich von „${eventTitle}“ (${dates}) abgemeldet.`,
        }
      : {
          s: `Cancelled: ${delegateName} – ${eventTitle}`,
          t: `${who} has cancelled their registration for “${eventTitle}” (${dates}).`,
        },
  }[kind];
  return {
    subject: what.s,
    blocks: [
      { kind: "p", text: de ? `für Ihre Einrichtung ${institutionName}:` : `for your institution ${institutionName}:` },
      { kind: "p", text: what.t },
      {
        kind: "p",
        text: de
          ? "Die Anmeldungen Ihrer Einrichtung zu dieser Veranstaltung sehen Sie hier:"
          : "Your institution's registrations for this event are here:",
      },
      { kind: "link", label: de ? "Zur Veranstaltung" : "To the event", href: link },
      {
        kind: "p",
        text: de
          ? "Sie erhalten diese Nachricht als Ansprechperson Ihrer Einrichtung."
          : "You receive this notice as a contact person of your institution.",
      },
    ],
  };
}
