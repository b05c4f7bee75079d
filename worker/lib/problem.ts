import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv, Locale } from "../env";
import { type ProblemCode, problems, problemText } from "./messages";

/** A field error: where, a stable code, and a message in the caller's language. */
export type FieldError = { path: string; code: string; message: string };

/** What one problem says beyond the catalogue: a detail with its facts, and extension members for clients. */
export type ProblemSpecifics = { detail?: Record<Locale, string>; members?: Record<string, string> };

/**
 * The one error the API throws. It carries a stable code from the catalogue;
 * `onError` renders it as RFC 9457 problem details in the caller's language.
 */
export class ApiError extends HTTPException {
  constructor(
    readonly code: ProblemCode,
    readonly errors: FieldError[] = [],
    cause?: unknown,
    readonly specifics: ProblemSpecifics = {},
  ) {
    super(problems[code].status as ContentfulStatusCode, { message: code, cause });
  }
}

export const localeOf = (c: Context<AppEnv>): Locale => (c.get("language") === "en" ? "en" : "de");

export function problemResponse(c: Context<AppEnv>, error: ApiError): Response {
  const locale = localeOf(c);
  const text = problemText(error.code, locale);
  const body = {
    type: `/problems/${error.code.replaceAll("_", "-")}`,
    title: text.title,
    status: error.status,
    detail: error.specifics.detail?.[locale] ?? text.detail,
    code: error.code,
    ...error.specifics.members,
    instance: new URL(c.req.url).pathname,
    requestId: c.get("requestId") ?? "",
    ...(error.errors.length > 0 ? { errors: error.errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: {
      "content-type": "application/problem+json; charset=utf-8",
      "content-language": locale,
      "x-request-id": body.requestId,
    },
  });
}
