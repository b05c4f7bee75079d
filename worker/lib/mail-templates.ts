// The text of every mail, per template and language, as blocks (mail-render.ts renders them).
import type { MailLocale, MailTemplate, ParamsOf } from "./mail";
import { feedbackInvitationDraft } from "./mail-feedback";
import { eventMessageDraft } from "./mail-message";
import { delegateNoticeDraft } from "./mail-notice";
import { reminderDrafts } from "./reminder-templates";

/** Subjects go into a header: no line breaks. */
export const oneLine = (value: string) => value.replace(/[\r\n]+/g, " ").trim();

/** "15 Minuten", "1 Stunde", "7 days": whole hours and days read better than 10080 minutes. */
export function formatDuration(minutes: number, locale: MailLocale): string {
  const m = Math.max(1, Math.round(minutes));
  const words = {
    de: { minute: ["Minute", "Minuten"], hour: ["Stunde", "Stunden"], day: ["Tag", "Tage"] },
    en: { minute: ["minute", "minutes"], hour: ["hour", "hours"], day: ["day", "days"] },
  }[locale];
  const say = (n: number, [one, many]: string[]) => `${n} ${n === 1 ? one : many}`;
  if (m % 1440 === 0) return say(m / 1440, words.day);
  if (m >= 60 && m % 60 === 0) return say(m / 60, words.hour);
  return say(m, words.minute);
}

/** A mail is a few blocks; each becomes a paragraph in text and HTML alike. */
export type Block =
  | { kind: "p"; text: string }
  | { kind: "link"; label: string; href: string }
  | { kind: "links"; items: { label: string; href: string }[] }
  /** Text as someone wrote it (a message): its paragraphs and line breaks kept, bare links clickable. */
  | { kind: "text"; text: string };

export type Draft = {
  subject: string;
  blocks: Block[];
  /** The text greets and signs off itself (a message): no greeting or closing from the layout. */
  authorGreets?: boolean;
};

export const drafts: { [T in MailTemplate]: (locale: MailLocale, params: ParamsOf<T>) => Draft } = {
  ...reminderDrafts,
  event_message: eventMessageDraft,
  feedback_invitation: feedbackInvitationDraft,
  delegate_notice: delegateNoticeDraft,

  sign_in_link: (locale, { link, expiresMinutes }) => {
    const valid = formatDuration(expiresMinutes, locale);
    return locale === "de"
      ? {
          subject: "Ihr Anmeldelink für NetzWerkstatt",
          blocks: [
            { kind: "p", text: "mit dem folgenden Link melden Sie sich bei NetzWerkstatt an:" },
            { kind: "link", label: "Bei NetzWerkstatt anmelden", href: link },
            { kind: "p", text: `Der Link ist ${valid} gültig und kann nur einmal verwendet werden.` },
            {
              kind: "p",
              text: "Wenn Sie diese Anmeldung nicht angefordert haben, können Sie diese E-Mail ignorieren.",
            },
          ],
        }
      : {
          subject: "Your sign-in link for NetzWerkstatt",
          blocks: [
            { kind: "p", text: "Use the following link to sign in to NetzWerkstatt:" },
            { kind: "link", label: "Sign in to NetzWerkstatt", href: link },
            { kind: "p", text: `The link is valid for ${valid} and can be used only once.` },
            { kind: "p", text: "If you did not request this, you can ignore this e-mail." },
          ],
        };
  },

  contact_invitation: (locale, { link, expiresMinutes, institutionName, networkName, invitedBy }) => {
    const valid = formatDuration(expiresMinutes, locale);
    return locale === "de"
      ? {
          subject: oneLine(`Einladung als Ansprechperson im Netzwerk ${networkName}`),
          blocks: [
            {
              kind: "p",
              text:
                `${invitedBy} hat Sie eingeladen, die Einrichtung „${institutionName}“ im Netzwerk ${networkName} ` +
                "als Ansprechperson zu vertreten. Als Ansprechperson pflegen Sie das Profil Ihrer Einrichtung und " +
                "melden Kolleg_innen zu Veranstaltungen an.",
            },
            { kind: "p", text: "Mit diesem Link nehmen Sie die Einladung an:" },
            { kind: "link", label: "Einladung annehmen", href: link },
            { kind: "p", text: `Der Link ist ${valid} gültig und kann nur einmal verwendet werden.` },
            {
              kind: "p",
              text: "Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.",
            },
          ],
        }
      : {
          subject: oneLine(`Invitation as contact person in the network ${networkName}`),
          blocks: [
            {
              kind: "p",
              text:
                `${invitedBy} has invited you to represent “${institutionName}” in the network ${networkName} ` +
                "as its contact person. As contact person you keep your institution's profile up to date and " +
                "register colleagues for events.",
            },
            { kind: "p", text: "Use this link to accept the invitation:" },
            { kind: "link", label: "Accept the invitation", href: link },
            { kind: "p", text: `The link is valid for ${valid} and can be used only once.` },
            { kind: "p", text: "If you did not expect this invitation, you can ignore this e-mail." },
          ],
        };
  },

  organiser_invitation: (locale, { link, expiresMinutes, networkName, signInPage }) => {
    const valid = formatDuration(expiresMinutes, locale);
    return locale === "de"
      ? {
          subject: oneLine(`Ihr Netzwerk ${networkName} bei NetzWerkstatt ist eingerichtet`),
          blocks: [
            {
              kind: "p",
              text:
                `für das Netzwerk ${networkName} wurde bei NetzWerkstatt ein Zugang eingerichtet, und Sie sind ` +
                "als Netzwerkkoordination eingetragen. Als Koordination pflegen Sie das Verzeichnis der Einrichtungen, " +
                "laden Ansprechpersonen ein und planen Veranstaltungen.",
            },
            { kind: "p", text: "Mit diesem Link melden Sie sich zum ersten Mal an:" },
            { kind: "link", label: "Zum Netzwerk anmelden", href: link },
            {
              kind: "p",
              text: `Der Link ist ${valid} gültig und kann nur einmal verwendet werden. Danach fordern Sie jederzeit einen neuen Anmeldelink an: ${signInPage}`,
            },
            {
              kind: "p",
              text: "Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.",
            },
          ],
        }
      : {
          subject: oneLine(`Your network ${networkName} on NetzWerkstatt is ready`),
          blocks: [
            {
              kind: "p",
              text:
                `The network ${networkName} has been set up on NetzWerkstatt, with you as its network coordination. ` +
                "As coordination you keep the directory of institutions, invite contact persons and plan events.",
            },
            { kind: "p", text: "Use this link to sign in for the first time:" },
            { kind: "link", label: "Sign in to the network", href: link },
            {
              kind: "p",
              text: `The link is valid for ${valid} and can be used only once. After that, ask for a new sign-in link at any time: ${signInPage}`,
            },
            { kind: "p", text: "If you did not expect this invitation, you can ignore this e-mail." },
          ],
        };
  },

  co_organiser_invitation: (locale, { link, expiresMinutes, networkName, invitedBy }) => {
    const valid = formatDuration(expiresMinutes, locale);
    return locale === "de"
      ? {
          subject: oneLine(`Einladung in die Netzwerkkoordination ${networkName}`),
          blocks: [
            {
              kind: "p",
              text:
                `${invitedBy} hat Sie eingeladen, das Netzwerk ${networkName} mit zu koordinieren. ` +
                "Als Netzwerkkoordination pflegen Sie das Verzeichnis der Einrichtungen, planen Veranstaltungen, " +
                "vergeben Plätze und werten Rückmeldungen aus.",
            },
            { kind: "p", text: "Mit diesem Link melden Sie sich an:" },
            { kind: "link", label: "Einladung annehmen", href: link },
            {
              kind: "p",
              text: `Der Link ist ${valid} gültig und kann nur einmal verwendet werden. Später fordern Sie auf der Anmeldeseite jederzeit einen neuen Link an.`,
            },
            {
              kind: "p",
              text: "Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.",
            },
          ],
        }
      : {
          subject: oneLine(`Invitation to coordinate the network ${networkName}`),
          blocks: [
            {
              kind: "p",
              text:
                `${invitedBy} has invited you to help coordinate the network ${networkName}. ` +
                "Organisers keep the directory of institutions, plan events, allocate places and read the feedback.",
            },
            { kind: "p", text: "Use this link to sign in:" },
            { kind: "link", label: "Accept the invitation", href: link },
            {
              kind: "p",
              text: `The link is valid for ${valid} and can be used only once. Later you can ask for a new link on the sign-in page at any time.`,
            },
            { kind: "p", text: "If you did not expect this invitation, you can ignore this e-mail." },
          ],
        };
  },

  participant_links: (locale, { links }) => {
    const items = links.map((l) => ({ label: l.eventTitle, href: l.link }));
    return locale === "de"
      ? {
          subject: "Ihre Links zu Ihren Anmeldungen bei NetzWerkstatt",
          blocks: [
            {
              kind: "p",
              text:
                "hier sind Ihre persönlichen Links als Teilnehmer_in. Damit sehen Sie Ihre Anmeldung, " +
                "ändern sie oder sagen ab:",
            },
            { kind: "links", items },
            {
              kind: "p",
              text: "Bitte geben Sie die Links nicht weiter: Wer sie kennt, kann Ihre Anmeldung ändern.",
            },
            {
              kind: "p",
              text: "Wenn Sie diese E-Mail nicht angefordert haben, können Sie sie ignorieren.",
            },
          ],
        }
      : {
          subject: "Your links to your NetzWerkstatt registrations",
          blocks: [
            {
              kind: "p",
              text: "Here are your personal participant links. Use them to view, change or cancel your registration:",
            },
            { kind: "links", items },
            { kind: "p", text: "Please do not share these links: anyone who has them can change your registration." },
            { kind: "p", text: "If you did not request this, you can ignore this e-mail." },
          ],
        };
  },

  registration_update: (locale, { kind, eventTitle, institutionName, dates, link, offeredUntil }) => {
    const de = locale === "de";
    const what = {
      confirmed: de
        ? {
            s: `Anmeldung bestätigt: ${eventTitle}`,
            t: `Ihr Platz bei „${eventTitle}“ (${dates}) für ${institutionName} ist bestätigt.`,
          }
        : {
            s: `Registration confirmed: ${eventTitle}`,
            t: `Your place at “${eventTitle}” (${dates}) for ${institutionName} is confirmed.`,
          },
      waitlisted: de
        ? {
            s: `Warteliste: ${eventTitle}`,
            t: `Sie stehen für „${eventTitle}“ (${dates}) auf der Warteliste. Wird ein Platz frei, benachrichtigen wir Sie.`,
          }
        : {
            s: `Waiting list: ${eventTitle}`,
            t: `You are on the waiting list for “${eventTitle}” (${dates}). We will let you know when a place becomes free.`,
          },
      offered: de
        ? {
            s: `Ein Platz ist frei: ${eventTitle}`,
            t: `Für „${eventTitle}“ (${dates}) ist ein Platz für Sie frei geworden. Bitte nehmen Sie ihn bis ${offeredUntil ?? ""} an, sonst geht er an die nächste Person auf der Warteliste.`,
          }
        : {
            s: `A place is free: ${eventTitle}`,
            t: `A place at “${eventTitle}” (${dates}) has become free for you. Please accept it by ${offeredUntil ?? ""}, otherwise it passes to the next person on the waiting list.`,
          },
      promoted: de
        ? {
            s: `Nachgerückt: ${eventTitle}`,
            t: `Sie sind von der Warteliste nachgerückt: Ihr Platz bei „${eventTitle}“ (${dates}) ist bestätigt.`,
          }
        : {
            s: `Moved up: ${eventTitle}`,
            t: `You have moved up from the waiting list: your place at “${eventTitle}” (${dates}) is confirmed.`,
          },
      cancelled: de
        ? { s: `Abmeldung: ${eventTitle}`, t: `Ihre Anmeldung zu „${eventTitle}“ (${dates}) ist storniert.` }
        : { s: `Cancelled: ${eventTitle}`, t: `Your registration for “${eventTitle}” (${dates}) has been cancelled.` },
      offer_expired: de
        ? {
            s: `Platzangebot verfallen: ${eventTitle}`,
            t: `Das Platzangebot für „${eventTitle}“ wurde nicht rechtzeitig angenommen und ist an die nächste Person gegangen.`,
          }
        : {
            s: `Offer expired: ${eventTitle}`,
            t: `The offered place at “${eventTitle}” was not accepted in time and has passed to the next person.`,
          },
      event_cancelled: de
        ? {
            s: `Abgesagt: ${eventTitle}`,
            t: `Die Veranstaltung „${eventTitle}“ (${dates}) wurde von der Netzwerkkoordination abgesagt. Ihre Anmeldung ist damit hinfällig.`,
          }
        : {
            s: `Cancelled: ${eventTitle}`,
            t: `The event “${eventTitle}” (${dates}) has been cancelled by the network coordination. Your registration no longer applies.`,
          },
    }[kind];
    const blocks: Block[] = [{ kind: "p", text: what.t }];
    // Only a confirmed place comes with a ticket; promising one to someone waiting would be untrue.
    const holdsPlace = kind === "confirmed" || kind === "promoted";
    if (link) {
      blocks.push(
        {
          kind: "p",
          text: holdsPlace
            ? de
              ? "Auf Ihrer persönlichen Seite finden Sie Ihr Ticket (QR-Code), den Kalendereintrag und können absagen:"
              : "Your personal page has your ticket (QR code) and calendar entry, and lets you cancel:"
            : kind === "offered"
              ? de
                ? "Auf Ihrer persönlichen Seite nehmen Sie den Platz an; danach finden Sie dort Ihr Ticket (QR-Code):"
                : "Accept the place on your personal page; your ticket (QR code) is there once you have:"
              : de
                ? "Auf Ihrer persönlichen Seite sehen Sie, wo Sie stehen, und können sich von der Warteliste abmelden. Ein Ticket erhalten Sie, sobald Ihr Platz bestätigt ist:"
                : "Your personal page shows where you stand and lets you leave the waiting list. You receive a ticket once your place is confirmed:",
        },
        { kind: "link", label: de ? "Meine Anmeldung" : "My registration", href: link },
        {
          kind: "p",
          text: de
            ? "Bitte geben Sie den Link nicht weiter. Er ersetzt frühere Links zu dieser Anmeldung."
            : "Please do not share this link. It replaces earlier links to this registration.",
        },
      );
    }
    return { subject: what.s, blocks };
  },

  event_invitation: (locale, { eventTitle, networkName, institutionName, dates, quota, quotaDeadline, link }) =>
    locale === "de"
      ? {
          subject: `Einladung: ${eventTitle}`,
          blocks: [
            {
              kind: "p",
              text:
                `das Netzwerk ${networkName} lädt ${institutionName} zu „${eventTitle}“ (${dates}) ein. ` +
                (quota === 1
                  ? "Für Ihre Einrichtung ist 1 Platz reserviert."
                  : `Für Ihre Einrichtung sind ${quota} Plätze reserviert.`),
            },
            ...(quotaDeadline
              ? [
                  {
                    kind: "p" as const,
                    text: `Die Reservierung gilt bis zur Kontingentfrist am ${quotaDeadline}. Danach gehen nicht genutzte Plätze an die Wartelisten aller Einrichtungen.`,
                  },
                ]
              : []),
            { kind: "p", text: "Hier melden Sie Ihre Kolleg_innen an:" },
            { kind: "link", label: "Zur Anmeldung", href: link },
          ],
        }
      : {
          subject: `Invitation: ${eventTitle}`,
          blocks: [
            {
              kind: "p",
              text:
                `The network ${networkName} invites ${institutionName} to “${eventTitle}” (${dates}). ` +
                (quota === 1
                  ? "1 place is reserved for your institution."
                  : `${quota} places are reserved for your institution.`),
            },
            ...(quotaDeadline
              ? [
                  {
                    kind: "p" as const,
                    text: `The reservation holds until the quota deadline, ${quotaDeadline}. After that, places not taken pass to the waiting lists of all institutions.`,
                  },
                ]
              : []),
            { kind: "p", text: "Register your colleagues here:" },
            { kind: "link", label: "Register", href: link },
          ],
        },
};
