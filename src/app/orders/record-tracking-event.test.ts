import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { addBrand } from "../brands/add-brand.ts";
import type { Actor } from "../kernel/actor.ts";
import { isAppError } from "../kernel/errors.ts";
import { loadOrderByNumber } from "./load-order.ts";
import { ZOrderInput } from "./order-input.ts";
import { recordShipment } from "./record-shipment.ts";
import { recordTrackingEvent } from "./record-tracking-event.ts";
import { upsertOrder } from "./upsert-order.ts";

const key: Actor = { type: "api_key", id: "key-1", brandId: null };
const now = new Date("2026-11-20T10:00:00Z");

describe.each(testDatabases())("recordTrackingEvent on $name", (target) => {
  let store: Store;
  const eventsOf = async (orderId: string) =>
    (
      await store.db.selectFrom("outbox").select("event_type").where("aggregate_id", "=", orderId).execute()
    ).map((e) => e.event_type);
  beforeAll(async () => {
    store = await target.open();
    await addBrand(store.db, { slug: "castella", name: "Castélla", currency: "USD" });
  });
  afterAll(() => store.close());

  async function shippedOrder(number: string, parcels: string[]) {
    const { orderId } = await upsertOrder(store.db, {
      input: ZOrderInput.parse({
        brand: "castella",
        number,
        email: "t@example.com",
        placedAt: "2026-11-15T10:00:00Z",
        currency: "USD",
        payment: { method: "card" },
        lines: [{ id: "1", category: "dresses", unitPrice: 8000, quantity: 1 }],
      }),
      actor: key,
      now,
      source: "api",
    });
    const ids: string[] = [];
    for (const trackingNumber of parcels) {
      const r = await recordShipment(store.db, {
        brand: "castella",
        orderNumber: number,
        shipment: { courier: "UPS", trackingNumber, dispatchedAt: "2026-11-16T09:00:00Z" },
        actor: key,
        now,
      });
      ids.push(r.shipment.id);
    }
    return { orderId, ids };
  }

  it("delivers the order on the delivered scan, once, and ignores a repeated event", async () => {
    const { orderId, ids } = await shippedOrder("CA-1", ["1Z001"]);
    const shipmentId = ids[0] ?? "";
    const transit = await recordTrackingEvent(store.db, {
      shipmentId,
      event: { status: "out_for_delivery", occurredAt: "2026-11-18T08:00:00Z" },
      actor: key,
      now,
    });
    expect(transit).toMatchObject({
      recorded: true,
      shipmentStatus: "out_for_delivery",
      orderStatus: "dispatched",
    });
    const delivered = {
      status: "delivered" as const,
      occurredAt: "2026-11-18T15:30:00Z",
      location: "Austin TX",
    };
    const first = await recordTrackingEvent(store.db, { shipmentId, event: delivered, actor: key, now });
    expect(first).toMatchObject({ recorded: true, shipmentStatus: "delivered", orderStatus: "delivered" });
    const repeat = await recordTrackingEvent(store.db, { shipmentId, event: delivered, actor: key, now });
    expect(repeat.recorded).toBe(false);
    // A scan that arrives late does not move the parcel back.
    const late = await recordTrackingEvent(store.db, {
      shipmentId,
      event: { status: "in_transit", occurredAt: "2026-11-17T08:00:00Z" },
      actor: key,
      now,
    });
    expect(late).toMatchObject({ recorded: true, shipmentStatus: "delivered", orderStatus: "delivered" });
    expect(await eventsOf(orderId)).toEqual(["order.placed", "order.dispatched", "order.delivered"]);
    const loaded = await loadOrderByNumber(store.db, "castella", "CA-1");
    expect(loaded.policyOrder).toMatchObject({
      status: "delivered",
      dispatchedAt: "2026-11-16T09:00:00.000Z",
      deliveredAt: "2026-11-18T15:30:00.000Z",
    });
  });

  it("waits for every parcel before the order is delivered", async () => {
    const { ids } = await shippedOrder("CA-2", ["1Z101", "1Z102"]);
    const [a, b] = ids;
    const ev = { status: "delivered" as const, occurredAt: "2026-11-18T10:00:00Z" };
    const one = await recordTrackingEvent(store.db, { shipmentId: a ?? "", event: ev, actor: key, now });
    expect(one.orderStatus).toBe("dispatched");
    const two = await recordTrackingEvent(store.db, {
      shipmentId: b ?? "",
      event: { ...ev, occurredAt: "2026-11-19T10:00:00Z" },
      actor: key,
      now,
    });
    expect(two.orderStatus).toBe("delivered");
    const loaded = await loadOrderByNumber(store.db, "castella", "CA-2");
    expect(loaded.order.delivered_at).toBe("2026-11-19T10:00:00.000Z");
  });

  it("hides another brand's parcel and an unknown one", async () => {
    const { ids } = await shippedOrder("CA-3", ["1Z201"]);
    const other: Actor = { type: "api_key", id: "k2", brandId: "another-brand" };
    const event = { status: "in_transit" as const, occurredAt: "2026-11-17T10:00:00Z" };
    await expect(
      recordTrackingEvent(store.db, { shipmentId: ids[0] ?? "", event, actor: other, now }),
    ).rejects.toSatisfy((e) => isAppError(e, "NOT_FOUND"));
    await expect(
      recordTrackingEvent(store.db, { shipmentId: "missing", event, actor: key, now }),
    ).rejects.toSatisfy((e) => isAppError(e, "NOT_FOUND"));
  });
});
