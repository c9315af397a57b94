import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASTELLA_NOW, inspectedCastellaReturn, seedBrand, staff } from "../../../test/support/test-seed.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { isAppError } from "../kernel/errors.ts";
import { goodwillRefund } from "./goodwill-refund.ts";
import { issueRefund } from "./issue-refund.ts";

describe.each(testDatabases())("issueRefund on $name", (target) => {
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

  const refundRows = (returnId: string) =>
    store.db.selectFrom("refunds").selectAll().where("return_id", "=", returnId).execute();

  it("pays the inspected amount once, audits it and moves the return to refunded", async () => {
    const { returnId } = await inspectedCastellaReturn(store.db, castellaId);
    const first = await issueRefund(store.db, {
      actor: staff("agent"),
      now: CASTELLA_NOW,
      returnId,
      idempotencyKey: "refund-key-0001",
    });
    expect(first.replayed).toBe(false);
    expect(first.refund).toMatchObject({ amount: 11000, method: "original_payment", status: "issued" });
    const again = await issueRefund(store.db, {
      actor: staff("agent"),
      now: CASTELLA_NOW,
      returnId,
      idempotencyKey: "refund-key-0001",
    });
    expect(again).toEqual({ refund: first.refund, replayed: true });
    const ret = await store.db
      .selectFrom("returns")
      .selectAll()
      .where("id", "=", returnId)
      .executeTakeFirstOrThrow();
    expect(ret.status).toBe("refunded");
    const audit = await store.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", first.refund.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["refund.issued"]);
  });

  it("gives exactly one refund for 20 parallel requests with the same key", async () => {
    const { returnId } = await inspectedCastellaReturn(store.db, castellaId);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        issueRefund(store.db, {
          actor: staff("agent"),
          now: CASTELLA_NOW,
          returnId,
          idempotencyKey: "same-key-parallel",
        }),
      ),
    );
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    const ids = new Set(results.map((r) => (r.status === "fulfilled" ? r.value.refund.id : "")));
    expect(ids.size).toBe(1);
    expect(await refundRows(returnId)).toHaveLength(1);
  });

  it("gives exactly one refund for 20 parallel requests with different keys", async () => {
    const { returnId } = await inspectedCastellaReturn(store.db, castellaId);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        issueRefund(store.db, {
          actor: staff("agent"),
          now: CASTELLA_NOW,
          returnId,
          idempotencyKey: `different-key-${i}`,
        }),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const lost of results.filter((r) => r.status === "rejected")) {
      expect(isAppError(lost.reason, "CONFLICT")).toBe(true);
    }
    const rows = await refundRows(returnId);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.amount).toBe(11000);
  });

  it("never pays more than is left after earlier refunds", async () => {
    const { order, returnId } = await inspectedCastellaReturn(store.db, castellaId);
    // Paid 16,800: a 10,000 goodwill refund leaves 6,800 for the 11,000 the return would pay.
    await goodwillRefund(store.db, {
      actor: staff("admin"),
      now: CASTELLA_NOW,
      orderId: order.orderId,
      amount: 10000,
      reason: "late delivery",
      idempotencyKey: "goodwill-before-return",
    });
    const { refund } = await issueRefund(store.db, {
      actor: staff("agent"),
      now: CASTELLA_NOW,
      returnId,
      idempotencyKey: "capped-refund-1",
    });
    expect(refund.amount).toBe(6800);
    const total = (
      await store.db.selectFrom("refunds").select("amount").where("order_id", "=", order.orderId).execute()
    )
      .map((r) => r.amount)
      .reduce((a, b) => a + b, 0);
    expect(total).toBe(order.total);
  });

  it("makes an uncleared e-cheque refund wait for clearance where the policy says so", async () => {
    const { returnId } = await inspectedCastellaReturn(store.db, kallesiaId, {
      currency: "GBP",
      payment: { method: "e_cheque", cleared: false },
    });
    const { refund } = await issueRefund(store.db, {
      actor: staff("agent"),
      now: CASTELLA_NOW,
      returnId,
      idempotencyKey: "echeque-refund-1",
    });
    expect(refund).toMatchObject({ status: "pending_clearance", completed_at: null, amount: 12000 });
    const events = await store.db
      .selectFrom("outbox")
      .select("event_type")
      .where("aggregate_id", "=", refund.id)
      .execute();
    expect(events.map((e) => e.event_type)).toEqual(["refund.pending_clearance"]);
  });

  it("refuses warehouse staff and returns that are not inspected", async () => {
    const { returnId } = await inspectedCastellaReturn(store.db, castellaId);
    const forbidden = await issueRefund(store.db, {
      actor: staff("warehouse"),
      now: CASTELLA_NOW,
      returnId,
      idempotencyKey: "warehouse-tries",
    }).catch((e: unknown) => e);
    expect(isAppError(forbidden, "FORBIDDEN")).toBe(true);
    const badKey = await issueRefund(store.db, {
      actor: staff("agent"),
      now: CASTELLA_NOW,
      returnId,
      idempotencyKey: "x",
    }).catch((e: unknown) => e);
    expect(isAppError(badKey, "VALIDATION")).toBe(true);
  });
});
