import { createRoute, z } from "@hono/zod-openapi";
import type { Db } from "../db/client";
import { ensureOperatorAccount } from "../db/operator";
import { accountWithRoles, activeSessions, endAllSessions, endSession } from "../db/sessions";
import { mailSignInLinks, signInWithToken } from "../db/sign-in";
import { isOperatorEmail } from "../domain/networks";
import { clearSessionCookie, hashToken, normaliseEmail, requireAuth, setSessionCookie } from "../lib/auth";
import { signedIn } from "../lib/guards";
import { afterResponse, deliverOutbox, writtenMailIds } from "../lib/mail";
import { requirePublicOrigin } from "../lib/origin";
import { ApiError, localeOf } from "../lib/problem";
import { clientKey, linkRequestAllowed, mayMailAddress } from "../lib/rate-limit";
import { createRouter } from "../lib/router";
import { idParam, jsonContent, problemResponses } from "../lib/schemas";

const RoleSchema = z.object({
  role: z.enum(["organiser", "institution_contact"]),
  network: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  institution: z.object({ id: z.string(), name: z.string() }).nullable(),
});

const MeSchema = z
  .object({
    account: z.object({ id: z.string(), email: z.string(), displayName: z.string(), locale: z.enum(["de", "en"]) }),
    roles: z.array(RoleSchema),
    operator: z.boolean().openapi({ description: "Whether the account runs the installation (`OPERATOR_EMAILS`)" }),
  })
  .openapi("Me");

const SessionSchema = z
  .object({
    id: z.string(),
    userAgent: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string().nullable(),
    expiresAt: z.string(),
    current: z.boolean(),
  })
  .openapi("AuthSession");

const LinkRequestSchema = z
  .object({
    email: z.email().max(254).openapi({ example: "koordination@kinderschutz-bad-kreuznach.example" }),
    locale: z.enum(["de", "en"]).optional(),
  })
  .openapi("SignInLinkRequest");

const WINDOW_MS = 15 * 60_000;
/** Requests for one address from one client, and from one client for any address, in 15 minutes. */
const PER_ADDRESS = 5;
const PER_CLIENT = 30;
/** Mails to one address in 15 minutes, whoever asks: earlier links stay valid, so nobody is locked out by it. */
const MAILS_PER_ADDRESS = 10;
/** A limit from the environment (the browser tests sign in more often than people do), else the default. */
const limit = (configured: string | undefined, fallback: number) => Number(configured) || fallback;

async function me(db: Db, accountId: string, operatorEmails: string | undefined) {
  const held = await accountWithRoles(db, accountId);
  return { ...held, operator: isOperatorEmail(operatorEmails, held.account.email) };
}

export const auth = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/sign-in-links",
      tags: ["Auth"],
      summary: "Send a sign-in link by e-mail",
      description:
        "Always answers 202 with the same body, in the same way and time, whether or not the address is known: " +
        "what the address is (account, participant, unknown) is looked up only after the answer. Accounts get a " +
        "single-use sign-in link valid 15 minutes; participants without an account get new personal links to their " +
        "registrations, and their earlier links keep working until they use a new one. Rate-limited per address and " +
        "client together, and per client, so that nobody can lock another person out; at most " +
        `${MAILS_PER_ADDRESS} mails per address in 15 minutes, whoever asks.`,
      request: { body: { content: { "application/json": { schema: LinkRequestSchema } }, required: true } },
      responses: {
        202: jsonContent(z.object({ status: z.literal("sent") }), "If the address is known, a mail is on its way"),
        ...problemResponses(400, 429, 503),
      },
    }),
    async (c) => {
      const db = c.var.db;
      const now = new Date();
      const body = c.req.valid("json");
      const email = normaliseEmail(body.email);
      const locale = body.locale ?? localeOf(c);
      const origin = requirePublicOrigin(c.env, c.req.url);
      // The client is counted under a keyed, daily-changing hash: no IP address is stored.
      const client = await clientKey(c.req.header("cf-connecting-ip") ?? "local", c.env.RATE_LIMIT_SECRET, now);
      const request = { scope: "sign-in", address: await hashToken(email), client };
      const limits = {
        perAddressAndClient: limit(c.env.SIGN_IN_LINKS_PER_ADDRESS, PER_ADDRESS),
        perClient: limit(c.env.SIGN_IN_LINKS_PER_CLIENT, PER_CLIENT),
        mailsPerAddress: limit(c.env.SIGN_IN_MAILS_PER_ADDRESS, MAILS_PER_ADDRESS),
        windowMs: WINDOW_MS,
      };
      if (!(await linkRequestAllowed(db, request, limits, now))) throw new ApiError("rate_limited");
      afterResponse(
        c,
        "sign-in links",
        (async () => {
          if (!(await mayMailAddress(db, request, limits, now))) return;
          // An operator may not have an account yet.
          if (isOperatorEmail(c.env.OPERATOR_EMAILS, email)) await ensureOperatorAccount(db, email, now);
          const kind = await mailSignInLinks(db, { email, locale, origin, now });
          if (kind !== "unknown") await deliverOutbox(c.env, db, now, 25, writtenMailIds());
        })(),
      );
      return c.json({ status: "sent" as const }, 202);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/sessions",
      tags: ["Auth"],
      summary: "Sign in with the token from a sign-in link",
      description: "Uses the token up; sets the session cookie (HttpOnly, Secure, SameSite=Lax).",
      request: {
        body: {
          content: { "application/json": { schema: z.object({ token: z.string().min(20).max(200) }) } },
          required: true,
        },
      },
      responses: { 201: jsonContent(MeSchema, "Signed in"), ...problemResponses(400) },
    }),
    async (c) => {
      const db = c.var.db;
      const now = new Date();
      const session = await signInWithToken(
        db,
        c.req.valid("json").token,
        (c.req.header("user-agent") ?? "").slice(0, 300),
        now,
      );
      if (!session) throw new ApiError("sign_in_link_invalid");
      const { accountId, sessionToken, expiresAt } = session;
      setSessionCookie(c, sessionToken, expiresAt);
      return c.json(await me(db, accountId, c.env.OPERATOR_EMAILS), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/auth/me",
      tags: ["Auth"],
      summary: "The signed-in account and its roles",
      middleware: [signedIn] as const,
      responses: { 200: jsonContent(MeSchema, "Signed in"), ...problemResponses(401) },
    }),
    async (c) => c.json(await me(c.var.db, requireAuth(c).accountId, c.env.OPERATOR_EMAILS), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/auth/session",
      tags: ["Auth"],
      summary: "Who is signed in, if anyone",
      description: "For pages that work with and without sign-in: answers 200 with `me: null` for visitors.",
      responses: { 200: jsonContent(z.object({ me: MeSchema.nullable() }), "The account, or null") },
    }),
    async (c) => {
      const auth = c.get("auth");
      return c.json({ me: auth ? await me(c.var.db, auth.accountId, c.env.OPERATOR_EMAILS) : null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/auth/sessions",
      tags: ["Auth"],
      summary: "The account's active sessions (devices)",
      middleware: [signedIn] as const,
      responses: {
        200: jsonContent(z.object({ items: z.array(SessionSchema) }), "Active sessions"),
        ...problemResponses(401),
      },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const rows = await activeSessions(c.var.db, auth.accountId, new Date());
      const items = rows
        .map((s) => ({
          id: s.id,
          userAgent: s.userAgent,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt?.toISOString() ?? null,
          expiresAt: s.expiresAt.toISOString(),
          current: s.id === auth.sessionId,
        }))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/auth/sessions/{sessionId}",
      tags: ["Auth"],
      summary: "Sign out one session; `current` signs out this device",
      middleware: [signedIn] as const,
      request: { params: idParam("sessionId") },
      responses: {
        200: jsonContent(z.object({ status: z.literal("signed_out") }), "Session ended"),
        ...problemResponses(401, 404),
      },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const { sessionId } = c.req.valid("param");
      const id = sessionId === "current" ? auth.sessionId : sessionId;
      if (!(await endSession(c.var.db, auth.accountId, id, new Date()))) throw new ApiError("session_not_found");
      if (id === auth.sessionId) clearSessionCookie(c);
      return c.json({ status: "signed_out" as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/auth/sessions",
      tags: ["Auth"],
      summary: "Sign out everywhere: ends every session of the account",
      middleware: [signedIn] as const,
      responses: {
        200: jsonContent(z.object({ status: z.literal("signed_out"), ended: z.number().int() }), "All sessions ended"),
        ...problemResponses(401),
      },
    }),
    async (c) => {
      const auth = requireAuth(c);
      const ended = await endAllSessions(c.var.db, auth.accountId, new Date());
      clearSessionCookie(c);
      return c.json({ status: "signed_out" as const, ended }, 200);
    },
  );
