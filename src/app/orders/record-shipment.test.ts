import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { addBrand } from "../brands/add-brand.ts";
import type { Actor } from "../kernel/actor.ts";
import { isAppError } from "../kernel/errors.ts";
import { ZOrderInput } from "./order-input.ts";
import { recordShipment } from "./record-shipment.ts";
import { upsertOrder } from "./upsert-order.ts";

const key: Actor = { type: "api_key", id: "key-1", brandId: null };
const now = new Date("2026-11-20T10:00:00Z");
const url = "https://track.example-courier.com/status?parcel=420000000000123456";

describe.each(testDatabases())("recordShipment on $name", (target) => {
  let store: Store;
  const events = async (orderId: string) =>
    (
      await store.db.selectFrom("outbox").select("event_type").where("aggregate_id", "=", orderId).execute()
    ).map((e) => e.event_type);
  beforeAll(async () => {
    store = await target.open();
    await addBrand(store.db, { slug: "kallesia", name: "Kallesia", currency: "GBP" });
  });
  afterAll(() => store.close());

  const place = (number: string, status = "placed") =>
    upsertOrder(store.db, {
      input: ZOrderInput.parse({
        brand: "kallesia",
        number,
        email: "m@example.com",
        placedAt: "2026-11-18T10:00:00Z",
        currency: "GBP",
        status,
        payment: { method: "card" },
        shippingCountry: "MX",
        lines: [{ id: "1", category: "dresses", unitPrice: 8000, quantity: 1 }],
      }),
      actor: key,
      now,
      source: "api",
    });

  it("dispatches the order, takes the tracking number from the link, and emits order.dispatched once", async () => {
    const { orderId } = await place("K-7001");
    const first = await recordShipment(store.db, {
      brand: "kallesia",
      orderNumber: "K-7001",
      shipment: { courier: "DHL Express", trackingUrl: url },
      actor: key,
      now,
    });
    expect(first).toMatchObject({
      created: true,
      orderStatus: "dispatched",
      shipment: { trackingNumber: "420000000000123456", courier: "DHL Express", lastMileCourier: null },
    });
    const order = await store.db
      .selectFrom("orders")
      .selectAll()
      .where("id", "=", orderId)
      .executeTakeFirstOrThrow();
    expect(order).toMatchObject({ status: "dispatched", dispatched_at: now.toISOString() });
    expect(await events(orderId)).toEqual(["order.placed", "order.dispatched"]);

    // The same parcel again: nothing written. Later the last-mile courier becomes known: an update.
    const again = await recordShipment(store.db, {
      brand: "kallesia",
      orderNumber: "K-7001",
      shipment: { courier: "DHL Express", trackingUrl: url },
      actor: key,
      now,
    });
    expect(again).toMatchObject({ created: false, changed: false });
    const lastMile = await recordShipment(store.db, {
      brand: "kallesia",
      orderNumber: "K-7001",
      shipment: {
        trackingNumber: "420000000000123456",
        lastMileCourier: "Estafeta",
        lastMileTrackingNumber: "EST-55501",
        lastMileContact: "+52 800 378 2338",
      },
      actor: key,
      now,
    });
    expect(lastMile).toMatchObject({
      created: false,
      changed: true,
      shipment: { lastMileCourier: "Estafeta", lastMileTrackingNumber: "EST-55501", courier: "DHL Express" },
    });
    expect(await events(orderId)).toEqual(["order.placed", "order.dispatched"]);
    const shipments = await store.db
      .selectFrom("shipments")
      .selectAll()
      .where("order_id", "=", orderId)
      .execute();
    expect(shipments).toHaveLength(1);
  });

  it("refuses a shipment without a tracking number, for a cancelled order, or an unknown order", async () => {
    await place("K-7002");
    await expect(
      recordShipment(store.db, {
        brand: "kallesia",
        orderNumber: "K-7002",
        shipment: { courier: "DHL", trackingUrl: "https://t.example/?id=12" },
        actor: key,
        now,
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "VALIDATION"));
    await place("K-7003", "cancelled");
    await expect(
      recordShipment(store.db, {
        brand: "kallesia",
        orderNumber: "K-7003",
        shipment: { trackingNumber: "X1" },
        actor: key,
        now,
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "CONFLICT"));
    await expect(
      recordShipment(store.db, {
        brand: "kallesia",
        orderNumber: "nope",
        shipment: { trackingNumber: "X1" },
        actor: key,
        now,
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "NOT_FOUND"));
  });
});
