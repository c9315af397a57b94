import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, newId, type Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { addBrand } from "../brands/add-brand.ts";
import { emitEvent } from "../kernel/audit.ts";
import { type OutboxEvent, type OutboxSubscriber, relayOutbox, webhookSubscriber } from "./outbox-relay.ts";
import { WEBHOOK_JOB } from "./webhooks.ts";

const T0 = new Date("2026-03-09T10:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describe.each(testDatabases())("outbox relay on $name", (target) => {
  let store: Store & { url: string };
  let brandId: string;
  let otherBrandId: string;
  const subs: Record<string, string> = {};

  beforeAll(async () => {
    store = await target.open();
    brandId = (await addBrand(store.db, { slug: "relay-brand", name: "Relay" })).brand.id;
    otherBrandId = (await addBrand(store.db, { slug: "relay-other", name: "Other" })).brand.id;
    const add = async (key: string, brand: string, events: string[], active: 0 | 1) => {
      subs[key] = newId();
      await store.db
        .insertInto("webhook_subscriptions")
        .values({
          id: subs[key],
          brand_id: brand,
          url: `https://hooks.example/${key}`,
          secret: "s",
          events: JSON.stringify(events),
          active,
          created_at: T0.toISOString(),
        })
        .execute();
    };
    await add("all", brandId, ["*"], 1);
    await add("returns", brandId, ["return.*"], 1);
    await add("refunds", brandId, ["refund.issued"], 1);
    await add("disabled", brandId, ["*"], 0);
    await add("other", otherBrandId, ["*"], 1);
  });
  afterAll(() => store.close());

  it("queues one delivery per matching active subscription of the event's brand and publishes once", async () => {
    await emitEvent(
      store.db,
      {
        brandId,
        type: "return.authorized",
        aggregateType: "return",
        aggregateId: "r1",
        payload: { rma: "RMA-1" },
      },
      T0,
    );
    const handed: OutboxEvent[] = [];
    const report = await relayOutbox(store.db, {
      relayId: "r",
      now: at(1),
      subscribers: [webhookSubscriber, async (_db, e) => void handed.push(e)],
    });
    expect(report).toEqual({ claimed: 1, published: 1, failed: 0 });
    expect(handed.map((e) => [e.type, e.payload])).toEqual([["return.authorized", { rma: "RMA-1" }]]);
    const jobs = await store.db.selectFrom("jobs").selectAll().where("name", "=", WEBHOOK_JOB).execute();
    const targets = jobs.map((j) => (JSON.parse(j.payload) as { subscriptionId: string }).subscriptionId);
    expect(targets.sort()).toEqual([subs.all, subs.returns].sort());
    expect(await relayOutbox(store.db, { relayId: "r", now: at(2) })).toEqual({
      claimed: 0,
      published: 0,
      failed: 0,
    });
    await store.db.deleteFrom("jobs").execute();
  });

  it("keeps a failing event for a later pass and records the error", async () => {
    await emitEvent(
      store.db,
      { brandId, type: "case.created", aggregateType: "case", aggregateId: "c1", payload: {} },
      T0,
    );
    let fail = true;
    const flaky: OutboxSubscriber = async () => {
      if (fail) throw new Error("subscriber down");
    };
    expect(
      await relayOutbox(store.db, { relayId: "r", now: at(1), subscribers: [flaky], retryMs: 1_000 }),
    ).toEqual({
      claimed: 1,
      published: 0,
      failed: 1,
    });
    const row = await store.db
      .selectFrom("outbox")
      .selectAll()
      .where("aggregate_id", "=", "c1")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ published_at: null, last_error: "subscriber down", attempts: 1 });
    fail = false;
    expect((await relayOutbox(store.db, { relayId: "r2", now: at(500), subscribers: [flaky] })).claimed).toBe(
      0,
    );
    expect(await relayOutbox(store.db, { relayId: "r2", now: at(1_002), subscribers: [flaky] })).toEqual({
      claimed: 1,
      published: 1,
      failed: 0,
    });
  });

  it("two relays on separate connections hand each event to subscribers once", async () => {
    const types = ["return.authorized", "refund.issued", "case.created", "order.dispatched"];
    for (let i = 0; i < 40; i++) {
      await emitEvent(
        store.db,
        { brandId, type: types[i % 4] ?? "x", aggregateType: "order", aggregateId: `o${i}`, payload: { i } },
        at(i),
      );
    }
    const handed = new Map<string, number>();
    const counting: OutboxSubscriber = async (_db, e) => {
      handed.set(e.id, (handed.get(e.id) ?? 0) + 1);
    };
    const a = createDb(store.url);
    const b = createDb(store.url);
    let published = 0;
    const byRelay = new Map<string, number>();
    const drain = async (s: Store, relayId: string) => {
      for (;;) {
        const r = await relayOutbox(s.db, {
          relayId,
          now: at(100),
          batchSize: 3,
          subscribers: [webhookSubscriber, counting],
        });
        published += r.published;
        byRelay.set(relayId, (byRelay.get(relayId) ?? 0) + r.published);
        if (r.claimed === 0) return;
      }
    };
    try {
      await Promise.all([drain(a, "relay-a"), drain(b, "relay-b")]);
    } finally {
      await a.close();
      await b.close();
    }
    expect(published).toBe(40);
    expect([...byRelay.values()].every((n) => n > 0)).toBe(true);
    expect(handed.size).toBe(40);
    expect([...handed.values()].every((n) => n === 1)).toBe(true);
    const pending = await store.db
      .selectFrom("outbox")
      .select("id")
      .where("published_at", "is", null)
      .execute();
    expect(pending).toEqual([]);
    // "all" gets every event, "returns" the 10 return events, "refunds" the 10 refund events.
    const jobs = await store.db.selectFrom("jobs").select(["payload", "dedupe_key"]).execute();
    expect(jobs).toHaveLength(60);
    expect(new Set(jobs.map((j) => j.dedupe_key)).size).toBe(60);
  });

  it("reads a brand's subscriptions once per pass, publishes the rest of a batch around a failure, and sees a change on the next pass", async () => {
    await store.db.deleteFrom("jobs").execute();
    for (let i = 0; i < 5; i++) {
      await emitEvent(
        store.db,
        { brandId, type: "refund.issued", aggregateType: "refund", aggregateId: `pass${i}`, payload: { i } },
        at(200 + i),
      );
    }
    let loads = 0;
    const counted: OutboxSubscriber = async (_db, e, _now, pass) => {
      await pass.memo(`brand:${e.brandId}`, async () => {
        loads++;
        return e.brandId;
      });
      if ((e.payload as { i: number }).i === 2) throw new Error("third one fails");
    };
    const first = await relayOutbox(store.db, {
      relayId: "pass",
      now: at(300),
      subscribers: [webhookSubscriber, counted],
      retryMs: 1_000,
    });
    expect(first).toEqual({ claimed: 5, published: 4, failed: 1 });
    expect(loads).toBe(1);
    // "all" and "refunds" match refund.issued: two deliveries for each of the five events (the webhook
    // subscriber ran before the failing one), and the failed event is not published.
    const jobs = await store.db.selectFrom("jobs").select("dedupe_key").execute();
    expect(jobs).toHaveLength(10);
    const left = await store.db
      .selectFrom("outbox")
      .select(["aggregate_id", "last_error"])
      .where("published_at", "is", null)
      .execute();
    expect(left).toEqual([{ aggregate_id: "pass2", last_error: "third one fails" }]);

    // A subscription switched on between passes is read by the next pass: the retried event gains its
    // delivery, and its two earlier ones are not queued twice.
    await store.db
      .updateTable("webhook_subscriptions")
      .set({ active: 1 })
      .where("id", "=", subs.disabled ?? "")
      .execute();
    const second = await relayOutbox(store.db, {
      relayId: "pass",
      now: at(1_400),
      subscribers: [webhookSubscriber],
    });
    expect(second).toEqual({ claimed: 1, published: 1, failed: 0 });
    expect(await store.db.selectFrom("jobs").select("id").execute()).toHaveLength(11);
    await store.db
      .updateTable("webhook_subscriptions")
      .set({ active: 0 })
      .where("id", "=", subs.disabled ?? "")
      .execute();
  });
});
