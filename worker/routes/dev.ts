import { createRoute, z } from "@hono/zod-openapi";
import { mailboxMessages, outboxStatuses } from "../db/mailbox";
import { runJobs } from "../jobs";
import { d1MeterReading } from "../lib/d1-meter";
import { DEFAULT_MAIL_FROM, fromHeader } from "../lib/mail";
import { isLocalDevelopment, publicOrigin } from "../lib/origin";
import { ApiError } from "../lib/problem";
import { createRouter } from "../lib/router";
import { jsonContent, problemResponses } from "../lib/schemas";

const MailboxMessageSchema = z
  .object({
    id: z.string(),
    to: z.string().openapi({ example: "koordination@example.org" }),
    from: z.string().openapi({
      description: "The From header as it would be sent: the network's sender name before the installation's address.",
      example: '"Netzwerkkoordination Bad Kreuznach" <netzwerkstatt@example.org>',
    }),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    template: z.string().openapi({ example: "sign_in_link" }),
    locale: z.enum(["de", "en"]),
    status: z.enum(outboxStatuses),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("MailboxMessage");

const MailboxQuery = z.object({
  to: z
    .string()
    .optional()
    .openapi({ description: "Only messages to this address (exact match).", example: "koordination@example.org" }),
});

const D1MeterSchema = z
  .object({
    available: z
      .boolean()
      .openapi({ description: "False if this runtime's D1 binding could not be metered; the counts are then absent." }),
    queries: z.number().int().optional().openapi({ description: "SQL statements executed (a batch counts each)." }),
    rowsRead: z.number().int().optional(),
    rowsWritten: z.number().int().optional(),
  })
  .openapi("D1MeterReading");

/** Development helpers; every route answers 404 unless DEV_MODE is "true" and the request reached a loopback address. */
export const dev = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/dev/mailbox",
      tags: ["Development"],
      summary: "The newest 100 outbox messages (local development only)",
      description:
        'Only when the worker runs with `DEV_MODE = "true"` (wrangler.toml `[env.dev]`, never deployed) and is reached on a loopback address; otherwise this address does not exist (404). ' +
        "In development no mail leaves the worker: every message is marked sent and can be read here.",
      request: { query: MailboxQuery },
      responses: {
        200: jsonContent(z.object({ items: z.array(MailboxMessageSchema) }), "Messages, newest first"),
        ...problemResponses(400, 404),
      },
    }),
    async (c) => {
      if (!isLocalDevelopment(c.env, c.req.url)) throw new ApiError("not_found");
      const { to } = c.req.valid("query");
      const { messages: rows, senderNames: names } = await mailboxMessages(c.var.db, to);
      const address = c.env.MAIL_FROM ?? DEFAULT_MAIL_FROM;
      return c.json(
        {
          items: rows.map((m) => ({
            id: m.id,
            to: m.toEmail,
            from: fromHeader(address, m.networkId ? names.get(m.networkId) : null),
            subject: m.subject,
            text: m.bodyText,
            html: m.bodyHtml,
            template: m.template,
            locale: m.locale,
            status: m.status,
            createdAt: m.createdAt.toISOString(),
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/dev/d1-meter",
      tags: ["Development"],
      summary: "D1 statements, rows read and rows written so far, for `npm run bench` (local development only)",
      description:
        'Only when the worker runs with `DEV_MODE = "true"` (wrangler.toml `[env.dev]`, never deployed) and is reached on a loopback address; otherwise this address does not exist (404). ' +
        "A development aid for `npm run bench`: it reads the counters before and after a request to learn the " +
        "D1 rows that request read and wrote. The totals cover every request of this worker instance; " +
        "called without a session cookie, this request itself runs no query.",
      responses: {
        200: jsonContent(D1MeterSchema, "The counters, or `available: false` if D1 could not be metered"),
        ...problemResponses(404),
      },
    }),
    (c) => {
      if (!isLocalDevelopment(c.env, c.req.url)) throw new ApiError("not_found");
      return c.json(d1MeterReading(), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/dev/jobs",
      tags: ["Development"],
      summary: "Runs the periodic jobs now, as the cron would (local development only)",
      description:
        'Only when the worker runs with `DEV_MODE = "true"` and is reached on a loopback address; otherwise 404. ' +
        "Local `wrangler dev` cannot trigger the cron of a worker with static assets (cloudflare/workers-sdk#9882), " +
        "so this runs the same jobs: allocation at quota deadlines and lapsed offers, reminders, feedback invitations, " +
        "the queue's stalled parts, the outbox, retention. `at` runs them as if it were that moment (for reminders ahead). " +
        "Mails that go through the queue arrive in the dev mailbox a moment after the answer.",
      request: {
        body: {
          required: false,
          content: {
            "application/json": {
              schema: z.object({
                at: z.iso.datetime({ offset: true }).optional().openapi({
                  description: "The moment the jobs run as; default now.",
                  example: "2027-03-08T07:00:00Z",
                }),
              }),
            },
          },
        },
      },
      responses: {
        200: jsonContent(
          z.object({ at: z.string(), jobs: z.record(z.string(), z.unknown()) }),
          "What each job did, or the error it ended with",
        ),
        ...problemResponses(400, 404),
      },
    }),
    async (c) => {
      if (!isLocalDevelopment(c.env, c.req.url)) throw new ApiError("not_found");
      const { at } = c.req.valid("json") ?? {};
      const now = at ? new Date(at) : new Date();
      return c.json({ at: now.toISOString(), jobs: await runJobs(c.env, now, publicOrigin(c.env, c.req.url)) }, 200);
    },
  );
