// How a mail's blocks (mail-templates.ts) become its subject, plain text and HTML: one column
// a phone can read, the network's name (and logo) above, its sender name as the signature.
import { plainTextToHtml } from "../domain/message-text";
import type { MailBrand, MailLocale, MailTemplate, ParamsOf, RenderedMail } from "./mail";
import { type Block, type Draft, drafts, oneLine } from "./mail-templates";

const escapeHtml = (value: string) =>
  value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");

const greeting = { de: "Guten Tag,", en: "Hello," } as const;
const closing = { de: "Mit freundlichen Grüßen\nNetzWerkstatt", en: "Kind regards,\nNetzWerkstatt" } as const;

const closingFor = (locale: MailLocale, brand?: MailBrand) => {
  const signature = brand ? oneLine(brand.senderName || brand.networkName) : "";
  return signature ? `${locale === "de" ? "Mit freundlichen Grüßen" : "Kind regards,"}\n${signature}` : closing[locale];
};

const blockText = (block: Block) => {
  switch (block.kind) {
    case "p":
      return block.text;
    case "link":
      return block.href;
    case "links":
      return block.items.map((i) => `${i.label}:\n${i.href}`).join("\n\n");
    case "text":
      return block.text.trim();
  }
};

// Colours with contrast well above WCAG AA on white (links and the button about 8.3:1,
// secondary text 9.7:1); sizes in px, which mail clients honour more reliably than rem.
const LINK_COLOUR = "#1a4f8b";
const anchor = (label: string, href: string) =>
  `<a href="${escapeHtml(href)}" style="color: ${LINK_COLOUR}; text-decoration: underline;">${escapeHtml(label)}</a>`;

/** The one action of a mail as a button a thumb can hit; a link underneath, and the bare address for clients without links. */
const button = (label: string, href: string) =>
  `<a href="${escapeHtml(href)}" style="display: inline-block; padding: 12px 20px; background: ${LINK_COLOUR}; ` +
  `color: #ffffff; font-weight: bold; text-decoration: none; border-radius: 6px;">${escapeHtml(label)}</a>`;

const blockHtml = (block: Block) => {
  switch (block.kind) {
    case "p":
      return `<p>${escapeHtml(block.text)}</p>`;
    case "link":
      // The bare address as well, for clients that do not render links.
      return `<p style="margin: 24px 0;">${button(block.label, block.href)}</p>\n<p style="font-size: 14px; color: #444444; word-break: break-all;">${escapeHtml(block.href)}</p>`;
    case "links":
      return `<ul>\n${block.items.map((i) => `<li>${anchor(i.label, i.href)}</li>`).join("\n")}\n</ul>`;
    case "text":
      // Someone's text may hold a long address ({Link}): let it break rather than widen the mail on a phone.
      return `<div style="overflow-wrap: anywhere; word-break: break-word;">\n${plainTextToHtml(block.text)}\n</div>`;
  }
};

/** Subject, plain text and a simple accessible HTML body for one template in one language. */
export function renderMail<T extends MailTemplate>(
  template: T,
  locale: MailLocale,
  params: ParamsOf<T>,
  brand?: MailBrand,
): RenderedMail {
  const draft = (drafts[template] as (locale: MailLocale, params: ParamsOf<T>) => Draft)(locale, params);
  const subject = oneLine(draft.subject);
  const signature = draft.authorGreets ? null : closingFor(locale, brand);
  const opening = draft.authorGreets ? null : greeting[locale];
  const text = [opening, ...draft.blocks.map(blockText), signature].filter((part) => part !== null).join("\n\n");
  // The network first: its logo (described by its name, for screen readers and blocked images) and name.
  const header = brand
    ? [
        '<header style="margin-bottom: 1.5em;">',
        brand.logoUrl
          ? `<p><img src="${escapeHtml(brand.logoUrl)}" alt="${escapeHtml(brand.networkName)}" height="48" style="height: 48px; width: auto;"></p>`
          : "",
        `<p style="font-weight: bold; font-size: 18px;">${escapeHtml(brand.networkName)}</p>`,
        "</header>",
      ].filter(Boolean)
    : [];
  const html = [
    "<!doctype html>",
    `<html lang="${locale}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title>`,
    "</head>",
    '<body style="margin: 0; padding: 0; background: #ffffff; font-family: sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a;">',
    // One column of at most 600 px: a line length that reads on a desktop, the full width on a phone.
    '<div style="max-width: 600px; margin: 0 auto; padding: 16px;">',
    ...header,
    "<main>",
    ...(opening ? [`<p>${escapeHtml(opening)}</p>`] : []),
    ...draft.blocks.map(blockHtml),
    ...(signature ? [`<p>${signature.split("\n").map(escapeHtml).join("<br>\n")}</p>`] : []),
    "</main>",
    "</div>",
    "</body>",
    "</html>",
  ].join("\n");
  return { subject, text, html };
}
