// The text of the reminders the jobs send by themselves (issue 17): to a participant before a
// session, to an institution's contact before the quota deadline, to the organisers after the
// redistribution. Rendered by mail.ts like every other template.
import type { MailLocale, ParamsOf } from "./mail";
import type { Block, Draft } from "./mail-templates";

export type ReminderParams = {
  /** To a participant, before a session. Dates are formatted for the mail's language (Berlin time). */
  session_reminder: {
    eventTitle: string;
    sessionTitle: string;
    /** "Do., 10. Dezember 2026, 9:00–12:00 Uhr" */
    when: string;
    venueName: string;
    venueAddress: string;
    venueAccessibility: string;
    trackTitle: string;
    /** The personal page (ticket, calendar file, turning reminders off). */
    link: string;
  };
  /** To an institution's contact while reserved places are unused. */
  quota_reminder: {
    eventTitle: string;
    institutionName: string;
    free: number;
    quota: number;
    deadline: string;
    link: string;
  };
  /** To the organisers, once the redistribution ran. */
  deadline_summary: {
    eventTitle: string;
    handedOn: number;
    confirmed: number;
    capacity: number;
    offered: number;
    waiting: number;
    free: number;
    link: string;
  };
};

type ReminderTemplate = keyof ReminderParams;

const places = (n: number, locale: MailLocale) =>
  locale === "de" ? (n === 1 ? "1 Platz" : `${n} Plätze`) : n === 1 ? "1 place" : `${n} places`;

const people = (n: number, locale: MailLocale) =>
  locale === "de" ? (n === 1 ? "1 Person" : `${n} Personen`) : n === 1 ? "1 person" : `${n} people`;

/** "2 von 3 reservierten Plätzen …", "alle 3 …", "Ihr reservierter Platz …": the free places of a quota. */
function freeText(p: { free: number; quota: number; eventTitle: string }, locale: MailLocale) {
  const de = locale === "de";
  const at = de ? `bei „${p.eventTitle}“` : `at “${p.eventTitle}”`;
  if (p.free === p.quota && p.quota === 1)
    return de ? `Ihr reservierter Platz ${at} ist noch frei.` : `your reserved place ${at} is still free.`;
  if (p.free === p.quota)
    return de
      ? `alle ${p.quota} reservierten Plätze ${at} sind noch frei.`
      : `all ${p.quota} of your reserved places ${at} are still free.`;
  return de
    ? `${p.free} von ${p.quota} reservierten Plätzen ${at} ${p.free === 1 ? "ist" : "sind"} noch frei.`
    : `${p.free} of your ${p.quota} reserved places ${at} ${p.free === 1 ? "is" : "are"} still free.`;
}

export const reminderDrafts: {
  [T in ReminderTemplate]: (locale: MailLocale, params: ParamsOf<T>) => Draft;
} = {
  session_reminder: (locale, p) => {
    const de = locale === "de";
    const what = p.sessionTitle ? `${p.eventTitle}: ${p.sessionTitle}` : p.eventTitle;
    const venue = [p.venueName, p.venueAddress].filter(Boolean).join(", ");
    const blocks: Block[] = [
      {
        kind: "p",
        text: de
          ? `wir erinnern Sie an Ihren Termin: „${what}“ am ${p.when}.`
          : `This is a reminder of your session: “${what}” on ${p.when}.`,
      },
    ];
    if (p.trackTitle)
      blocks.push({ kind: "p", text: de ? `Ihr Forum: ${p.trackTitle}` : `Your track: ${p.trackTitle}` });
    if (venue) blocks.push({ kind: "p", text: de ? `Ort: ${venue}` : `Venue: ${venue}` });
    if (p.venueAccessibility)
      blocks.push({
        kind: "p",
        text: de ? `Barrierefreiheit: ${p.venueAccessibility}` : `Accessibility: ${p.venueAccessibility}`,
      });
    blocks.push(
      {
        kind: "p",
        text: de
          ? "Auf Ihrer persönlichen Seite finden Sie Ihr Ticket (QR-Code) für den Einlass und den Kalendereintrag (ICS-Datei); dort können Sie auch absagen, falls Sie nicht kommen können:"
          : "Your personal page has your ticket (QR code) for the entrance and the calendar entry (ICS file); you can also cancel there if you cannot come:",
      },
      {
        kind: "link",
        label: de ? "Meine Anmeldung und Kalendereintrag" : "My registration and calendar entry",
        href: p.link,
      },
      {
        kind: "p",
        text: de
          ? "Keine Erinnerungen mehr? Auf Ihrer persönlichen Seite schalten Sie „Erinnerungen per E-Mail“ aus. Bitte geben Sie den Link nicht weiter."
          : "No more reminders? Turn off “Reminders by e-mail” on your personal page. Please do not share the link.",
      },
    );
    return { subject: de ? `Erinnerung: ${what}, ${p.when}` : `Reminder: ${what}, ${p.when}`, blocks };
  },

  quota_reminder: (locale, p) =>
    locale === "de"
      ? {
          subject: `Noch ${places(p.free, "de")} frei: ${p.eventTitle}`,
          blocks: [
            {
              kind: "p",
              text:
                `für ${p.institutionName}: ${freeText(p, "de")} ` +
                `Nicht genutzte Plätze werden am ${p.deadline} freigegeben und gehen an die Wartelisten aller Einrichtungen.`,
            },
            { kind: "p", text: "Hier melden Sie Ihre Kolleg_innen an:" },
            { kind: "link", label: "Zur Anmeldung", href: p.link },
          ],
        }
      : {
          subject: `${places(p.free, "en")} still free: ${p.eventTitle}`,
          blocks: [
            {
              kind: "p",
              text:
                `For ${p.institutionName}: ${freeText(p, "en")} Places not taken are released on ${p.deadline} ` +
                "and pass to the waiting lists of all institutions.",
            },
            { kind: "p", text: "Register your colleagues here:" },
            { kind: "link", label: "Register", href: p.link },
          ],
        },

  deadline_summary: (locale, p) =>
    locale === "de"
      ? {
          subject: `Umverteilung gelaufen: ${p.eventTitle}`,
          blocks: [
            {
              kind: "p",
              text: `für „${p.eventTitle}“ ist die Kontingentfrist abgelaufen und die Umverteilung gelaufen. Die nicht genutzten Plätze sind freigegeben.`,
            },
            ...[
              `Von der Warteliste weitergegeben: ${places(p.handedOn, "de")}`,
              `Bestätigte Plätze: ${p.confirmed} von ${p.capacity}`,
              `Offene Platzangebote: ${p.offered}`,
              `Noch auf der Warteliste: ${people(p.waiting, "de")}`,
              `Freie Plätze: ${p.free}`,
            ].map((text): Block => ({ kind: "p", text })),
            {
              kind: "p",
              text: "Ab jetzt gilt die Reihenfolge der Anmeldungen. Die Einzelheiten stehen auf der Platzvergabe:",
            },
            { kind: "link", label: "Zur Platzvergabe", href: p.link },
          ],
        }
      : {
          subject: `Redistribution done: ${p.eventTitle}`,
          blocks: [
            {
              kind: "p",
              text: `The quota deadline of “${p.eventTitle}” has passed and the redistribution has run. Places not taken have been released.`,
            },
            ...[
              `Handed on from the waiting list: ${places(p.handedOn, "en")}`,
              `Confirmed places: ${p.confirmed} of ${p.capacity}`,
              `Open offers: ${p.offered}`,
              `Still waiting: ${people(p.waiting, "en")}`,
              `Free places: ${p.free}`,
            ].map((text): Block => ({ kind: "p", text })),
            {
              kind: "p",
              text: "From now on places go in order of registration. The details are on the allocation board:",
            },
            { kind: "link", label: "Open the allocation board", href: p.link },
          ],
        },
};
