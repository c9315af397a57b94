import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeededOrder, seedBrand, seedOrder, staff } from "../../../test/support/test-seed.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import type { Actor } from "../kernel/actor.ts";
import { isAppError } from "../kernel/errors.ts";
import { goodwillRefund } from "./goodwill-refund.ts";
import { markPaymentCleared } from "./mark-payment-cleared.ts";

const NOW = new Date("2026-03-20T10:00:00.000Z");

describe.each(testDatabases())("mark-payment-cleared on $name", (target) => {
  let store: Store;
  let kallesiaId = "";
  let castellaId = "";
  let storeKey: Actor;
  beforeAll(async () => {
    store = await target.open();
    kallesiaId = (await seedBrand(store.db, "kallesia")).id;
    castellaId = (await seedBrand(store.db, "castella")).id;
    storeKey = { type: "api_key", id: "key-kallesia", brandId: kallesiaId };
  });
  afterAll(() => store.close());

  /** A Kallesia order paid by an e-cheque that has not cleared, with two refunds held back. */
  async function chequeOrderWithHeldRefunds(): Promise<SeededOrder> {
    const order = await seedOrder(store.db, {
      brandId: kallesiaId,
      currency: "GBP",
      status: "delivered",
      placedAt: "2026-03-10T10:00:00.000Z",
      dispatchedAt: "2026-03-11T10:00:00.000Z",
      deliveredAt: "2026-03-13T10:00:00.000Z",
      payment: { method: "e_cheque", cleared: false },
      lines: [{ key: "1", title: "Wool coat", unitPrice: 18000 }],
    });
    for (const [method, amount] of [
      ["original_payment", 3000],
      ["store_credit", 2000],
    ] as const) {
      const given = await goodwillRefund(store.db, {
        actor: staff("admin"),
        now: new Date("2026-03-15T10:00:00.000Z"),
        orderId: order.orderId,
        amount,
        reason: "Late delivery",
        method,
        idempotencyKey: `goodwill-${order.orderId}-${method}`,
      });
      expect(given.refund.status).toBe("pending_clearance");
    }
    return order;
  }

  const refundsOf = (orderId: string) =>
    store.db
      .selectFrom("refunds")
      .selectAll()
      .where("order_id", "=", orderId)
      .orderBy("amount", "desc")
      .execute();
  const ledgerOf = (email: string) =>
    store.db.selectFrom("store_credit_ledger").selectAll().where("email", "=", email).execute();

  it("completes every held refund once the store reports the e-cheque cleared", async () => {
    const order = await chequeOrderWithHeldRefunds();
    // Held back: no credit reaches the ledger before the money is real.
    expect(await ledgerOf(order.email)).toEqual([]);

    const result = await markPaymentCleared(store.db, {
      actor: storeKey,
      now: NOW,
      order: { orderNumber: order.number },
      clearedAt: "2026-03-19T16:00:00Z",
    });
    expect(result.alreadyCleared).toBe(false);
    expect(result.clearedPaymentIds).toHaveLength(1);
    expect(result.completedRefunds.map((r) => [r.amount, r.status])).toEqual([
      [3000, "issued"],
      [2000, "issued"],
    ]);

    const payment = await store.db
      .selectFrom("payments")
      .selectAll()
      .where("order_id", "=", order.orderId)
      .executeTakeFirstOrThrow();
    expect(payment).toMatchObject({ cleared: 1, cleared_at: "2026-03-19T16:00:00.000Z" });
    const refunds = await refundsOf(order.orderId);
    expect(refunds.map((r) => [r.status, r.completed_at])).toEqual([
      ["issued", NOW.toISOString()],
      ["issued", NOW.toISOString()],
    ]);
    const ledger = await ledgerOf(order.email);
    expect(ledger.map((e) => [e.amount, e.source_type, e.source_id])).toEqual([
      [2000, "refund", refunds[1]?.id],
    ]);

    const audit = await store.db
      .selectFrom("audit_log")
      .select(["action", "actor_type", "actor_id"])
      .where("created_at", "=", NOW.toISOString())
      .where("entity_id", "in", [payment.id, ...refunds.map((r) => r.id)])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["payment.cleared", "refund.issued", "refund.issued"]);
    expect(audit.every((a) => a.actor_type === "api_key" && a.actor_id === "key-kallesia")).toBe(true);
    const events = await store.db
      .selectFrom("outbox")
      .select(["event_type", "aggregate_id", "payload"])
      .where("created_at", "=", NOW.toISOString())
      .where("aggregate_id", "in", [order.orderId, ...refunds.map((r) => r.id)])
      .execute();
    expect(events.map((e) => e.event_type).sort()).toEqual([
      "payment.cleared",
      "refund.issued",
      "refund.issued",
    ]);
    const issued = events.find((e) => e.aggregate_id === refunds[0]?.id);
    expect(JSON.parse(issued?.payload ?? "{}")).toMatchObject({
      orderNumber: order.number,
      amount: 3000,
      currency: "GBP",
      status: "issued",
    });
  });

  it("changes nothing when the same clearance is reported again, even in parallel", async () => {
    const order = await chequeOrderWithHeldRefunds();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        markPaymentCleared(store.db, { actor: staff("agent"), now: NOW, order: { orderId: order.orderId } }),
      ),
    );
    const done = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(done).toHaveLength(8);
    expect(done.filter((r) => !r.alreadyCleared)).toHaveLength(1);
    expect(done.flatMap((r) => r.completedRefunds)).toHaveLength(2);

    const again = await markPaymentCleared(store.db, {
      actor: storeKey,
      now: new Date("2026-03-21T10:00:00.000Z"),
      order: { orderNumber: order.number, brand: "kallesia" },
    });
    expect(again).toMatchObject({ alreadyCleared: true, clearedPaymentIds: [], completedRefunds: [] });
    expect(await ledgerOf(order.email)).toHaveLength(1);
    const refundIds = (await refundsOf(order.orderId)).map((r) => r.id);
    const issuedEvents = await store.db
      .selectFrom("outbox")
      .select("id")
      .where("event_type", "=", "refund.issued")
      .where("aggregate_id", "in", refundIds)
      .execute();
    expect(issuedEvents).toHaveLength(2);

    // Once cleared, a new refund is paid at once.
    const later = await goodwillRefund(store.db, {
      actor: staff("admin"),
      now: NOW,
      orderId: order.orderId,
      amount: 1000,
      reason: "Sorry again",
      idempotencyKey: `after-clear-${order.orderId}`,
    });
    expect(later.refund.status).toBe("issued");
  });

  it("refuses orders not paid by e-cheque, other brands' keys, shoppers and unknown orders", async () => {
    const card = await seedOrder(store.db, {
      brandId: kallesiaId,
      currency: "GBP",
      status: "placed",
      placedAt: "2026-03-10T10:00:00.000Z",
      lines: [{ key: "1", unitPrice: 5000 }],
    });
    await expect(
      markPaymentCleared(store.db, { actor: storeKey, now: NOW, order: { orderId: card.orderId } }),
    ).rejects.toSatisfy((e) => isAppError(e, "CONFLICT"));

    const cheque = await chequeOrderWithHeldRefunds();
    const otherKey: Actor = { type: "api_key", id: "key-castella", brandId: castellaId };
    await expect(
      markPaymentCleared(store.db, { actor: otherKey, now: NOW, order: { orderId: cheque.orderId } }),
    ).rejects.toSatisfy((e) => isAppError(e, "FORBIDDEN"));
    // Looked up by number, a key only ever finds its own brand's orders.
    await expect(
      markPaymentCleared(store.db, { actor: otherKey, now: NOW, order: { orderNumber: cheque.number } }),
    ).rejects.toSatisfy((e) => isAppError(e, "NOT_FOUND"));
    await expect(
      markPaymentCleared(store.db, {
        actor: staff("warehouse"),
        now: NOW,
        order: { orderId: cheque.orderId },
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "FORBIDDEN"));
    const shopper: Actor = {
      type: "shopper",
      orderId: cheque.orderId,
      brandId: kallesiaId,
      email: cheque.email,
    };
    await expect(
      markPaymentCleared(store.db, { actor: shopper, now: NOW, order: { orderId: cheque.orderId } }),
    ).rejects.toSatisfy((e) => isAppError(e, "FORBIDDEN"));
    await expect(
      markPaymentCleared(store.db, {
        actor: storeKey,
        now: NOW,
        order: { orderId: cheque.orderId },
        clearedAt: "2026-04-01T00:00:00Z",
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "VALIDATION"));
    // An install-wide key must name the brand.
    await expect(
      markPaymentCleared(store.db, {
        actor: { type: "api_key", id: "key-all", brandId: null },
        now: NOW,
        order: { orderNumber: cheque.number },
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "VALIDATION"));
    // Nothing moved through any refusal.
    expect((await refundsOf(cheque.orderId)).map((r) => r.status)).toEqual([
      "pending_clearance",
      "pending_clearance",
    ]);
  });
});
