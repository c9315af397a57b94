import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { evaluate } from "../../domain/policy/evaluate.ts";
import { parseScenario } from "../../domain/scenario.ts";
import { addBrand } from "../brands/add-brand.ts";
import { BRANDS_DIR } from "../brands/brand-policies.ts";
import { SYSTEM } from "../kernel/actor.ts";
import { importOrders, parseOrderText } from "./import-orders.ts";
import { loadOrderByNumber } from "./load-order.ts";
import { ZOrderInput } from "./order-input.ts";
import { upsertOrder } from "./upsert-order.ts";

const now = new Date("2026-11-23T10:00:00Z");

function line(n: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    number: `K-${n}`,
    email: `shopper${n}@example.com`,
    placedAt: "2026-11-10T10:00:00Z",
    currency: "GBP",
    payment: { method: "card" },
    lines: [{ id: "1", sku: "DR-1", category: "dresses", unitPrice: 4500, quantity: 1 }],
    ...extra,
  });
}

describe.each(testDatabases())("importOrders on $name", (target) => {
  let store: Store;
  const counts = async () => ({
    orders: Number(
      (
        await store.db
          .selectFrom("orders")
          .select((e) => e.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    audit: Number(
      (
        await store.db
          .selectFrom("audit_log")
          .select((e) => e.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    outbox: Number(
      (
        await store.db
          .selectFrom("outbox")
          .select((e) => e.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });
  beforeAll(async () => {
    store = await target.open();
    await addBrand(store.db, { slug: "kallesia", name: "Kallesia", currency: "GBP" });
  });
  afterAll(() => store.close());

  const run = (text: string, dryRun = false) =>
    importOrders(store.db, {
      records: parseOrderText(text, "jsonl", "kallesia"),
      brand: "kallesia",
      actor: SYSTEM,
      now,
      source: "import",
      dryRun,
      batchSize: 7,
    });

  const good = Array.from({ length: 30 }, (_, i) => line(i + 1));
  const file = [
    ...good.slice(0, 10),
    "{not json",
    line(99, { email: "nope" }),
    line(98, { brand: "castella" }),
    ...good.slice(10),
  ].join("\n");

  it("a dry run validates and reports without writing", async () => {
    const result = await run(file, true);
    expect(result).toMatchObject({ total: 33, created: 30, updated: 0, unchanged: 0, dryRun: true });
    expect(await counts()).toMatchObject({ orders: 0, outbox: 0 });
  });

  it("keeps good rows and reports bad ones with line numbers and reasons", async () => {
    const result = await run(file);
    expect(result).toMatchObject({ total: 33, created: 30 });
    expect(result.bad).toEqual([
      { line: 11, reason: expect.stringContaining("not valid JSON") },
      { line: 12, reason: expect.stringContaining("email") },
      { line: 13, reason: "the order is for brand 'castella', not 'kallesia'" },
    ]);
    expect(await counts()).toMatchObject({ orders: 30, outbox: 30 });
  });

  it("re-importing the same file changes nothing", async () => {
    const before = await counts();
    const result = await run(file);
    expect(result).toMatchObject({ created: 0, updated: 0, unchanged: 30 });
    expect(await counts()).toEqual(before);
  });

  it("stores exactly the orders of files one short of, equal to and one past a batch", async () => {
    const batchSize = 7;
    for (const count of [batchSize - 1, batchSize, batchSize + 1]) {
      const text = Array.from({ length: count }, (_, i) => line(7000 + count * 100 + i)).join("\n");
      const importOnce = () =>
        importOrders(store.db, {
          records: parseOrderText(text, "jsonl", "kallesia"),
          brand: "kallesia",
          actor: SYSTEM,
          now,
          source: "import",
          batchSize,
        });
      const before = await counts();
      const first = await importOnce();
      expect(first).toMatchObject({ total: count, created: count, unchanged: 0, bad: [] });
      const after = await counts();
      // One order row, one audit row and one outbox event per order, none twice.
      expect(after).toEqual({
        orders: before.orders + count,
        audit: before.audit + count,
        outbox: before.outbox + count,
      });
      const again = await importOnce();
      expect(again).toMatchObject({ total: count, created: 0, updated: 0, unchanged: count });
      expect(await counts()).toEqual(after);
    }
  });

  it("knows an imported order sent again in another form, by API or with its keys reordered", async () => {
    const text = line(600, { status: "placed", shippingCharged: 395 });
    const first = await run(text);
    expect(first).toMatchObject({ created: 1 });
    const before = await counts();
    // The same order through the API: not the file's line, so it is compared field by field.
    const data = JSON.parse(text) as Record<string, unknown>;
    const viaApi = await upsertOrder(store.db, {
      input: ZOrderInput.parse({ ...data, brand: "kallesia" }),
      actor: SYSTEM,
      now,
      source: "api",
    });
    expect(viaApi.outcome).toBe("unchanged");
    // Its keys in another order: another line, the same order.
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(data).reverse()));
    expect(await run(reordered)).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(await run(text)).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    // A changed line is an update, however the earlier ones were recognised.
    expect(await run(line(600, { status: "dispatched", shippingCharged: 395 }))).toMatchObject({
      updated: 1,
    });
    const after = await counts();
    expect(after).toEqual({ orders: before.orders, audit: before.audit + 1, outbox: before.outbox + 1 });
  });

  it("imports CSV and store-platform JSON through the same upsert", async () => {
    const csv = [
      "number,email,placed_at,currency,payment_method,line_id,category,unit_price,quantity",
      "K-500,c@example.com,2026-11-12T10:00:00Z,GBP,paypal,1,tops,25.00,2",
    ].join("\n");
    const fromCsv = await importOrders(store.db, {
      records: parseOrderText(csv, "csv", "kallesia"),
      brand: "kallesia",
      actor: SYSTEM,
      now,
      source: "import",
    });
    expect(fromCsv).toMatchObject({ created: 1, bad: [] });
    const shopify = JSON.stringify({
      orders: [
        {
          name: "#K-501",
          email: "d@example.com",
          created_at: "2026-11-12T10:00:00Z",
          currency: "GBP",
          financial_status: "paid",
          line_items: [{ id: 7, price: "10.10", quantity: 1, product_type: "Accessories" }],
        },
      ],
    });
    const fromShopify = await importOrders(store.db, {
      records: parseOrderText(shopify, "shopify", "kallesia"),
      brand: "kallesia",
      actor: SYSTEM,
      now,
      source: "import",
    });
    expect(fromShopify).toMatchObject({ created: 1, bad: [] });
    const row = await store.db
      .selectFrom("orders")
      .select(["subtotal", "total"])
      .where("number", "=", "K-501")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ subtotal: 1010, total: 1010 });
  });
});

describe.each(testDatabases())("demo orders on $name", (target) => {
  let store: Store;
  beforeAll(async () => {
    store = await target.open();
  });
  afterAll(() => store.close());

  it("load cleanly with every status and category, and a recent Castélla dress is returnable today", async () => {
    for (const slug of ["castella", "kallesia"]) {
      const policy = readFileSync(join(BRANDS_DIR, slug, "policy.yaml"), "utf8");
      await addBrand(store.db, {
        slug,
        name: slug,
        policy: { text: policy, source: "policy.yaml" },
        now: new Date("2026-01-01T00:00:00Z"),
      });
      const text = readFileSync(join(BRANDS_DIR, slug, "demo-orders.jsonl"), "utf8");
      const result = await importOrders(store.db, {
        records: parseOrderText(text, "jsonl", slug),
        brand: slug,
        actor: SYSTEM,
        now,
        source: "demo",
      });
      expect(result).toMatchObject({ created: 20, bad: [] });
    }
    const statuses = await store.db.selectFrom("orders").select("status").distinct().execute();
    expect(statuses.map((s) => s.status).sort()).toEqual(["cancelled", "delivered", "dispatched", "placed"]);
    const categories = await store.db.selectFrom("order_lines").select("category").distinct().execute();
    expect(categories.map((c) => c.category).sort()).toEqual([
      "accessories",
      "dresses",
      "knitwear",
      "skirts",
      "swimwear",
      "tops",
      "undergarments",
    ]);
    const lastMile = await store.db
      .selectFrom("shipments")
      .select("id")
      .where("last_mile_courier", "is not", null)
      .execute();
    expect(lastMile.length).toBeGreaterThan(3);
    const countries = await store.db.selectFrom("orders").select("shipping_country").distinct().execute();
    expect(countries.map((c) => c.shipping_country)).toEqual(expect.arrayContaining(["MX", "TR"]));

    const loaded = await loadOrderByNumber(store.db, "castella", "CA-10001");
    const decision = evaluate(
      loaded.policy,
      parseScenario({
        brand: "castella",
        now: "2026-11-23T15:00:00Z",
        order: loaded.policyOrder,
        request: {
          type: "return",
          items: [
            {
              lineId: "1",
              quantity: 1,
              reason: "fit",
              condition: {
                tagsAttached: true,
                worn: false,
                washed: false,
                perfumeResidue: false,
                originalPackaging: true,
              },
            },
            { lineId: "2", quantity: 1, reason: "fit", condition: { tagsAttached: true } },
          ],
        },
      }),
    );
    expect(decision.outcome).toBe("partially_approved");
    expect(decision.items.map((i) => [i.lineId, i.outcome])).toEqual([
      ["1", "approved"],
      ["2", "rejected"],
    ]);
  });
});
