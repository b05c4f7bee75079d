// Rules for setting up networks on an installation: their slugs (the first
// segment of the network's web addresses) and who runs the installation.

/** Top-level paths of the web app: a network's slug must never shadow one of them. */
export const RESERVED_SLUGS: readonly string[] = [
  "anmelden",
  "konto",
  "teilnahme",
  "rueckmeldung",
  "dev",
  "api",
  "api-referenz",
  "betrieb",
  "assets",
  "datenschutz",
  "netzwerke",
  "hilfe",
  "impressum",
];

export const SLUG_MIN = 3;
export const SLUG_MAX = 60;

/**
 * A slug for a network's name: German transliteration (ä → ae, ß → ss), other
 * accents dropped, everything else but letters and digits becomes one hyphen.
 * The result may still break the rules (too short, reserved): check it with `slugProblem`.
 */
export function slugFromName(name: string): string {
  const slug = name
    .normalize("NFC")
    .toLocaleLowerCase("de")
    .replaceAll("ß", "ss")
    .replaceAll("ä", "ae")
    .replaceAll("ö", "oe")
    .replaceAll("ü", "ue")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  // Cut at the limit without leaving a hyphen at the end.
  return slug.slice(0, SLUG_MAX).replace(/-+$/, "");
}

export type SlugProblem = "invalid" | "reserved";

/** Why a slug cannot be used (leaving aside whether it is taken), or null if it can. */
export function slugProblem(slug: string): SlugProblem | null {
  if (slug.length < SLUG_MIN || slug.length > SLUG_MAX) return "invalid";
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return "invalid";
  if (RESERVED_SLUGS.includes(slug)) return "reserved";
  return null;
}

/** The operators' addresses from the comma-separated configuration value, lower-cased. */
export function operatorEmails(configured: string | undefined): string[] {
  return (configured ?? "")
    .split(",")
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e.includes("@"));
}

export const isOperatorEmail = (configured: string | undefined, email: string) =>
  operatorEmails(configured).includes(email.trim().toLowerCase());
