// Real store payloads keep every id exact. The store platform's ids are 64-bit integers sent as bare
// JSON numbers (its test notification's order is 820982911946154508); JSON.parse rounds them to the
// nearest double, so two orders ...508 and ...509, or two of their lines, would be stored under one
// id. Fixtures in the platform's own shapes (orders/create, orders/updated, orders/cancelled,
// fulfillments/create) are imported by file and delivered to the signed webhook.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBrand } from "../../src/app/brands/add-brand.ts";
import { setStoreWebhookSecret } from "../../src/app/integrations/set-store-webhook-secret.ts";
import { SYSTEM } from "../../src/app/kernel/actor.ts";
import { importOrders, orderRecords } from "../../src/app/orders/import-orders.ts";
import { loadConfig } from "../../src/config.ts";
import type { Store } from "../../src/db/database.ts";
import { testDatabases } from "../../src/db/test-db.ts";
import { buildServer } from "../../src/http/server.ts";

const FIXTURES = join(import.meta.dirname, "fixtures/shopify");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");
const NOW = new Date("2026-11-22T12:00:00Z");
const SECRET = "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";

// The digits as the platform sent them; a double holds neither pair apart.
const ORDER = "820982911946154508";
const TWIN_ORDER = "820982911946154509";
const LINES = ["866550311766439020", "141249953214522974"];
const TWIN_LINES = ["866550311766439021", "141249953214522975"];

describe("ids above 2^53 are beyond a double", () => {
  it("the twins collide under JSON.parse, which is why the reader must not use it", () => {
    expect(JSON.parse(ORDER)).toBe(JSON.parse(TWIN_ORDER));
    expect(JSON.parse(LINES[0] ?? "")).toBe(JSON.parse(TWIN_LINES[0] ?? ""));
  });
});

describe.each(testDatabases())("store-platform ids kept exact on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  const orderRow = (number: string) =>
    store.db
      .selectFrom("orders")
      .innerJoin("brands", "brands.id", "orders.brand_id")
      .select(["orders.id", "orders.external_id", "orders.status"])
      .where("brands.slug", "=", number.startsWith("W") ? "kallesia" : "castella")
      .where("orders.number", "=", number.replace(/^W/, ""))
      .executeTakeFirst();
  const lineKeys = async (orderId: string) =>
    (
      await store.db
        .selectFrom("order_lines")
        .select(["line_key", "returned_quantity"])
        .where("order_id", "=", orderId)
        .orderBy("position")
        .execute()
    ).map((l) => [l.line_key, l.returned_quantity]);

  beforeAll(async () => {
    store = await target.open();
    await addBrand(store.db, { slug: "castella", name: "Castélla", currency: "USD" });
    await addBrand(store.db, { slug: "kallesia", name: "Kallesia", currency: "USD" });
    await setStoreWebhookSecret(store.db, { brandSlug: "kallesia", secret: SECRET }, SYSTEM, NOW);
    app = await buildServer({ config: loadConfig({}), store, now: () => NOW });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const importFile = (text: string) =>
    importOrders(store.db, {
      ...orderRecords(text, "shopify", "castella"),
      brand: "castella",
      actor: SYSTEM,
      now: NOW,
      source: "import",
    });

  it("imports orders/create and its twin orders/cancelled by file as two orders with exact ids", async () => {
    const created = await importFile(fixture("orders-create.json"));
    expect(created).toMatchObject({ created: 1, bad: [] });
    const cancelled = await importFile(fixture("orders-cancelled.json"));
    expect(cancelled).toMatchObject({ created: 1, bad: [] });

    const first = await orderRow("9999");
    const twin = await orderRow("9998");
    expect(first?.external_id).toBe(ORDER);
    expect(twin?.external_id).toBe(TWIN_ORDER);
    expect(twin?.status).toBe("cancelled");
    expect(await lineKeys(first?.id ?? "")).toEqual(LINES.map((k) => [k, 0]));
    // The refund names its line by a 64-bit id too: it must land on the right line.
    expect(await lineKeys(twin?.id ?? "")).toEqual([
      [TWIN_LINES[0], 1],
      [TWIN_LINES[1], 0],
    ]);
  });

  it("applies orders/updated to the same order, keeping its line keys", async () => {
    const result = await importFile(fixture("orders-updated.json"));
    expect(result).toMatchObject({ updated: 1, created: 0, bad: [] });
    const order = await orderRow("9999");
    expect(order).toMatchObject({ external_id: ORDER, status: "dispatched" });
    expect(await lineKeys(order?.id ?? "")).toEqual(LINES.map((k) => [k, 0]));
    const again = await importFile(fixture("orders-updated.json"));
    expect(again).toMatchObject({ unchanged: 1, bad: [] });
  });

  it("refuses a fulfillments/create payload with a clear reason instead of inventing an order", async () => {
    const result = await importFile(fixture("fulfillments-create.json"));
    expect(result.created).toBe(0);
    expect(result.bad[0]?.reason).toMatch(/fulfillment/);
  });

  it("keeps the ids exact through the signed webhook", async () => {
    for (const [name, number] of [
      ["orders-create.json", "9999"],
      ["orders-cancelled.json", "9998"],
    ] as const) {
      const body = fixture(name);
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/hooks/shopify/orders?brand=kallesia",
        payload: body,
        headers: {
          "content-type": "application/json",
          "x-shopify-hmac-sha256": createHmac("sha256", SECRET).update(body).digest("base64"),
        },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ outcome: "created", number });
    }
    const first = await orderRow("W9999");
    const twin = await orderRow("W9998");
    expect(first?.external_id).toBe(ORDER);
    expect(twin?.external_id).toBe(TWIN_ORDER);
    expect(await lineKeys(first?.id ?? "")).toEqual(LINES.map((k) => [k, 0]));
    expect((await lineKeys(twin?.id ?? "")).map(([k]) => k)).toEqual(TWIN_LINES);

    const fulfilment = fixture("fulfillments-create.json");
    const refused = await app.inject({
      method: "POST",
      url: "/api/v1/hooks/shopify/orders?brand=kallesia",
      payload: fulfilment,
      headers: {
        "content-type": "application/json",
        "x-shopify-hmac-sha256": createHmac("sha256", SECRET).update(fulfilment).digest("base64"),
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: "VALIDATION" });
  });
});
