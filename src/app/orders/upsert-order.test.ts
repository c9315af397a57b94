import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../db/database.ts";
import { policyVersionAt } from "../../db/policy-versions.ts";
import { testDatabases } from "../../db/test-db.ts";
import { addBrand } from "../brands/add-brand.ts";
import { BRANDS_DIR } from "../brands/brand-policies.ts";
import type { Actor } from "../kernel/actor.ts";
import { isAppError } from "../kernel/errors.ts";
import { loadOrderByNumber } from "./load-order.ts";
import { type TOrderInput, ZOrderInput } from "./order-input.ts";
import { upsertOrder, upsertOrders } from "./upsert-order.ts";
import { inputHash, versionInForce } from "./upsert-order-rows.ts";

const store_: Actor = { type: "api_key", id: "key-1", brandId: null };
const t0 = new Date("2026-11-02T10:00:00Z");
const t1 = new Date("2026-11-03T10:00:00Z");

function order(overrides: Record<string, unknown> = {}): TOrderInput {
  return ZOrderInput.parse({
    brand: "castella",
    number: "CA-20001",
    email: "Ana@Example.com",
    phone: "+12125550100",
    shippingAddress: { name: "Ana Ruiz", line1: "1 Main St", city: "New York", country: "US" },
    shippingCountry: "US",
    placedAt: "2026-11-01T09:00:00Z",
    currency: "USD",
    payment: { method: "card", cleared: true },
    shippingCharged: 800,
    lines: [
      { id: "1", sku: "DR-1", title: "Linen dress", category: "dresses", unitPrice: 12000, quantity: 1 },
      { id: "2", sku: "BR-1", title: "Bralette", category: "undergarments", unitPrice: 3000, quantity: 2 },
    ],
    ...overrides,
  });
}

describe.each(testDatabases())("upsertOrder on $name", (target) => {
  let store: Store;
  const count = async (table: "audit_log" | "outbox" | "customers" | "orders") =>
    Number(
      (
        await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    store = await target.open();
    const text = readFileSync(join(BRANDS_DIR, "castella/policy.yaml"), "utf8");
    await addBrand(store.db, {
      slug: "castella",
      name: "Castélla",
      policy: { text, source: "castella/policy.yaml" },
      now: new Date("2026-01-01T00:00:00Z"),
    });
  });
  afterAll(() => store.close());

  it("creates an order with customer, lines, payment, policy version, audit row and order.placed", async () => {
    const result = await upsertOrder(store.db, { input: order(), actor: store_, now: t0, source: "api" });
    expect(result).toMatchObject({ outcome: "created", status: "placed", number: "CA-20001" });
    const loaded = await loadOrderByNumber(store.db, "castella", "CA-20001");
    expect(loaded.order).toMatchObject({
      email: "ana@example.com",
      subtotal: 18000,
      total: 18800,
      policy_version: 1,
      source: "api",
      placed_at: "2026-11-01T09:00:00.000Z",
    });
    expect(loaded.policyOrder.lines.map((l) => [l.id, l.quantity, l.category])).toEqual([
      ["1", 1, "dresses"],
      ["2", 2, "undergarments"],
    ]);
    expect(loaded.policyOrder.payment).toEqual({ method: "card", cleared: true });
    const customer = await store.db.selectFrom("customers").selectAll().executeTakeFirstOrThrow();
    expect(customer).toMatchObject({
      email: "ana@example.com",
      name: "Ana Ruiz",
      id: loaded.order.customer_id,
    });
    const events = await store.db.selectFrom("outbox").selectAll().execute();
    expect(events.map((e) => e.event_type)).toEqual(["order.placed"]);
    expect(JSON.parse(events[0]?.payload ?? "{}")).toMatchObject({
      number: "CA-20001",
      email: "ana@example.com",
    });
    const audit = await store.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_type", "=", "order")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "order.created", actor_type: "api_key", actor_id: "key-1" });
  });

  it("writes nothing when the same order is sent again", async () => {
    const before = await loadOrderByNumber(store.db, "castella", "CA-20001");
    const [audit, outbox] = [await count("audit_log"), await count("outbox")];
    // Same content with the address keys in another order and the email in other case.
    const again = order({
      email: "ANA@example.com",
      shippingAddress: { country: "US", city: "New York", line1: "1 Main St", name: "Ana Ruiz" },
    });
    const result = await upsertOrder(store.db, { input: again, actor: store_, now: t1, source: "api" });
    expect(result.outcome).toBe("unchanged");
    const after = await loadOrderByNumber(store.db, "castella", "CA-20001");
    expect(after.order.updated_at).toBe(before.order.updated_at);
    expect([await count("audit_log"), await count("outbox")]).toEqual([audit, outbox]);
  });

  it("updates a changed order by line key, with before and after in the audit log", async () => {
    const changed = order({
      phone: "+12125550199",
      lines: [
        { id: "1", sku: "DR-1", title: "Linen dress", category: "dresses", unitPrice: 11000, quantity: 1 },
        { id: "3", sku: "SW-1", title: "Swimsuit", category: "swimwear", unitPrice: 5000, quantity: 1 },
      ],
    });
    const result = await upsertOrder(store.db, { input: changed, actor: store_, now: t1, source: "api" });
    expect(result.outcome).toBe("updated");
    const loaded = await loadOrderByNumber(store.db, "castella", "CA-20001");
    expect(loaded.order).toMatchObject({
      phone: "+12125550199",
      subtotal: 16000,
      updated_at: t1.toISOString(),
    });
    expect(loaded.policyOrder.lines.map((l) => [l.id, l.unitPrice])).toEqual([
      ["1", 11000],
      ["3", 5000],
    ]);
    const row = await store.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "order.updated")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.before ?? "{}")).toMatchObject({ phone: "+12125550100", subtotal: 18000 });
    expect(JSON.parse(row.after ?? "{}")).toMatchObject({ phone: "+12125550199", subtotal: 16000 });
    const payment = await store.db.selectFrom("payments").selectAll().execute();
    expect(payment.map((p) => p.amount)).toEqual([16800]);
  });

  it("moves status forward, keeps the later state on a stale update and refuses cancelling after dispatch", async () => {
    const dispatched = await upsertOrder(store.db, {
      input: order({ number: "CA-20002", status: "dispatched", dispatchedAt: "2026-11-02T08:00:00Z" }),
      actor: store_,
      now: t0,
      source: "api",
    });
    expect(dispatched).toMatchObject({ outcome: "created", status: "dispatched" });
    const delivered = await upsertOrder(store.db, {
      input: order({ number: "CA-20002", status: "delivered", deliveredAt: "2026-11-04T12:00:00Z" }),
      actor: store_,
      now: t1,
      source: "api",
    });
    expect(delivered).toMatchObject({ outcome: "updated", status: "delivered" });
    const events = await store.db
      .selectFrom("outbox")
      .select("event_type")
      .where("aggregate_id", "=", delivered.orderId)
      .execute();
    expect(events.map((e) => e.event_type)).toEqual(["order.placed", "order.delivered"]);

    // A late webhook still saying "placed": nothing moves back, nothing is written.
    const stale = await upsertOrder(store.db, {
      input: order({ number: "CA-20002", status: "placed" }),
      actor: store_,
      now: t1,
      source: "webhook",
    });
    expect(stale).toMatchObject({ outcome: "unchanged", status: "delivered", staleStatus: true });
    const loaded = await loadOrderByNumber(store.db, "castella", "CA-20002");
    expect(loaded.order).toMatchObject({
      status: "delivered",
      dispatched_at: "2026-11-02T08:00:00.000Z",
      delivered_at: "2026-11-04T12:00:00.000Z",
    });

    const cancel = upsertOrder(store.db, {
      input: order({ number: "CA-20002", status: "cancelled" }),
      actor: store_,
      now: t1,
      source: "api",
    });
    await expect(cancel).rejects.toSatisfy((e) => isAppError(e, "CONFLICT"));
  });

  it("refuses an unknown brand and another brand's key, and keeps the good orders of a batch", async () => {
    const outcomes = await upsertOrders(store.db, {
      inputs: [
        order({ number: "CA-20003" }),
        order({ brand: "nobody", number: "X-1" }),
        order({ number: "CA-20004" }),
      ],
      actor: store_,
      now: t0,
      source: "import",
    });
    expect(outcomes.map((o) => (o.ok ? o.result.outcome : o.error.code))).toEqual([
      "created",
      "NOT_FOUND",
      "created",
    ]);
    const other: Actor = { type: "api_key", id: "key-2", brandId: "some-other-brand" };
    await expect(
      upsertOrder(store.db, { input: order({ number: "CA-20005" }), actor: other, now: t0, source: "api" }),
    ).rejects.toSatisfy((e) => isAppError(e, "FORBIDDEN"));
  });

  it("handles the same order twice in one batch and a dry run that stores nothing", async () => {
    const outcomes = await upsertOrders(store.db, {
      inputs: [order({ number: "CA-20006" }), order({ number: "CA-20006", phone: "+12125550123" })],
      actor: store_,
      now: t0,
      source: "import",
    });
    expect(outcomes.map((o) => o.ok && o.result.outcome)).toEqual(["created", "updated"]);
    const orders = await count("orders");
    const dry = await upsertOrders(store.db, {
      inputs: [order({ number: "CA-20007" })],
      actor: store_,
      now: t0,
      source: "import",
      dryRun: true,
    });
    expect(dry.map((o) => o.ok && o.result.outcome)).toEqual(["created"]);
    expect(await count("orders")).toBe(orders);
  });

  it("gives one order when two writers create it at once", async () => {
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        upsertOrder(store.db, {
          input: order({ number: "CA-20008" }),
          actor: store_,
          now: t0,
          source: "api",
        }),
      ),
    );
    expect(results.filter((r) => r.outcome === "created")).toHaveLength(1);
    const rows = await store.db.selectFrom("orders").select("id").where("number", "=", "CA-20008").execute();
    expect(rows).toHaveLength(1);
  });

  it("stores the policy version in force when each order was placed, as policyVersionAt reads it", async () => {
    const v1 = "brand:\n  name: Nord\n  currency: EUR\n  timeZone: Europe/Berlin\n";
    const v2 = `${v1}clauses:\n  N-window: Thirty days to send things back.\n`;
    const first = await addBrand(store.db, {
      slug: "nord",
      name: "Nord",
      policy: { text: v1, source: "v1" },
      now: new Date("2026-02-01T00:00:00Z"),
    });
    await addBrand(store.db, {
      slug: "nord",
      name: "Nord",
      policy: { text: v2, source: "v2" },
      now: new Date("2026-06-01T00:00:00Z"),
    });
    const placed = [
      "2025-12-01T00:00:00Z",
      "2026-03-01T00:00:00Z",
      "2026-06-01T00:00:00Z",
      "2026-09-01T00:00:00Z",
    ];
    const outcomes = await upsertOrders(store.db, {
      inputs: placed.map((placedAt, i) =>
        order({ brand: "nord", currency: "EUR", number: `N-${i}`, placedAt }),
      ),
      actor: store_,
      now: t0,
      source: "import",
    });
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const rows = await store.db
      .selectFrom("orders")
      .select(["number", "policy_version", "placed_at"])
      .where("brand_id", "=", first.brand.id)
      .orderBy("number")
      .execute();
    expect(rows.map((r) => r.policy_version)).toEqual([1, 1, 2, 2]);
    const versions = await store.db
      .selectFrom("policy_versions")
      .select(["version", "effective_from"])
      .where("brand_id", "=", first.brand.id)
      .execute();
    for (const row of rows) {
      const expected = (await policyVersionAt(store.db, first.brand.id, row.placed_at))?.version;
      expect(versionInForce(versions, row.placed_at)).toBe(expected);
    }
  });
  it("recognises a re-send by its fingerprint, and compares afresh once another writer touched the order", async () => {
    const input = order({ number: "CA-20900" });
    await upsertOrder(store.db, { input, actor: store_, now: t0, source: "api" });
    const stored = await store.db
      .selectFrom("orders")
      .select(["id", "fingerprint", "updated_at"])
      .where("number", "=", "CA-20900")
      .executeTakeFirstOrThrow();
    expect(stored.fingerprint).toBe(`${inputHash(input)} ${stored.updated_at}`);
    expect(inputHash(order({ number: "CA-20900", shippingAddress: { ...input.shippingAddress } }))).toBe(
      inputHash(input),
    );

    // An amendment elsewhere changes the email and moves updated_at: the old snapshot is applied again.
    const amendedAt = "2026-11-02T12:00:00.000Z";
    await store.db
      .updateTable("orders")
      .set({ email: "new@example.com", updated_at: amendedAt })
      .where("id", "=", stored.id)
      .execute();
    const resent = await upsertOrder(store.db, { input, actor: store_, now: t1, source: "api" });
    expect(resent.outcome).toBe("updated");

    // An order stored without a fingerprint (before it existed) is compared, found unchanged, and gets
    // one without its updated_at moving; the next send is then recognised.
    await store.db.updateTable("orders").set({ fingerprint: null }).where("id", "=", stored.id).execute();
    const before = await store.db
      .selectFrom("orders")
      .select("updated_at")
      .where("id", "=", stored.id)
      .executeTakeFirstOrThrow();
    const audit = await count("audit_log");
    expect((await upsertOrder(store.db, { input, actor: store_, now: t1, source: "api" })).outcome).toBe(
      "unchanged",
    );
    const backfilled = await store.db
      .selectFrom("orders")
      .select(["fingerprint", "updated_at"])
      .where("id", "=", stored.id)
      .executeTakeFirstOrThrow();
    expect(backfilled).toEqual({
      fingerprint: `${inputHash(input)} ${before.updated_at}`,
      updated_at: before.updated_at,
    });
    expect(await count("audit_log")).toBe(audit);
  });
});
