// How each operation is authorised, as the OpenAPI document states it. The
// statement is derived from what the route really runs — the guards in its
// `middleware` and the token headers it validates — so that it cannot drift
// from the code; createRouter() (lib/router.ts) writes it into every route.
import type { MiddlewareHandler } from "hono";
import type { z } from "zod";
import { SESSION_COOKIE } from "./auth";

export const PARTICIPANT_TOKEN_HEADER = "x-participant-token";
export const FEEDBACK_TOKEN_HEADER = "x-feedback-token";

export const securitySchemes = {
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description:
      "The session of a signed-in account (organiser or institution contact), set by `POST /api/auth/sessions`. " +
      "Writes that carry it must come from the app's own origin (CSRF check).",
  },
  participantToken: {
    type: "apiKey",
    in: "header",
    name: PARTICIPANT_TOKEN_HEADER,
    description: "The token of a participant's personal link (`/teilnahme#t=…`); participants have no account.",
  },
  feedbackToken: {
    type: "apiKey",
    in: "header",
    name: FEEDBACK_TOKEN_HEADER,
    description: "The token of the feedback link mailed when a session ended.",
  },
} as const;

type Scheme = keyof typeof securitySchemes;
/** OpenAPI semantics: a list of alternatives; each alternative needs all its schemes; `{}` is "anonymous is fine". */
export type SecurityRequirement = Partial<Record<Scheme, string[]>>[];

export const SESSION_REQUIRED: SecurityRequirement = [{ sessionCookie: [] }];
/** Anyone may call; a session changes what is seen (e.g. drafts for organisers). */
export const SESSION_OPTIONAL: SecurityRequirement = [{}, { sessionCookie: [] }];

const declared = new WeakMap<MiddlewareHandler, SecurityRequirement>();

/** Marks a guard with the requirement it enforces; returns the guard. */
export function declareSecurity<M extends MiddlewareHandler<any>>(guard: M, requirement: SecurityRequirement): M {
  declared.set(guard as MiddlewareHandler, requirement);
  return guard;
}

/** Both requirements at once: every pair of alternatives, merged. */
function both(a: SecurityRequirement, b: SecurityRequirement): SecurityRequirement {
  const merged = a.flatMap((x) => b.map((y) => ({ ...x, ...y })));
  const seen = new Set<string>();
  return merged.filter((alt) => {
    const key = Object.keys(alt).sort().join(",");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function fromHeaders(headers: unknown): SecurityRequirement {
  const shape = (headers as z.ZodObject | undefined)?.shape as Record<string, z.ZodType> | undefined;
  if (!shape) return [{}];
  const tokens: [string, Scheme][] = [
    [PARTICIPANT_TOKEN_HEADER, "participantToken"],
    [FEEDBACK_TOKEN_HEADER, "feedbackToken"],
  ];
  const present = tokens.filter(([header]) => shape[header]);
  if (present.length === 0) return [{}];
  const alternatives: SecurityRequirement = present.map(([, scheme]) => ({ [scheme]: [] }));
  // Optional token headers: the route also serves callers without any (e.g. by ticket code).
  const optional = present.every(([header]) => shape[header].safeParse(undefined).success);
  return optional ? [...alternatives, {}] : alternatives;
}

/**
 * The requirement of a route: what its guards declare, and with it the token
 * headers it reads. A guard without a declaration fails loudly, so that a new
 * guard cannot silently document its route as public.
 */
export function securityOf(route: { middleware?: unknown; request?: { headers?: unknown } }): SecurityRequirement {
  const middleware = (
    Array.isArray(route.middleware) ? route.middleware : route.middleware ? [route.middleware] : []
  ) as MiddlewareHandler[];
  let requirement: SecurityRequirement = fromHeaders(route.request?.headers);
  for (const guard of middleware) {
    const own = declared.get(guard);
    if (!own) throw new Error(`middleware ${guard.name || "(anonymous)"} declares no security requirement`);
    requirement = both(requirement, own);
  }
  // Only anonymous access: OpenAPI writes that as an empty list.
  return requirement.length === 1 && Object.keys(requirement[0]).length === 0 ? [] : requirement;
}
