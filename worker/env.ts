import type { Db } from "./db/client";
import type { EventContext, EventMailInfo } from "./db/event-context";
import type { Job } from "./db/fan-out";
import type { eventSessions, events, feedbackForms, institutions, networks, registrations } from "./db/schema";
import type { Auth } from "./lib/auth";

export type Bindings = {
  DB: D1Database;
  /** The fan-out queue (wrangler.toml `[[queues.producers]]`); its consumer is worker/queue.ts. */
  JOBS: Queue<Job>;
  ASSETS: Fetcher;
  /** "true" only in local development (wrangler.toml [vars]). */
  DEV_MODE?: string;
  /** Cloudflare e-mail sending binding (production); absent locally. */
  EMAIL?: {
    send(message: { to: string; from: string; subject: string; text: string; html: string }): Promise<unknown>;
  };
  MAIL_FROM?: string;
  /** Where the web app is reached, for links in mails sent outside a request (cron). */
  PUBLIC_ORIGIN?: string;
  /** Sign-in links per address / per client in 15 minutes; defaults 5 and 30. */
  SIGN_IN_LINKS_PER_ADDRESS?: string;
  SIGN_IN_LINKS_PER_CLIENT?: string;
  /** Sign-in mails one address gets in 15 minutes, whoever asks; default 10. */
  SIGN_IN_MAILS_PER_ADDRESS?: string;
  /** The operators of the installation: comma-separated e-mail addresses. They create and suspend networks. */
  OPERATOR_EMAILS?: string;
  /** Secret for the keyed hash under which sign-in requests are counted per client (no IP is stored). */
  RATE_LIMIT_SECRET?: string;
};

export type Locale = "de" | "en";

export type Variables = {
  db: Db;
  requestId: string;
  language: string;
  /** The signed-in account with its roles, or null. */
  auth: Auth | null;
  /** Set by the guards in lib/guards.ts on the routes that use them. */
  network: typeof networks.$inferSelect;
  institution: typeof institutions.$inferSelect;
  event: typeof events.$inferSelect;
  /**
   * The event of an `/api/events/{eventId}/…` path with its network's state and mail context,
   * read with the session (null: no such event); `eventAccess` decides who may see it.
   */
  eventContext: EventContext | null;
  /** What the mails about `event` say (its title, dates, network), set by `eventAccess`. */
  eventMail: EventMailInfo;
  registration: typeof registrations.$inferSelect;
  /** A date of an event (`eventSessionId` path parameter), set by `sessionAccess`. */
  eventSession: typeof eventSessions.$inferSelect;
  /** The feedback form in the `formId` path parameter, set by `feedbackFormAccess`. */
  feedbackForm: typeof feedbackForms.$inferSelect;
};

export type AppEnv = { Bindings: Bindings; Variables: Variables };
