// What each mail template needs to be rendered (its text is in mail-templates.ts).
import type { EventMessageParams } from "./mail-message";
import type { ReminderParams } from "./reminder-templates";

/** The parameters each template needs; everything is HTML-escaped when rendered. */
export type MailParams = {
  sign_in_link: { link: string; expiresMinutes: number };
  contact_invitation: {
    link: string;
    expiresMinutes: number;
    institutionName: string;
    networkName: string;
    invitedBy: string;
  };
  /** An organiser adds a colleague to the network's coordination. */
  co_organiser_invitation: { link: string; expiresMinutes: number; networkName: string; invitedBy: string };
  participant_links: { links: { eventTitle: string; link: string }[] };
  /** Sent when an operator sets up a network: its first organiser signs in with the link. */
  organiser_invitation: { link: string; expiresMinutes: number; networkName: string; signInPage: string };
  registration_update: {
    kind: RegistrationMailKind;
    eventTitle: string;
    institutionName: string;
    /** The event's dates, already formatted for the mail's language. */
    dates: string;
    /** The personal page; absent where the person's earlier link stays valid. */
    link?: string;
    /** For offers: until when the place is held, formatted. */
    offeredUntil?: string;
  };
  event_invitation: {
    eventTitle: string;
    networkName: string;
    institutionName: string;
    dates: string;
    quota: number;
    /** Until when the quota is reserved (Berlin date and time, formatted); absent: not named. */
    quotaDeadline?: string;
    link: string;
  };
  /** What an organiser or a contact wrote to an audience of an event, placeholders filled. */
  event_message: EventMessageParams;
  /** Sent when a session ends, to each person present: the anonymous feedback form. */
  feedback_invitation: { eventTitle: string; sessionTitle: string; link: string };
  /** To an institution's contacts, when the system changed the status of one of its delegates. */
  delegate_notice: {
    kind: "promoted" | "offered" | "offer_expired" | "cancelled_by_participant";
    eventTitle: string;
    institutionName: string;
    /** The delegate's name as registered. */
    delegateName: string;
    dates: string;
    /** For offers: until when the place is held, formatted. */
    offeredUntil?: string;
    /** The event's registration page for the institution, where contacts see their delegates. */
    link: string;
  };
} & ReminderParams;

export type RegistrationMailKind =
  | "confirmed"
  | "waitlisted"
  | "offered"
  | "promoted"
  | "cancelled"
  | "offer_expired"
  | "event_cancelled";
