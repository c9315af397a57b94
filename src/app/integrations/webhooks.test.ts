import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { newId, type Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { enqueue } from "../../jobs/queue.ts";
import { runNextJob } from "../../jobs/runner.ts";
import { addBrand } from "../brands/add-brand.ts";
import { emitEvent } from "../kernel/audit.ts";
import { createWebhookDeliveryJob, eventMatches, signWebhook, webhookDeliveryJob } from "./webhooks.ts";

const T0 = new Date("2026-03-09T10:00:00.000Z");
// A secret in the form the specification gives: whsec_ + base64.
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/** Verifies with the standardwebhooks library as a receiver would, its clock set to `at`. */
function verifyAt(at: Date, secret: string, body: string, headers: Record<string, string>): unknown {
  vi.useFakeTimers({ now: at, toFake: ["Date"] });
  try {
    return new Webhook(secret).verify(body, headers);
  } finally {
    vi.useRealTimers();
  }
}

describe("webhook signatures and filters", () => {
  it("signs per Standard Webhooks: the library verifies it and rejects tampering, other secrets and stale times", () => {
    const headers = signWebhook(SECRET, "msg_1", '{"a":1}', T0);
    expect(headers["webhook-id"]).toBe("msg_1");
    expect(headers["webhook-timestamp"]).toBe(String(T0.getTime() / 1000));
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    const plain = { ...headers };
    expect(verifyAt(new Date(T0.getTime() + 10_000), SECRET, '{"a":1}', plain)).toEqual({ a: 1 });
    expect(() => verifyAt(T0, SECRET, '{"a":2}', plain)).toThrow(/signature/);
    expect(() => verifyAt(T0, "whsec_c2VjcmV0LW9mLWFub3RoZXItc3Vic2NyaWJlcg==", '{"a":1}', plain)).toThrow();
    expect(() => verifyAt(new Date(T0.getTime() + 3_600_000), SECRET, '{"a":1}', plain)).toThrow(/timestamp/);
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
    const headers = Object.fromEntries(
      ["webhook-id", "webhook-timestamp", "webhook-signature"].map((h) => [h, String(hit.headers[h])]),
    );
    expect(verifyAt(T0, SECRET, hit.body, headers)).toMatchObject({ id: payload.eventId });
    expect(hit.headers["x-aftercare-signature"]).toBeUndefined();
    expect(hit.headers["content-type"]).toBe("application/json");
    expect(hit.headers["webhook-id"]).toBe(payload.eventId);
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
    expect(new Set(received.map((r) => r.headers["webhook-id"]))).toEqual(new Set([payload.eventId]));
    // Both attempts verify with the library, each signed at its own time.
    const retried = received[1];
    if (!retried) throw new Error("no retry");
    const headers = Object.fromEntries(
      ["webhook-id", "webhook-timestamp", "webhook-signature"].map((h) => [h, String(retried.headers[h])]),
    );
    expect(verifyAt(new Date(T0.getTime() + 1_000), SECRET, retried.body, headers)).toMatchObject({
      type: "refund.issued",
    });
    const log = await store.db
      .selectFrom("webhook_deliveries")
      .select(["attempt", "status_code", "ok"])
      .where("subscription_id", "=", payload.subscriptionId)
      .orderBy("attempt")
      .execute();
    expect(log).toEqual([
      { attempt: 1, status_code: 500, ok: 0 },
      { attempt: 2, status_code: 204, ok: 1 },
    ]);
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
