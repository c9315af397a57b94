import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { newId, type Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { enqueue } from "../../jobs/queue.ts";
import { runNextJob } from "../../jobs/runner.ts";
import { addBrand } from "../brands/add-brand.ts";
import { emitEvent } from "../kernel/audit.ts";
import {
  createWebhookDeliveryJob,
  eventMatches,
  SIGNATURE_HEADER,
  signWebhook,
  verifyWebhookSignature,
  webhookDeliveryJob,
} from "./webhooks.ts";

const T0 = new Date("2026-03-09T10:00:00.000Z");
const SECRET = "whsec_test_secret";

describe("webhook signatures and filters", () => {
  it("verifies a signature over t.body and rejects tampering, wrong secrets and stale timestamps", () => {
    const header = signWebhook(SECRET, '{"a":1}', 1_000);
    expect(header).toMatch(/^t=1000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(SECRET, header, '{"a":1}', 1_010)).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, '{"a":2}', 1_010)).toBe(false);
    expect(verifyWebhookSignature("other", header, '{"a":1}', 1_010)).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, '{"a":1}', 1_000 + 301)).toBe(false);
    expect(verifyWebhookSignature(SECRET, "garbage", '{"a":1}', 1_000)).toBe(false);
  });

  it("matches exact types, families and everything", () => {
    expect(eventMatches(["*"], "refund.issued")).toBe(true);
    expect(eventMatches(["return.*"], "return.received")).toBe(true);
    expect(eventMatches(["return.*"], "refund.issued")).toBe(false);
    expect(eventMatches(["refund.issued"], "refund.issued")).toBe(true);
    expect(eventMatches([], "refund.issued")).toBe(false);
  });
});

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

describe.each(testDatabases())("webhook delivery on $name", (target) => {
  let store: Store;
  let brandId: string;
  let server: Server;
  let base: string;
  let received: Received[] = [];
  /** Status codes the receiver answers with, in turn; 0 = never answer. Empty: 204. */
  let script: number[] = [];

  beforeAll(async () => {
    store = await target.open();
    brandId = (await addBrand(store.db, { slug: "hooked", name: "Hooked" })).brand.id;
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => {
        body += c.toString();
      });
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        const status = script.shift() ?? 204;
        if (status === 0) return; // hangs: the sender's timeout has to give up
        res.writeHead(status).end(status >= 300 ? "receiver unhappy" : "");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await store.close();
  });
  beforeEach(async () => {
    received = [];
    script = [];
    await store.db.deleteFrom("jobs").execute();
  });

  async function subscribedEvent(active: 0 | 1 = 1): Promise<{ subscriptionId: string; eventId: string }> {
    const subscriptionId = newId();
    await store.db
      .insertInto("webhook_subscriptions")
      .values({
        id: subscriptionId,
        brand_id: brandId,
        url: `${base}/hooks`,
        secret: SECRET,
        events: '["*"]',
        active,
        created_at: T0.toISOString(),
      })
      .execute();
    const aggregateId = newId();
    await emitEvent(
      store.db,
      { brandId, type: "refund.issued", aggregateType: "refund", aggregateId, payload: { amount: 11000 } },
      T0,
    );
    const event = await store.db
      .selectFrom("outbox")
      .select("id")
      .where("aggregate_id", "=", aggregateId)
      .executeTakeFirstOrThrow();
    return { subscriptionId, eventId: event.id };
  }

  const job = createWebhookDeliveryJob({ timeoutMs: 300, backoff: { baseMs: 1_000, maxMs: 10_000 } });
  const run = (now: Date) => runNextJob({ db: store.db, jobs: [job], workerId: "w", now: () => now });

  it("POSTs the event as JSON with a signature the receiver can verify", async () => {
    const payload = await subscribedEvent();
    await enqueue(store.db, webhookDeliveryJob, payload, { now: T0 });
    expect((await run(T0))?.kind).toBe("done");
    expect(received).toHaveLength(1);
    const [hit] = received;
    if (!hit) throw new Error("nothing received");
    const signature = String(hit.headers[SIGNATURE_HEADER]);
    expect(verifyWebhookSignature(SECRET, signature, hit.body, T0.getTime() / 1000)).toBe(true);
    expect(hit.headers["content-type"]).toBe("application/json");
    expect(hit.headers["x-aftercare-event-id"]).toBe(payload.eventId);
    expect(JSON.parse(hit.body)).toMatchObject({
      id: payload.eventId,
      type: "refund.issued",
      data: { amount: 11000 },
      aggregate: { type: "refund" },
    });
  });

  it("retries after a 500 with backoff, then succeeds", async () => {
    const payload = await subscribedEvent();
    const { id } = await enqueue(store.db, webhookDeliveryJob, payload, { now: T0 });
    script = [500];
    const first = await run(T0);
    expect(first).toMatchObject({ kind: "retrying", error: expect.stringContaining("answered 500") });
    const queued = await store.db
      .selectFrom("jobs")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(queued.last_error).toContain("receiver unhappy");
    expect(await run(new Date(T0.getTime() + 999))).toBeNull();
    expect((await run(new Date(T0.getTime() + 1_000)))?.kind).toBe("done");
    expect(received.map((r) => r.headers["x-aftercare-attempt"])).toEqual(["1", "2"]);
    expect(new Set(received.map((r) => r.headers["x-aftercare-event-id"]))).toEqual(
      new Set([payload.eventId]),
    );
  });

  it("gives up after max attempts and keeps the last error, timeouts included", async () => {
    const payload = await subscribedEvent();
    const { id } = await enqueue(store.db, webhookDeliveryJob, payload, { now: T0, maxAttempts: 2 });
    script = [503, 0];
    expect((await run(T0))?.kind).toBe("retrying");
    const last = await run(new Date(T0.getTime() + 1_000));
    expect(last).toMatchObject({
      kind: "failed",
      error: expect.stringMatching(/no answer .* within 300 ms/),
    });
    const row = await store.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "failed", attempts: 2 });
    expect(row.last_error).toMatch(/no answer/);
    expect(await run(new Date(T0.getTime() + 3_600_000))).toBeNull();
  });

  it("sends nothing for a subscription disabled after the event was queued", async () => {
    const payload = await subscribedEvent(0);
    await enqueue(store.db, webhookDeliveryJob, payload, { now: T0 });
    expect((await run(T0))?.kind).toBe("done");
    expect(received).toEqual([]);
  });
});
