// The mail of a message (db/fan-out/message.ts): the text as the organiser or contact wrote
// it, then a short footer in the recipient's language saying who wrote, for which event, and
// why this person gets it. The author writes greeting and sign-off, so the layout adds neither
// (two greetings read oddly); the HTML keeps the network's header.
import type { MailLocale } from "./mail";
import type { Draft } from "./mail-templates";

export type EventMessageParams = {
  /** Subject and text with the placeholders already filled. */
  subject: string;
  text: string;
  eventTitle: string;
  networkName: string;
  /** The institution whose contact wrote; absent: the network's coordination wrote. */
  fromInstitution?: string;
  /** Why the recipient gets it: registered for the event, or contact of an invited institution. */
  recipient: "registrant" | "contact";
};

export function eventMessageDraft(locale: MailLocale, p: EventMessageParams): Draft {
  const footer =
    locale === "de"
      ? [
          p.fromInstitution
            ? `Diese Nachricht schickt Ihnen die Einrichtung ${p.fromInstitution} zur Veranstaltung „${p.eventTitle}“ im Netzwerk ${p.networkName}.`
            : `Diese Nachricht schickt Ihnen die Netzwerkkoordination ${p.networkName} zur Veranstaltung „${p.eventTitle}“.`,
          p.recipient === "registrant"
            ? "Sie erhalten sie, weil Sie zu dieser Veranstaltung angemeldet sind."
            : "Sie erhalten sie als Ansprechperson einer Einrichtung, die zu dieser Veranstaltung eingeladen ist.",
        ]
      : [
          p.fromInstitution
            ? `This message is sent to you by ${p.fromInstitution} about the event “${p.eventTitle}” in the network ${p.networkName}.`
            : `This message is sent to you by the coordination of the network ${p.networkName} about the event “${p.eventTitle}”.`,
          p.recipient === "registrant"
            ? "You receive it because you are registered for this event."
            : "You receive it as the contact person of an institution invited to this event.",
        ];
  return {
    subject: p.subject,
    authorGreets: true,
    blocks: [
      { kind: "text", text: p.text },
      { kind: "p", text: footer.join(" ") },
    ],
  };
}
