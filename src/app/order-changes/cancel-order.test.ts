import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  castellaDelivered,
  seedBrand,
  seedOrder,
  shopperOf,
  staff,
} from "../../../test/support/test-seed.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { isAppError } from "../kernel/errors.ts";
import { cancelOrder } from "./cancel-order.ts";
import { resolveCancellation } from "./resolve-cancellation.ts";

const NOW = new Date("2026-03-01T12:00:00.000Z");

describe.each(testDatabases())("cancelOrder and resolveCancellation on $name", (target) => {
  let store: Store;
  let castellaId: string;
  let kallesiaId: string;
  beforeAll(async () => {
    store = await target.open();
    castellaId = (await seedBrand(store.db, "castella")).id;
    kallesiaId = (await seedBrand(store.db, "kallesia")).id;
  });
  afterAll(async () => {
    await store.close();
  });

  const placed = (brandId: string, currency: string) => ({
    ...castellaDelivered(brandId),
    currency,
    status: "placed" as const,
    dispatchedAt: null,
    deliveredAt: null,
  });

  it("Kallesia: a request for the desk, approved with a refund to the original payment", async () => {
    const order = await seedOrder(store.db, placed(kallesiaId, "GBP"));
    const first = await cancelOrder(store.db, {
      actor: shopperOf(order, kallesiaId),
      now: NOW,
      orderId: order.orderId,
      reason: "ordered twice",
    });
    expect(first.status).toBe("pending");
    expect(first.decision.outcome).toBe("needs_review");
    expect(first.decision.reasons[0]?.clause?.id).toBe("K-cancel");
    // Asking again while the desk has not answered returns the same request.
    const again = await cancelOrder(store.db, {
      actor: shopperOf(order, kallesiaId),
      now: NOW,
      orderId: order.orderId,
      reason: "ordered twice",
    });
    expect(again.cancellation.id).toBe(first.cancellation.id);
    const resolved = await resolveCancellation(store.db, {
      actor: staff("agent"),
      now: NOW,
      cancellationId: first.cancellation.id,
      approve: true,
    });
    expect(resolved.cancellation.status).toBe("approved");
    expect(resolved.refund).toMatchObject({
      amount: order.total,
      method: "original_payment",
      status: "issued",
    });
    const stored = await store.db
      .selectFrom("orders")
      .select("status")
      .where("id", "=", order.orderId)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe("cancelled");
    const twice = await resolveCancellation(store.db, {
      actor: staff("agent"),
      now: NOW,
      cancellationId: first.cancellation.id,
      approve: true,
    }).catch((e: unknown) => e);
    expect(isAppError(twice, "CONFLICT")).toBe(true);
  });

  it("a declined request leaves the order as it was", async () => {
    const order = await seedOrder(store.db, placed(kallesiaId, "GBP"));
    const { cancellation } = await cancelOrder(store.db, {
      actor: staff("agent"),
      now: NOW,
      orderId: order.orderId,
      reason: "x",
    });
    const resolved = await resolveCancellation(store.db, {
      actor: staff("admin"),
      now: NOW,
      cancellationId: cancellation.id,
      approve: false,
      note: "already packed",
    });
    expect(resolved).toMatchObject({ refund: null, cancellation: { status: "declined" } });
    const refunds = await store.db
      .selectFrom("refunds")
      .select("id")
      .where("order_id", "=", order.orderId)
      .execute();
    expect(refunds).toHaveLength(0);
  });

  it("after dispatch: refused with the reason and what to do instead", async () => {
    const order = await seedOrder(store.db, castellaDelivered(castellaId));
    const error = await cancelOrder(store.db, {
      actor: shopperOf(order, castellaId),
      now: NOW,
      orderId: order.orderId,
      reason: "x",
    }).catch((e: unknown) => e);
    expect(isAppError(error, "VALIDATION")).toBe(true);
    expect((error as Error).message).toMatch(/already been dispatched.*return/);
    const rows = await store.db
      .selectFrom("cancellations")
      .select("id")
      .where("order_id", "=", order.orderId)
      .execute();
    expect(rows).toHaveLength(0);
  });

  it("two parallel Castélla cancellations credit the order once", async () => {
    const order = await seedOrder(store.db, placed(castellaId, "USD"));
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        cancelOrder(store.db, {
          actor: shopperOf(order, castellaId),
          now: NOW,
          orderId: order.orderId,
          reason: "x",
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const ledger = await store.db
      .selectFrom("store_credit_ledger")
      .select("amount")
      .where("email", "=", order.email)
      .execute();
    expect(ledger).toEqual([{ amount: order.total }]);
  });
});
