// Whole journeys through the use cases, as the portal, the warehouse and the desk drive them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueRefund } from "../src/app/money/issue-refund.ts";
import { storeCreditBalance } from "../src/app/money/store-credit-balance.ts";
import { cancelOrder } from "../src/app/order-changes/cancel-order.ts";
import { addReturnTracking } from "../src/app/returns/add-return-tracking.ts";
import { inspectReturn } from "../src/app/returns/inspect-return.ts";
import { quoteReturn } from "../src/app/returns/quote-return.ts";
import { receiveReturn } from "../src/app/returns/receive-return.ts";
import { startReturn } from "../src/app/returns/start-return.ts";
import type { Store } from "../src/db/database.ts";
import { testDatabases } from "../src/db/test-db.ts";
import {
  castellaDelivered,
  GOOD_CONDITION,
  seedBrand,
  seedOrder,
  shopperOf,
  staff,
} from "./support/test-seed.ts";

describe.each(testDatabases())("journeys on $name", (target) => {
  let store: Store;
  let castellaId: string;
  beforeAll(async () => {
    store = await target.open();
    castellaId = (await seedBrand(store.db, "castella")).id;
  });
  afterAll(async () => {
    await store.close();
  });

  it("Castélla: a dress and a bralette are returned; only the dress is refunded, less the fee once", async () => {
    const order = await seedOrder(store.db, castellaDelivered(castellaId));
    const shopper = shopperOf(order, castellaId);
    const items = [
      { lineId: "1", quantity: 1, reason: "changed_mind", condition: GOOD_CONDITION },
      { lineId: "2", quantity: 1, reason: "changed_mind", condition: GOOD_CONDITION },
    ];
    const day = (d: string) => new Date(`2026-03-${d}T15:00:00.000Z`);

    const quote = await quoteReturn(store.db, {
      actor: shopper,
      now: day("12"),
      orderId: order.orderId,
      kind: "return",
      items,
    });
    expect(quote.outcome).toBe("partially_approved");
    expect(quote.items.map((i) => i.outcome)).toEqual(["approved", "rejected"]);
    expect(quote.items[1]?.reasons[0]).toMatchObject({
      code: "CATEGORY_EXCLUDED",
      clause: { id: "C-excluded" },
    });
    expect(quote.notices.map((n) => n.code)).toEqual(
      expect.arrayContaining(["SHIPPING_NOT_REFUNDED", "RETURN_FEE_DEDUCTED"]),
    );

    const started = await startReturn(store.db, {
      actor: shopper,
      now: day("12"),
      orderId: order.orderId,
      kind: "return",
      items,
    });
    expect(started.return.status).toBe("authorized");
    expect(started.return.quoted_amount).toBe(11000);
    await addReturnTracking(store.db, {
      actor: shopper,
      now: day("13"),
      rmaNumber: started.return.rma_number,
      courier: "UPS",
      trackingNumber: "1Z999AA10123456784",
    });
    // Received on Monday 16 March: seven US business days later is Wednesday 25 March.
    const received = await receiveReturn(store.db, {
      actor: staff("warehouse"),
      now: day("16"),
      returnId: started.return.id,
    });
    expect(received.refundExpectedBy).toBe("2026-03-25");
    // Inspected after the 14-day window closed: the window was met when the return was asked for.
    const inspected = await inspectReturn(store.db, {
      actor: staff("warehouse"),
      now: day("23"),
      returnId: started.return.id,
      lines: started.authorizedLineIds.map((id) => ({ returnLineId: id, condition: GOOD_CONDITION })),
    });
    expect(inspected.refundAmount).toBe(11000);
    expect(inspected.decision.resolution.breakdown).toEqual([
      { kind: "item", lineId: "1", amount: 12000 },
      { kind: "return_fee", amount: -1000 },
    ]);
    const { refund } = await issueRefund(store.db, {
      actor: staff("agent"),
      now: day("24"),
      returnId: started.return.id,
      idempotencyKey: "journey-castella-refund",
    });
    expect(refund).toMatchObject({
      amount: 11000,
      currency: "USD",
      method: "original_payment",
      status: "issued",
    });

    const ret = await store.db
      .selectFrom("returns")
      .selectAll()
      .where("id", "=", started.return.id)
      .executeTakeFirstOrThrow();
    expect(ret.status).toBe("refunded");
    const dress = await store.db
      .selectFrom("order_lines")
      .select(["line_key", "returned_quantity"])
      .where("order_id", "=", order.orderId)
      .orderBy("position")
      .execute();
    expect(dress.map((l) => l.returned_quantity)).toEqual([1, 0]);
    const events = await store.db
      .selectFrom("outbox")
      .select("event_type")
      .where("brand_id", "=", castellaId)
      .where("aggregate_id", "in", [started.return.id, refund.id])
      .orderBy("created_at")
      .execute();
    expect(events.map((e) => e.event_type)).toEqual([
      "return.authorized",
      "return.in_transit",
      "return.received",
      "return.inspected",
      "refund.issued",
    ]);
    const audit = await store.db
      .selectFrom("audit_log")
      .select(["action", "actor_type"])
      .where("entity_id", "in", [started.return.id, refund.id])
      .orderBy("created_at")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "return.authorized",
      "return.tracking_added",
      "return.received",
      "return.inspected",
      "refund.issued",
    ]);
  });

  it("Castélla: a cancellation before dispatch ends in store credit for everything paid", async () => {
    const order = await seedOrder(store.db, {
      ...castellaDelivered(castellaId),
      status: "placed",
      dispatchedAt: null,
      deliveredAt: null,
      discountTotal: 1500,
    });
    const shopper = shopperOf(order, castellaId);
    const now = new Date("2026-03-01T12:00:00.000Z");
    const result = await cancelOrder(store.db, {
      actor: shopper,
      now,
      orderId: order.orderId,
      reason: "changed_mind",
    });
    expect(result.status).toBe("cancelled");
    // 12,000 + 4,000 + 800 shipping − 1,500 discount.
    expect(order.total).toBe(15300);
    expect(result.refund).toMatchObject({ amount: 15300, method: "store_credit", status: "issued" });
    const balance = await storeCreditBalance(store.db, {
      actor: shopper,
      brandId: castellaId,
      email: order.email,
    });
    expect(balance.balances).toEqual([{ currency: "USD", amount: 15300 }]);
    const stored = await store.db
      .selectFrom("orders")
      .select("status")
      .where("id", "=", order.orderId)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe("cancelled");
    const events = await store.db
      .selectFrom("outbox")
      .select("event_type")
      .where("aggregate_id", "in", [order.orderId, result.refund?.id ?? ""])
      .execute();
    expect(events.map((e) => e.event_type).sort()).toEqual(["order.cancelled", "refund.issued"]);
    // Asking again changes nothing: the order is cancelled and the credit stays as it was.
    await expect(
      cancelOrder(store.db, { actor: shopper, now, orderId: order.orderId, reason: "again" }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const after = await storeCreditBalance(store.db, {
      actor: shopper,
      brandId: castellaId,
      email: order.email,
    });
    expect(after.balances).toEqual([{ currency: "USD", amount: 15300 }]);
  });
});
