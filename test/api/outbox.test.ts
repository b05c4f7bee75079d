import { env } from "cloudflare:workers";
import { OpenAPIHono } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { outbox } from "../../worker/db/schema";
import type { AppEnv } from "../../worker/env";
import { deliverOutbox, enqueueMail, MAX_MAIL_ATTEMPTS, type MailEnv, mailInsert } from "../../worker/lib/mail";
import { dev } from "../../worker/routes/dev";
import { api, db, json } from "../helpers";

const t0 = new Date("2026-11-23T09:00:00Z");
const minutes = (n: number) => n * 60_000;

const signIn = (to: string) =>
  ({
    to,
    locale: "de",
    template: "sign_in_link",
    params: { link: `https://netzwerkstatt.example/anmelden?token=${encodeURIComponent(to)}`, expiresMinutes: 15 },
  }) as const;

const row = async (id: string) => (await db().select().from(outbox).where(eq(outbox.id, id)))[0];

/** A stand-in for the send_email binding that records what it was asked to send. */
const fakeBinding = (fail?: (to: string) => boolean) => {
  const calls: { to: string; from: string; subject: string }[] = [];
  const EMAIL: NonNullable<MailEnv["EMAIL"]> = {
    async send(message) {
      await new Promise((resolve) => setTimeout(resolve, 5)); // let concurrent deliverers interleave
      if (fail?.(message.to)) throw new Error(`mailbox ${message.to} unavailable`);
      calls.push({ to: message.to, from: message.from, subject: message.subject });
      return { messageId: crypto.randomUUID() };
    },
  };
  return { EMAIL, calls };
};

/** Production sends only with a configured public origin: the links in its mails are built from it. */
const PUBLIC_ORIGIN = "https://netzwerkstatt.example";

beforeEach(async () => {
  await db().delete(outbox);
});

describe("outbox", () => {
  it("enqueues a rendered pending message, also inside a batch", async () => {
    const id = await enqueueMail(db(), signIn("a@example.org"), t0);
    const mail = await row(id);
    expect(mail).toMatchObject({ status: "pending", attempts: 0, toEmail: "a@example.org", template: "sign_in_link" });
    expect(mail.nextAttemptAt.getTime()).toBe(t0.getTime());
    expect(mail.subject).not.toBe("");
    expect(mail.bodyText).toContain("https://netzwerkstatt.example/anmelden?token=a%40example.org");

    const [[batched]] = await db().batch([mailInsert(db(), { ...signIn("b@example.org"), locale: "en" }, t0)]);
    expect((await row(batched.id)).locale).toBe("en");
  });

  it("in DEV_MODE marks messages sent without sending", async () => {
    const id = await enqueueMail(db(), signIn("dev@example.org"), t0);
    const { EMAIL, calls } = fakeBinding();
    expect(await deliverOutbox({ DEV_MODE: "true", EMAIL }, db(), t0)).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(calls).toHaveLength(0);
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect((await row(id)).sentAt?.getTime()).toBe(t0.getTime());
    // Sent is final.
    expect(await deliverOutbox({ DEV_MODE: "true" }, db(), new Date(t0.getTime() + minutes(600)))).toEqual({
      sent: 0,
      retried: 0,
      dead: 0,
    });
  });

  it("does not send messages that are not due yet", async () => {
    await enqueueMail(db(), signIn("later@example.org"), new Date(t0.getTime() + minutes(5)));
    expect(await deliverOutbox({ DEV_MODE: "true" }, db(), t0)).toEqual({ sent: 0, retried: 0, dead: 0 });
  });

  it("without a binding retries with backoff and finally gives up", async () => {
    const id = await enqueueMail(db(), signIn("nobinding@example.org"), t0);
    let now = t0;

    expect(await deliverOutbox({}, db(), now)).toEqual({ sent: 0, retried: 1, dead: 0 });
    let mail = await row(id);
    expect(mail.status).toBe("failed");
    expect(mail.attempts).toBe(1);
    expect(mail.lastError).toMatch(/EMAIL binding/);
    expect(mail.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());

    // Not picked again before its time.
    expect(await deliverOutbox({}, db(), new Date(mail.nextAttemptAt.getTime() - 1))).toEqual({
      sent: 0,
      retried: 0,
      dead: 0,
    });
    expect((await row(id)).attempts).toBe(1);

    const delays: number[] = [];
    for (let attempt = 2; attempt <= MAX_MAIL_ATTEMPTS; attempt++) {
      delays.push(mail.nextAttemptAt.getTime() - now.getTime());
      now = mail.nextAttemptAt;
      await deliverOutbox({}, db(), now);
      mail = await row(id);
      expect(mail.attempts).toBe(attempt);
    }
    expect(mail.status).toBe("dead");
    expect(mail.lastError).toMatch(/EMAIL binding/);
    expect(mail.sentAt).toBeNull();
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1]);

    // Dead letters are never picked again.
    expect(await deliverOutbox({}, db(), new Date(now.getTime() + minutes(10_000)))).toEqual({
      sent: 0,
      retried: 0,
      dead: 0,
    });
  });

  it("sends through the binding and records a failing send", async () => {
    const ok = await enqueueMail(db(), signIn("ok@example.org"), t0);
    const bad = await enqueueMail(db(), signIn("bad@example.org"), t0);
    const { EMAIL, calls } = fakeBinding((to) => to.startsWith("bad"));

    expect(await deliverOutbox({ EMAIL, MAIL_FROM: "kinderschutz@example.org", PUBLIC_ORIGIN }, db(), t0)).toEqual({
      sent: 1,
      retried: 1,
      dead: 0,
    });
    expect(calls).toEqual([{ to: "ok@example.org", from: "kinderschutz@example.org", subject: expect.any(String) }]);
    expect(await row(ok)).toMatchObject({ status: "sent" });
    expect(await row(bad)).toMatchObject({ status: "failed", attempts: 1, lastError: expect.stringContaining("bad@") });

    // The retry succeeds once the mailbox is back, and clears the error.
    const healthy = fakeBinding();
    const later = new Date(t0.getTime() + minutes(1));
    expect(await deliverOutbox({ EMAIL: healthy.EMAIL, PUBLIC_ORIGIN }, db(), later)).toEqual({
      sent: 1,
      retried: 0,
      dead: 0,
    });
    expect(healthy.calls).toEqual([
      { to: "bad@example.org", from: "netzwerkstatt@example.org", subject: expect.any(String) },
    ]);
    expect(await row(bad)).toMatchObject({ status: "sent", attempts: 2, lastError: null });
  });

  it("sends nothing in production without a configured public origin", async () => {
    const id = await enqueueMail(db(), signIn("noorigin@example.org"), t0);
    const { EMAIL, calls } = fakeBinding();
    expect(await deliverOutbox({ EMAIL }, db(), t0)).toEqual({ sent: 0, retried: 1, dead: 0 });
    expect(calls).toHaveLength(0);
    expect(await row(id)).toMatchObject({ status: "failed", lastError: expect.stringContaining("PUBLIC_ORIGIN") });
  });

  it("sends each message exactly once when two deliverers run at the same time", async () => {
    const ids = await Promise.all(
      Array.from({ length: 8 }, (_, i) => enqueueMail(db(), signIn(`p${i}@example.org`), t0)),
    );
    const { EMAIL, calls } = fakeBinding();

    const [a, b] = await Promise.all([
      deliverOutbox({ EMAIL, PUBLIC_ORIGIN }, db(), t0),
      deliverOutbox({ EMAIL, PUBLIC_ORIGIN }, db(), t0),
    ]);
    expect(a.sent + b.sent).toBe(ids.length);
    expect(calls).toHaveLength(ids.length);
    expect(new Set(calls.map((c) => c.to)).size).toBe(ids.length);
    for (const id of ids) expect(await row(id)).toMatchObject({ status: "sent", attempts: 1 });

    const [c, d] = await Promise.all([
      deliverOutbox({ EMAIL, PUBLIC_ORIGIN }, db(), t0),
      deliverOutbox({ EMAIL, PUBLIC_ORIGIN }, db(), t0),
    ]);
    expect(c.sent + d.sent).toBe(0);
    expect(calls).toHaveLength(ids.length);
  });
});

describe("dev mailbox", () => {
  // The sub-app on its own, with the db the real app provides.
  const devApp = new OpenAPIHono<AppEnv>()
    .use(async (c, next) => {
      c.set("db", db());
      await next();
    })
    .route("/api", dev);

  it("lists the newest messages in DEV_MODE", async () => {
    await enqueueMail(db(), signIn("old@example.org"), t0);
    await enqueueMail(db(), signIn("new@example.org"), new Date(t0.getTime() + minutes(1)));
    const res = await devApp.request("/api/dev/mailbox", {}, { ...env, DEV_MODE: "true" });
    expect(res.status).toBe(200);
    const { items } = await json(res);
    expect(items.map((m: { to: string }) => m.to)).toEqual(["new@example.org", "old@example.org"]);
    expect(items[0]).toMatchObject({
      template: "sign_in_link",
      locale: "de",
      status: "pending",
      createdAt: new Date(t0.getTime() + minutes(1)).toISOString(),
    });
    expect(items[0].text).toContain("https://netzwerkstatt.example/anmelden");
    expect(items[0].html).toContain("<a href=");

    const filtered = await json(await devApp.request("/api/dev/mailbox?to=old@example.org", {}, env));
    expect(filtered.items.map((m: { to: string }) => m.to)).toEqual(["old@example.org"]);
  });

  it("does not exist outside DEV_MODE", async () => {
    await enqueueMail(db(), signIn("secret@example.org"), t0);
    for (const DEV_MODE of ["false", undefined]) {
      const res = await devApp.request("/api/dev/mailbox", {}, { ...env, DEV_MODE });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("secret@example.org");
    }
  });

  // NEEDS THE ROUTE MOUNTED in worker/index.ts (`.route("/api", dev)`); fails with 404 until then.
  it("[needs mount] is served by the worker at /api/dev/mailbox", async () => {
    await enqueueMail(db(), signIn("mounted@example.org"), t0);
    const res = await api("/api/dev/mailbox");
    expect(res.status).toBe(200);
    expect((await json(res)).items[0]).toMatchObject({ to: "mounted@example.org", status: "pending" });
  });
});
