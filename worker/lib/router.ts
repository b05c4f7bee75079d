import { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import type { AppEnv, Locale } from "../env";
import { ApiError, type FieldError, localeOf } from "./problem";
import { type UnsafeText, unsafeTextMessages } from "./schemas";
import { securityOf } from "./security";

const locales = { de: z.locales.de(), en: z.locales.en() };

const typeNames: Record<Locale, Record<string, string>> = {
  de: { string: "Text", number: "Zahl", int: "ganze Zahl", boolean: "Ja/Nein", object: "Objekt", array: "Liste" },
  en: { string: "text", number: "number", int: "whole number", boolean: "yes/no", object: "object", array: "list" },
};

/** Zod's finalized issues lack the input, so a missing field is worded here rather than as "received undefined". */
export function fieldErrors(error: z.ZodError, locale: Locale): FieldError[] {
  return error.issues.map((issue) => {
    let message: string;
    const unsafe = issue.code === "custom" ? (issue.params?.unsafeText as UnsafeText | undefined) : undefined;
    if (unsafe) {
      return {
        path: issue.path.join(".") || "(root)",
        code: "unsafe_text",
        message: unsafeTextMessages[locale][unsafe],
      };
    }
    if (issue.code === "invalid_type") {
      const expected = typeNames[locale][issue.expected] ?? issue.expected;
      message = locale === "de" ? `Ungültige Eingabe: erwartet ${expected}` : `Invalid input: expected ${expected}`;
    } else {
      // `any`: the locale accepts raw issues, a superset of finalized ones
      const localized = locales[locale].localeError(issue as any);
      message = typeof localized === "string" ? localized : (localized?.message ?? issue.message);
    }
    return { path: issue.path.join(".") || "(root)", code: issue.code, message };
  });
}

/**
 * Every resource is a chained sub-app made here, so that a failed zod parse of
 * any input (path, query, header, body) becomes the same problem response, and
 * so that every operation documents its `security` from the guards it runs
 * (lib/security.ts) unless the route states its own.
 */
export const createRouter = () => {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) throw new ApiError("validation_failed", fieldErrors(result.error, localeOf(c)));
    },
  });
  const register = router.openapi;
  router.openapi = ((route, handler, hook) =>
    register({ ...route, security: route.security ?? securityOf(route) }, handler, hook)) as typeof register;
  return router;
};
