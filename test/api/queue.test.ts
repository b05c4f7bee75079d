// The consumer of the fan-out queue, called as the runtime calls it: a part whose writing fails
// is retried rather than acknowledged, and a part that reached the dead-letter queue counts its
// recipients without a mail as undeliverable on the message, so the history does not claim a
// delivery that never happened.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Job } from "../../worker/db/fan-out";
import worker from "../../worker/index";
import { seedAsOrganiser } from "../allocation-fixtures";

beforeAll(async () => {
  await seedAsOrganiser();
});

const eventId = async () =>
  (await env.DB.prepare("select id from events where network_id = 'net-kc9' limit 1").first<{ id: string }>())?.id;

async function insertMessage(id: string, kind: string, recipients: string[]) {
  await env.DB.prepare(
    `insert into messages (id, network_id, event_id, kind, audience, recipients, recipient_count, created_at)
      values (?, 'net-kc9', ?, ?, '{}', ?, ?, ?)`,
  )
    .bind(id, await eventId(), kind, JSON.stringify(recipients), recipients.length, Date.now())
    .run();
}

const deliver = async (queue: string, jobs: Job[]) => {
  const batch = createMessageBatch<Job>(
    queue,
    jobs.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
};

describe("the fan-out queue's consumer", () => {
  it("retries a part it could not write, and acknowledges one that has nothing (left) to write", async () => {
    // A kind no renderer knows: writing it throws.
    await insertMessage("msg-broken", "no_such_kind", ["r:nobody"]);
    await insertMessage("msg-empty", "message", []);
    const result = await deliver("netzwerkstatt-jobs", [
      { kind: "fan_out", messageId: "msg-broken", keys: ["r:nobody"] },
      { kind: "fan_out", messageId: "msg-empty", keys: [] },
      { kind: "fan_out", messageId: "msg-gone", keys: ["r:x"] },
    ]);
    expect(result.explicitAcks.sort()).toEqual(["m1", "m2"]);
    expect(result.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual(["m0"]);
  });

  it("counts the recipients of a dead part that got no mail as undeliverable", async () => {
    await insertMessage("msg-dead", "message", ["r:a", "r:b", "r:c"]);
    // One of the three had its mail written before the part failed for good.
    await env.DB.prepare(
      `insert into outbox (id, network_id, message_id, dedupe_key, to_email, template, locale, subject, body_text,
        body_html, status, attempts, next_attempt_at, created_at)
        values ('mail-dead-b', 'net-kc9', 'msg-dead', 'msg-dead:r:b', 'b@example.org', 'message', 'de', 's', 't', 'h',
          'sent', 1, 0, 0)`,
    ).run();
    const result = await deliver("netzwerkstatt-jobs-dead", [
      { kind: "fan_out", messageId: "msg-dead", keys: ["r:a", "r:b", "r:c"] },
    ]);
    expect(result.explicitAcks).toEqual(["m0"]);
    const row = await env.DB.prepare("select undeliverable from messages where id = 'msg-dead'").first();
    expect(row).toEqual({ undeliverable: 2 });
  });

  it("records the recipients a part leaves out once, however often the part is delivered", async () => {
    // Recipients no longer there (erased, or never existed) get no mail: they are skipped, not waiting.
    await insertMessage("msg-skips", "message", ["r:gone-1", "r:gone-2"]);
    const job: Job = { kind: "fan_out", messageId: "msg-skips", keys: ["r:gone-1", "r:gone-2"] };
    expect((await deliver("netzwerkstatt-jobs", [job])).explicitAcks).toEqual(["m0"]);
    await deliver("netzwerkstatt-jobs", [job]);
    const skips = await env.DB.prepare(
      "select recipient_key as k from message_skips where message_id = 'msg-skips' order by k",
    ).all();
    expect(skips.results).toEqual([{ k: "r:gone-1" }, { k: "r:gone-2" }]);
    expect(await env.DB.prepare("select count(*) as n from outbox where message_id = 'msg-skips'").first()).toEqual({
      n: 0,
    });
  });
});
