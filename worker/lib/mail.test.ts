import { describe, expect, it } from "vitest";
import {
  fromHeader,
  MAX_MAIL_ATTEMPTS,
  type MailEnv,
  type MailTemplate,
  type ParamsOf,
  renderMail,
  retryDelayMs,
} from "./mail";
import { formatDuration } from "./mail-templates";

// Compile-time check: Cloudflare's send_email binding (Email Service) fits MailEnv["EMAIL"].
const _binding: MailEnv["EMAIL"] = undefined as unknown as SendEmail;

const evil = `<script>alert("x")</script>&'`;
const link = "https://netzwerkstatt.example/anmelden?token=abc&x=<y>";

const samples: { [T in MailTemplate]: ParamsOf<T> } = {
  sign_in_link: { link, expiresMinutes: 15 },
  contact_invitation: {
    link,
    expiresMinutes: 30,
    institutionName: `Kita ${evil}`,
    networkName: `Netz ${evil}`,
    invitedBy: `Dr. ${evil}`,
  },
  organiser_invitation: {
    link,
    expiresMinutes: 15,
    networkName: `Netz ${evil}`,
    signInPage: "https://netzwerkstatt.example/anmelden",
  },
  co_organiser_invitation: { link, expiresMinutes: 15, networkName: `Netz ${evil}`, invitedBy: `Dr. ${evil}` },
  participant_links: {
    links: [
      { eventTitle: `Werkstatt ${evil}`, link },
      { eventTitle: "Netzwerkkonferenz", link: "https://netzwerkstatt.example/t/2" },
    ],
  },
  event_message: {
    subject: `Hinweis ${evil}`,
    text: `Hallo ${evil},\n\nbitte lesen Sie ${link} vorab.`,
    eventTitle: `Werkstatt ${evil}`,
    networkName: "Netz",
    recipient: "registrant",
  },
  feedback_invitation: { eventTitle: `Werkstatt ${evil}`, sessionTitle: `Termin ${evil}`, link },
  registration_update: {
    kind: "offered",
    eventTitle: `Werkstatt ${evil}`,
    institutionName: `Kita ${evil}`,
    dates: "3. Dezember 2026",
    link,
    offeredUntil: "5. Dezember 2026, 10:00",
  },
  event_invitation: {
    eventTitle: `Werkstatt ${evil}`,
    networkName: "Netz",
    institutionName: "Kita",
    dates: "3. Dezember 2026",
    quota: 2,
    link,
  },
  delegate_notice: {
    kind: "offered",
    eventTitle: `Werkstatt ${evil}`,
    institutionName: `Kita ${evil}`,
    delegateName: `Jana ${evil}`,
    dates: "3. Dezember 2026",
    offeredUntil: "5. Dezember 2026, 10:00",
    link,
  },
  session_reminder: {
    eventTitle: `Werkstatt ${evil}`,
    sessionTitle: `Termin ${evil}`,
    when: "Do., 10. Dezember 2026, 9:00–12:00 Uhr",
    startsAt: "Do., 10. Dezember 2026, 9:00 Uhr",
    venueName: `Rathaus ${evil}`,
    venueAddress: "Salinenstraße 47, 55543 Bad Kreuznach",
    venueAccessibility: `Aufzug ${evil}`,
    trackTitle: `Forum ${evil}`,
    link,
  },
  quota_reminder: {
    eventTitle: `Werkstatt ${evil}`,
    institutionName: `Kita ${evil}`,
    free: 2,
    quota: 3,
    deadline: "Di., 1. Dezember 2026, 17:00 Uhr",
    link,
  },
  deadline_summary: {
    eventTitle: `Werkstatt ${evil}`,
    handedOn: 4,
    confirmed: 40,
    capacity: 45,
    offered: 1,
    waiting: 3,
    free: 4,
    link,
  },
};

// Mails someone may receive without having asked for them say what to do then.
const unrequested: MailTemplate[] = [
  "sign_in_link",
  "contact_invitation",
  "organiser_invitation",
  "co_organiser_invitation",
  "participant_links",
];

const templates = Object.keys(samples) as MailTemplate[];

describe("renderMail", () => {
  for (const template of templates) {
    for (const locale of ["de", "en"] as const) {
      it(`renders ${template} in ${locale}`, () => {
        const mail = renderMail(template, locale, samples[template] as never);
        expect(mail.subject.trim()).not.toBe("");
        expect(mail.subject).not.toMatch(/[\r\n]/);

        // Plain text carries the raw link; HTML escapes it, in the href and in the text.
        expect(mail.text).toContain(link);
        expect(mail.html).toContain(`href="https://netzwerkstatt.example/anmelden?token=abc&amp;x=&lt;y&gt;"`);
        expect(mail.html).not.toContain("<y>");
        expect(mail.html).not.toContain("<script>");
        expect(mail.html).not.toContain(`"x")`);
        if (template !== "sign_in_link") expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)");

        expect(mail.html).toContain(`<html lang="${locale}">`);
        expect(mail.html).toMatch(/<a href="[^"]+"[^>]*>[^<]+<\/a>/);
        expect(mail.html).not.toMatch(/<img/i);
        // A message signs with what its author wrote; every other mail with the installation's name.
        if (template !== "event_message") {
          expect(mail.text).toContain("NetzWerkstatt");
          expect(mail.html).toContain("NetzWerkstatt");
        }
        if (unrequested.includes(template)) expect(mail.text).toMatch(locale === "de" ? /ignorieren/ : /ignore/);
      });
    }
  }

  it("says how long a link is valid and that it works once", () => {
    const de = renderMail("sign_in_link", "de", { link, expiresMinutes: 15 });
    expect(de.text).toContain("15 Minuten gültig");
    expect(de.text).toContain("nur einmal");
    expect(de.text).toContain("Sie");
    const en = renderMail("contact_invitation", "en", { ...samples.contact_invitation, expiresMinutes: 45 });
    expect(en.text).toContain("valid for 45 minutes");
    expect(en.text).toContain("only once");
  });

  it("speaks formally and inclusively in German", () => {
    const mail = renderMail("participant_links", "de", samples.participant_links);
    expect(mail.text).toContain("Teilnehmer_in");
    expect(mail.text).toContain("Ihre");
    expect(mail.text).toMatch(/Mit freundlichen Grüßen\nNetzWerkstatt$/);
  });
});

describe("reading a mail on a phone", () => {
  it("keeps one column of at most 600 px, 16 px text, and the action as a button with the address beside", () => {
    for (const template of templates) {
      const mail = renderMail(template, "de", samples[template] as never);
      expect(mail.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(mail.html).toContain('<div style="max-width: 600px; margin: 0 auto; padding: 16px;">');
      expect(mail.html).toMatch(/<body style="[^"]*font-size: 16px;/);
      // Every link is either underlined or a filled button, never just coloured text.
      for (const [, style] of mail.html.matchAll(/<a href="[^"]+" style="([^"]*)"/g))
        expect(style).toMatch(
          /text-decoration: underline|display: inline-block; padding: 12px 20px; background: #1a4f8b; color: #ffffff/,
        );
      // The layout's own links all say how they look (links in a message's text keep the client's underline).
      if (template !== "event_message")
        expect(mail.html.match(/<a /g)?.length).toBe(mail.html.match(/<a href="[^"]+" style="/g)?.length);
    }
    const mail = renderMail("feedback_invitation", "en", samples.feedback_invitation);
    expect(mail.html).toMatch(
      /<p style="margin: 24px 0;"><a href="[^"]+" style="display: inline-block;[^"]*">Give feedback<\/a><\/p>/,
    );
    // The bare address too, breakable so that a long link does not widen the page.
    expect(mail.html).toContain(
      '<p style="font-size: 14px; color: #444444; word-break: break-all;">https://netzwerkstatt.example/anmelden?token=abc&amp;x=&lt;y&gt;</p>',
    );
  });
});

describe("a network's mail", () => {
  const brand = {
    networkName: `Kinderschutzcluster 9 ${evil}`,
    senderName: "Netzwerkkoordination Bad Kreuznach",
    logoUrl: "https://netzwerkstatt.example/api/networks/net-kc9/logo?v=ab12&x=<y>",
  };

  it("shows the network's logo and name above the text and signs with its sender name", () => {
    for (const locale of ["de", "en"] as const) {
      const mail = renderMail("co_organiser_invitation", locale, samples.co_organiser_invitation, brand);
      expect(mail.html).toContain(
        '<img src="https://netzwerkstatt.example/api/networks/net-kc9/logo?v=ab12&amp;x=&lt;y&gt;" alt="Kinderschutzcluster 9 &lt;script&gt;',
      );
      expect(mail.html.indexOf("<img")).toBeLessThan(mail.html.indexOf("<main>"));
      expect(mail.html).toContain("<br>\nNetzwerkkoordination Bad Kreuznach</p>");
      expect(mail.text.endsWith("\nNetzwerkkoordination Bad Kreuznach")).toBe(true);
      expect(mail.text).not.toContain("NetzWerkstatt");
    }
  });

  it("signs with the network's name when it has no sender name, and shows no image without a logo", () => {
    const mail = renderMail("event_invitation", "de", samples.event_invitation, {
      networkName: "Frühe Hilfen Leipzig",
      senderName: "",
      logoUrl: null,
    });
    expect(mail.html).not.toMatch(/<img/i);
    expect(mail.html).toContain("Frühe Hilfen Leipzig</p>\n</header>");
    expect(mail.text.endsWith("Mit freundlichen Grüßen\nFrühe Hilfen Leipzig")).toBe(true);
  });
});

describe("a message's mail", () => {
  const brand = { networkName: "Kinderschutzcluster 9", senderName: "Netzwerkkoordination", logoUrl: null };
  const params = {
    ...samples.event_message,
    text: `Guten Tag Petra Pohl,\n\nIhr Link: https://netzwerkstatt.example/teilnahme#t=${"a".repeat(60)}\n\nViele Grüße\nAnna`,
  };

  it("greets and signs off only as its author wrote, and keeps the footer and the network's header", () => {
    for (const locale of ["de", "en"] as const) {
      const mail = renderMail("event_message", locale, params, brand);
      expect(mail.text.match(/Guten Tag|Hello,/g)).toEqual(["Guten Tag"]);
      expect(mail.text).toMatch(/^Guten Tag Petra Pohl,/);
      expect(mail.text).not.toMatch(/Mit freundlichen Grüßen|Kind regards/);
      expect(mail.html.match(/Guten Tag|Hello,/g)).toEqual(["Guten Tag"]);
      expect(mail.html).not.toMatch(/Mit freundlichen Grüßen|Kind regards/);
      expect(mail.text).toMatch(
        locale === "de" ? /weil Sie zu dieser Veranstaltung angemeldet sind\.$/ : /registered for this event\.$/,
      );
      expect(mail.html).toContain('<p style="font-weight: bold; font-size: 18px;">Kinderschutzcluster 9</p>');
    }
  });

  it("lets a long address in the text break instead of widening the mail", () => {
    const mail = renderMail("event_message", "de", params, brand);
    expect(mail.html).toMatch(
      /<div style="overflow-wrap: anywhere; word-break: break-word;">\n<p>Guten Tag Petra Pohl,<\/p>[\s\S]*teilnahme#t=a{60}<\/a><\/p>/,
    );
  });
});

describe("fromHeader", () => {
  it("puts the sender name before the installation's address, never breaking the header", () => {
    expect(fromHeader("netzwerkstatt@example.org", "Netzwerkkoordination Bad Kreuznach")).toBe(
      '"Netzwerkkoordination Bad Kreuznach" <netzwerkstatt@example.org>',
    );
    expect(fromHeader("NetzWerkstatt <noreply@example.org>", 'Jugendamt "Nord"\r\nBcc: x@y')).toBe(
      '"Jugendamt Nord Bcc: x@y" <noreply@example.org>',
    );
    expect(fromHeader("netzwerkstatt@example.org", "")).toBe("netzwerkstatt@example.org");
    expect(fromHeader("netzwerkstatt@example.org", null)).toBe("netzwerkstatt@example.org");
  });
});

describe("formatDuration", () => {
  it("uses whole hours and days where they fit", () => {
    expect(formatDuration(1, "de")).toBe("1 Minute");
    expect(formatDuration(15, "de")).toBe("15 Minuten");
    expect(formatDuration(90, "en")).toBe("90 minutes");
    expect(formatDuration(60, "de")).toBe("1 Stunde");
    expect(formatDuration(1440, "en")).toBe("1 day");
    expect(formatDuration(7 * 1440, "de")).toBe("7 Tage");
  });
});

describe("retryDelayMs", () => {
  it("grows with each failed attempt and is bounded", () => {
    const delays = Array.from({ length: MAX_MAIL_ATTEMPTS + 3 }, (_, i) => retryDelayMs(i + 1));
    expect(delays[0]).toBe(60_000);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]);
    expect(delays[4]).toBeGreaterThan(delays[0]);
    expect(Math.max(...delays)).toBe(4 * 60 * 60_000);
    expect(retryDelayMs(1000)).toBe(4 * 60 * 60_000);
    expect(retryDelayMs(0)).toBe(60_000);
  });
});

describe("what the registration mails promise", () => {
  const update = (kind: ParamsOf<"registration_update">["kind"], locale: "de" | "en" = "de") =>
    renderMail("registration_update", locale, { ...samples.registration_update, kind }).text;

  it("promises a ticket only with a confirmed place, not on the waiting list or with an open offer", () => {
    for (const kind of ["confirmed", "promoted"] as const) {
      expect(update(kind)).toContain("Ticket (QR-Code)");
      expect(update(kind, "en")).toContain("ticket (QR code)");
    }
    expect(update("waitlisted")).not.toMatch(/finden Sie Ihr Ticket/);
    expect(update("waitlisted")).toContain("Ein Ticket erhalten Sie, sobald Ihr Platz bestätigt ist");
    expect(update("waitlisted", "en")).not.toMatch(/has your ticket/);
    expect(update("offered")).toContain("danach finden Sie dort Ihr Ticket");
  });

  it("names the quota deadline in the invitation", () => {
    const mail = renderMail("event_invitation", "de", {
      ...samples.event_invitation,
      quotaDeadline: "Mo., 21. Dezember 2026, 18:00 Uhr",
    });
    expect(mail.text).toContain("Die Reservierung gilt bis zur Kontingentfrist am Mo., 21. Dezember 2026, 18:00 Uhr.");
    const en = renderMail("event_invitation", "en", {
      ...samples.event_invitation,
      quotaDeadline: "Mon, 21 December 2026, 18:00",
    });
    expect(en.text).toContain("until the quota deadline, Mon, 21 December 2026, 18:00.");
  });
});
