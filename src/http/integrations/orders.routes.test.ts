// The routes on a bare Fastify with a stand-in guard that admits one API key: the real key check is
// tested with the guard itself. This checks validation, the use cases behind the routes, and errors.
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBrand } from "../../app/brands/add-brand.ts";
import { loadConfig } from "../../config.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { handleError } from "../errors.ts";
import { registerRoutes } from "../route.ts";
import { ordersRoutes } from "./orders.routes.ts";

const now = new Date("2026-11-23T10:00:00Z");
const order = {
  brand: "kallesia",
  number: "K-9100",
  email: "r@example.com",
  placedAt: "2026-11-20T10:00:00Z",
  currency: "GBP",
  payment: { method: "card" },
  lines: [{ id: "1", category: "knitwear", unitPrice: 6500, quantity: 1 }],
};

describe.each(testDatabases())("order integration routes on $name", (target) => {
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    store = await target.open();
    const { brand } = await addBrand(store.db, { slug: "kallesia", name: "Kallesia", currency: "GBP" });
    app = Fastify();
    app.setErrorHandler(handleError);
    registerRoutes(app, ordersRoutes({ config: loadConfig({}), store, now: () => now }), async () => ({
      type: "api_key",
      id: "key-1",
      brandId: brand.id,
    }));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it("upserts an order, records its parcel and a delivered event", async () => {
    const created = await app.inject({ method: "POST", url: "/api/v1/integrations/orders", payload: order });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ outcome: "created", status: "placed", number: "K-9100" });
    const again = await app.inject({ method: "POST", url: "/api/v1/integrations/orders", payload: order });
    expect(again.json().outcome).toBe("unchanged");

    const shipped = await app.inject({
      method: "POST",
      url: "/api/v1/integrations/orders/K-9100/shipments",
      payload: { courier: "DHL", trackingUrl: "https://t.example/track?awb=123456789012345678" },
    });
    expect(shipped.statusCode).toBe(200);
    expect(shipped.json()).toMatchObject({
      orderStatus: "dispatched",
      shipment: { trackingNumber: "123456789012345678" },
    });

    const event = await app.inject({
      method: "POST",
      url: `/api/v1/integrations/shipments/${shipped.json().shipment.id}/events`,
      payload: { status: "delivered", occurredAt: "2026-11-22T12:00:00Z" },
    });
    expect(event.json()).toMatchObject({ recorded: true, orderStatus: "delivered" });
  });

  it("answers an invalid order with the error shape and field paths", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/integrations/orders",
      payload: { ...order, lines: [{ id: "1", unitPrice: "65.00", quantity: 1 }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: "VALIDATION", details: [{ path: "lines.0.unitPrice" }] });
    const event = await app.inject({
      method: "POST",
      url: "/api/v1/integrations/shipments/nope/events",
      payload: { status: "teleported", occurredAt: "2026-11-22T12:00:00Z" },
    });
    expect(event.statusCode).toBe(400);
  });

  it("takes the store-platform order webhook, with the key's brand", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/hooks/shopify/orders",
      payload: {
        id: 5001,
        name: "#K-9200",
        email: "s@example.com",
        created_at: "2026-11-21T09:00:00+00:00",
        currency: "GBP",
        financial_status: "pending",
        payment_gateway_names: ["e-cheque"],
        total_price: "45.50",
        line_items: [
          { id: 1, sku: "SW-3", title: "Swimsuit", price: "45.50", quantity: 1, product_type: "Swimwear" },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ outcome: "created", number: "K-9200", brand: "kallesia" });
    const payment = await store.db
      .selectFrom("payments")
      .innerJoin("orders", "orders.id", "payments.order_id")
      .select(["payments.method", "payments.cleared", "payments.amount"])
      .where("orders.number", "=", "K-9200")
      .executeTakeFirstOrThrow();
    expect(payment).toEqual({ method: "e_cheque", cleared: 0, amount: 4550 });
    const bad = await app.inject({
      method: "POST",
      url: "/api/v1/hooks/shopify/orders",
      payload: { name: "#1" },
    });
    expect(bad.statusCode).toBe(400);
  });
});
