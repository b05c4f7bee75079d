// The mail of the anonymous feedback form (db/fan-out/feedback-invitation.ts, and the link asked
// for from the slide): what it promises about anonymity is what db/feedback.ts keeps.
import type { MailLocale, MailParams } from "./mail";
import type { Draft } from "./mail-templates";

export function feedbackInvitationDraft(
  locale: MailLocale,
  { eventTitle, sessionTitle, link }: MailParams["feedback_invitation"],
): Draft {
  const what = sessionTitle ? `„${eventTitle}“ – ${sessionTitle}` : `„${eventTitle}“`;
  const whatEn = sessionTitle ? `“${eventTitle}” – ${sessionTitle}` : `“${eventTitle}”`;
  return locale === "de"
    ? {
        subject: `Ihre Rückmeldung: ${eventTitle}`,
        blocks: [
          {
            kind: "p",
            text: `vielen Dank für Ihre Teilnahme an ${what}. Wie fanden Sie die Veranstaltung? Ihre Rückmeldung dauert etwa drei Minuten und hilft uns, die Zusammenarbeit im Netzwerk weiterzuentwickeln.`,
          },
          { kind: "link", label: "Rückmeldung geben", href: link },
          {
            kind: "p",
            text: "Die Rückmeldung ist anonym: Gespeichert wird nur, dass Sie geantwortet haben, getrennt von Ihren Antworten. Die Netzwerkkoordination sieht Ergebnisse erst ab einer Mindestzahl von Rückmeldungen und nie, wer was geantwortet hat. Bitte geben Sie den Link nicht weiter.",
          },
        ],
      }
    : {
        subject: `Your feedback: ${eventTitle}`,
        blocks: [
          {
            kind: "p",
            text: `Thank you for taking part in ${whatEn}. How was it for you? Your feedback takes about three minutes and helps us develop the cooperation in the network.`,
          },
          { kind: "link", label: "Give feedback", href: link },
          {
            kind: "p",
            text: "Feedback is anonymous: only the fact that you answered is stored, apart from your answers. The network coordination sees results only from a minimum number of responses on, and never who answered what. Please do not share this link.",
          },
        ],
      };
}
