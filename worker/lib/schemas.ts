import { z } from "@hono/zod-openapi";
import type { Locale } from "../env";

/** A QR code drawn by the server (worker/lib/qr.ts), so that a page needs no QR library. */
export const QrShapeSchema = z
  .object({
    size: z.number().int().openapi({ description: "Modules per side, the quiet zone included", example: 29 }),
    path: z.string().openapi({
      description: "SVG path data of the dark modules, for a `<path>` in a `0 0 size size` viewBox",
      example: "M4 4h7v1h-7z",
    }),
  })
  .openapi("QrShape");

export const FieldErrorSchema = z.object({
  path: z.string().openapi({ example: "sector" }),
  code: z.string().openapi({ example: "invalid_value" }),
  message: z.string(),
});

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: "/problems/validation-failed" }),
    title: z.string().openapi({ example: "Eingaben unvollständig oder ungültig" }),
    status: z.number().int().openapi({ example: 400 }),
    detail: z.string(),
    code: z.string().openapi({ description: "Stable, machine-readable error code.", example: "validation_failed" }),
    instance: z.string(),
    requestId: z.string(),
    errors: z.array(FieldErrorSchema).optional(),
    opensAt: z.string().optional().openapi({
      format: "date-time",
      description: "`check_in_outside_window`: when check-in at the session opens",
    }),
    closesAt: z.string().optional().openapi({
      format: "date-time",
      description: "`check_in_outside_window`: when check-in at the session closes",
    }),
  })
  .openapi("Problem");

const problemContent = { "application/problem+json": { schema: ProblemSchema } };

/** The error responses a route documents, by status. */
export const problemResponses = (...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503)[]) => {
  const descriptions = {
    400: "Invalid input",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    409: "Conflict with the current state",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Rule violated",
    429: "Too many requests",
    503: "Not set up: the installation lacks a setting (e.g. PUBLIC_ORIGIN)",
  } as const;
  return Object.fromEntries(
    statuses.map((status) => [status, { description: descriptions[status], content: problemContent }]),
  ) as Record<(typeof statuses)[number], { description: string; content: typeof problemContent }>;
};

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

/** A path parameter holding an id; documented under its own name. */
export const idParam = <K extends string>(name: K) =>
  z.object({
    [name]: z
      .string()
      .min(1)
      .max(100)
      .openapi({ param: { name, in: "path" } }),
  } as Record<K, z.ZodString>);

export const InstitutionIdParam = idParam("institutionId");

// ---------------------------------------------------------------------------
// Names and free text

export type UnsafeText = "nul" | "bidi" | "invisible";

// Explicit direction overrides and isolates make a name or text display other than it reads
// ("Kita", U+202E, "txt.exe" shows as "Kitaexe.txt"); typed text never needs them.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
// Characters that show nothing: spaces, controls, format characters (zero-width space, joiners,
// word joiner, soft hyphen, BOM), fillers and blanks that look like an empty name.
const INVISIBLE_ONLY =
  // Combining ones (grapheme joiner, variation selectors) stand apart: a class may not mix them in.
  /^(?:[\p{White_Space}\p{Cc}\p{Cf}\u115F\u1160\u17B4\u17B5\u2800\u3164\uFFA0]|\u034F|\p{Variation_Selector})+$/u;

/** Why a text is refused, or null when it is fine (the empty string is fine; `min` decides on that). */
export function unsafeTextKind(value: string): UnsafeText | null {
  if (value.includes("\u0000")) return "nul";
  if (BIDI_CONTROLS.test(value)) return "bidi";
  if (INVISIBLE_ONLY.test(value)) return "invisible";
  return null;
}

export const unsafeTextMessages: Record<Locale, Record<UnsafeText, string>> = {
  de: {
    nul: "Der Text enthält ein Nullzeichen. Bitte geben Sie ihn erneut ein.",
    bidi: "Der Text enthält unsichtbare Steuerzeichen für die Schreibrichtung. Bitte geben Sie ihn ohne diese ein.",
    invisible: "Der Text besteht nur aus unsichtbaren Zeichen. Bitte geben Sie einen lesbaren Text ein.",
  },
  en: {
    nul: "The text contains a null character. Please type it again.",
    bidi: "The text contains invisible controls for the writing direction. Please enter it without them.",
    invisible: "The text consists of invisible characters only. Please enter readable text.",
  },
};

/**
 * Every name and free text a person types (and others will read): trimmed, at most `max`
 * characters, and refused with a field error `unsafe_text` if it holds NUL, bidi overrides or
 * isolates, or nothing but invisible characters. Chain `.min()` / `.default()` as needed.
 */
export const safeText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .superRefine((value, ctx) => {
      const kind = unsafeTextKind(value);
      if (kind) ctx.addIssue({ code: "custom", message: unsafeTextMessages.en[kind], params: { unsafeText: kind } });
    });
