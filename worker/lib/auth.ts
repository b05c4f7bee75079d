import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Db } from "../db/client";
import { eventContextOf, eventContextQuery, loadEventContext } from "../db/event-context";
import { accounts, authSessions, roles, signInTokens } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "./problem";

export const SESSION_COOKIE = "__Host-nw_session";
export const SESSION_DAYS = 30;
export const SIGN_IN_LINK_MINUTES = 15;

export type Role = { role: "organiser" | "institution_contact"; networkId: string; institutionId: string | null };
export type Auth = { accountId: string; sessionId: string; email: string; roles: Role[] };

/** 256 random bits, URL-safe: unguessable tokens for links and sessions. */
export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** Tokens are stored only as this hash: a leaked database opens no account. */
export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function setSessionCookie(c: Context<AppEnv>, token: string, expires: Date) {
  setCookie(c, SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    secure: true,
    sameSite: "Lax",
    expires,
  });
}

export const clearSessionCookie = (c: Context<AppEnv>) => deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });

/** One statement for session, account and roles (it runs before every signed-in request). */
const authQuery = (db: Db, tokenHash: string, now: Date) =>
  db
    .select({
      // Aliased: in a D1 batch, columns of one name (the two ids) would collapse (event-context.ts).
      sessionId: sql<string>`${authSessions.id}`.as("session_id"),
      accountId: sql<string>`${accounts.id}`.as("account_id"),
      email: accounts.email,
      role: roles.role,
      networkId: roles.networkId,
      institutionId: roles.institutionId,
    })
    .from(authSessions)
    .innerJoin(accounts, eq(accounts.id, authSessions.accountId))
    .leftJoin(roles, eq(roles.accountId, accounts.id))
    .where(and(eq(authSessions.tokenHash, tokenHash), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, now)));

function authOf(rows: Awaited<ReturnType<typeof authQuery>>): Auth | null {
  const [first] = rows;
  if (!first) return null;
  return {
    sessionId: first.sessionId,
    accountId: first.accountId,
    email: first.email,
    roles: rows.flatMap((r) =>
      r.role && r.networkId ? [{ role: r.role, networkId: r.networkId, institutionId: r.institutionId }] : [],
    ),
  };
}

export async function loadAuth(db: Db, token: string, now: Date): Promise<Auth | null> {
  return authOf(await authQuery(db, await hashToken(token), now));
}

/** `/api/events/{eventId}` and everything under it: the event its guard will want. */
const EVENT_PATH = /^\/api\/events\/([^/]+)/;

/**
 * The session and, on an event's routes, the event with its mail context: one round trip
 * for both, since nearly every such request needs the two before it can do anything else.
 */
async function loadRequestContext(db: Db, token: string | undefined, eventId: string | undefined, now: Date) {
  const tokenHash = token ? await hashToken(token) : undefined;
  if (tokenHash && eventId) {
    const [authRows, eventRows] = await db.batch([authQuery(db, tokenHash, now), eventContextQuery(db, eventId)]);
    return { auth: authOf(authRows), event: eventContextOf(eventRows) };
  }
  if (tokenHash) return { auth: authOf(await authQuery(db, tokenHash, now)), event: undefined };
  return { auth: null, event: eventId ? await loadEventContext(db, eventId) : undefined };
}

/** Reads the session cookie; routes decide what a missing session means. */
export const sessionMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  const eventId = EVENT_PATH.exec(c.req.path)?.[1];
  const { auth, event } = await loadRequestContext(c.var.db, token, eventId && decodeURIComponent(eventId), new Date());
  c.set("auth", auth);
  if (event !== undefined) c.set("eventContext", event);
  await next();
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF: a write that carries the session cookie must come from our own pages.
 * Browsers always send Origin on such requests (and Sec-Fetch-Site); a forged
 * cross-site form or fetch cannot fake them. Together with SameSite=Lax.
 */
export const csrfMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method) && getCookie(c, SESSION_COOKIE)) {
    const origin = c.req.header("origin");
    const site = c.req.header("sec-fetch-site");
    const ownOrigin = new URL(c.req.url).origin;
    const sameOrigin = origin ? origin === ownOrigin : site === "same-origin";
    if (!sameOrigin) throw new ApiError("csrf_failed");
  }
  await next();
};

export const isOrganiserOf = (auth: Auth | null, networkId: string) =>
  auth?.roles.some((r) => r.role === "organiser" && r.networkId === networkId) ?? false;

export const isContactOf = (auth: Auth | null, institutionId: string) =>
  auth?.roles.some((r) => r.role === "institution_contact" && r.institutionId === institutionId) ?? false;

export function requireAuth(c: Context<AppEnv>): Auth {
  const auth = c.get("auth");
  if (!auth) throw new ApiError("unauthenticated");
  return auth;
}

/** A new single-use sign-in link: the URL to mail, and its token row for the same `db.batch`. */
export async function newSignInLink(db: Db, accountId: string, origin: string, now: Date) {
  const token = randomToken();
  return {
    link: `${origin}/anmelden/bestaetigen#token=${token}`,
    insert: db.insert(signInTokens).values({
      tokenHash: await hashToken(token),
      accountId,
      expiresAt: new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000),
      createdAt: now,
    }),
  };
}
