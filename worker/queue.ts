// The consumer of the JOBS queue and of its dead-letter queue (wrangler.toml). A part is
// acknowledged once written and sent; if writing fails it is retried with growing delays, and
// after the last retry it reaches the dead-letter queue, where its recipients are counted
// undeliverable on the message, so the history tells the truth.
import { createDb } from "./db/client";
import { countUndeliverable, type Job, writePart } from "./db/fan-out";
import type { Bindings } from "./env";
import { publicOrigin } from "./lib/origin";

const DEAD_LETTER_QUEUE = "netzwerkstatt-jobs-dead";

export async function handleQueue(batch: MessageBatch<Job>, env: Bindings) {
  const db = createDb(env.DB);
  for (const message of batch.messages) {
    // The configured origin wins; without one (local development), where the producer was reached.
    const origin = env.PUBLIC_ORIGIN ? publicOrigin(env) : (message.body.origin ?? publicOrigin(env));
    try {
      if (batch.queue === DEAD_LETTER_QUEUE) await countUndeliverable(db, message.body);
      else {
        if (!origin) throw new Error("PUBLIC_ORIGIN is not set: no mail with links is written");
        await writePart(env, db, origin, message.body);
      }
      message.ack();
    } catch (error) {
      console.error("queue", batch.queue, String(error));
      message.retry({ delaySeconds: Math.min(30 * 2 ** (message.attempts - 1), 900) });
    }
  }
}
