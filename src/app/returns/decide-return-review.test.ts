import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CASTELLA_NOW,
  castellaDelivered,
  GOOD_CONDITION,
  type SeededOrder,
  seedBrand,
  seedOrder,
  shopperOf,
  staff,
} from "../../../test/support/test-seed.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { isAppError } from "../kernel/errors.ts";
import { issueRefund } from "../money/issue-refund.ts";
import { decideReturnReview } from "./decide-return-review.ts";
import { inspectReturn } from "./inspect-return.ts";
import { receiveReturn } from "./receive-return.ts";
import { startReturn } from "./start-return.ts";

const LATER = new Date("2026-03-13T14:00:00.000Z");

describe.each(testDatabases())("decide-return-review on $name", (target) => {
  let store: Store;
  let brandId = "";
  beforeAll(async () => {
    store = await target.open();
    brandId = (await seedBrand(store.db, "castella")).id;
  });
  afterAll(() => store.close());

  /** A final-sale dress reported faulty, with a bralette that is never returnable beside it. */
  async function faultyFinalSale(): Promise<{ order: SeededOrder; returnId: string }> {
    const base = castellaDelivered(brandId);
    const order = await seedOrder(store.db, {
      ...base,
      lines: base.lines.map((l) => (l.key === "1" ? { ...l, finalSale: true } : l)),
    });
    const started = await startReturn(store.db, {
      actor: shopperOf(order, brandId),
      now: CASTELLA_NOW,
      orderId: order.orderId,
      kind: "return",
      items: [
        { lineId: "1", quantity: 1, reason: "faulty", condition: GOOD_CONDITION },
        { lineId: "2", quantity: 1, reason: "changed_mind", condition: GOOD_CONDITION },
      ],
    });
    expect(started.return.status).toBe("requested");
    expect(started.decision.items.map((i) => i.outcome)).toEqual(["needs_review", "rejected"]);
    return { order, returnId: started.return.id };
  }

  const linesOf = (returnId: string) =>
    store.db
      .selectFrom("return_lines")
      .innerJoin("order_lines", "order_lines.id", "return_lines.order_line_id")
      .select(["order_lines.line_key as key", "return_lines.outcome", "return_lines.reasons"])
      .where("return_id", "=", returnId)
      .orderBy("order_lines.position")
      .execute();

  it("approves a fault on a final-sale item: the engine re-quotes without the fee, audit and outbox", async () => {
    const { returnId } = await faultyFinalSale();
    const result = await decideReturnReview(store.db, {
      actor: staff("agent"),
      now: LATER,
      returnId,
      approve: true,
      reason: "Photos show a seam opening along the hem.",
    });
    expect(result.return.status).toBe("authorized");
    expect(result.review).toMatchObject({ decision: "approved", by: "agent-1", at: LATER.toISOString() });
    expect(result.authorizedLineIds).toHaveLength(1);
    // A fault quality control approved pays the full price: no return fee, shipping still kept.
    expect(result.decision.resolution).toMatchObject({ method: "refund_original_payment", amount: 12000 });
    expect(result.decision.notices.map((n) => n.code)).not.toContain("RETURN_FEE_DEDUCTED");
    expect(result.packingInstructions.join(" ")).toContain(result.return.rma_number);

    const stored = await store.db
      .selectFrom("returns")
      .selectAll()
      .where("id", "=", returnId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: "authorized", quoted_amount: 12000 });
    expect(stored.authorized_at).toBe(LATER.toISOString());
    expect(JSON.parse(stored.review ?? "null")).toMatchObject({
      decision: "approved",
      reason: "Photos show a seam opening along the hem.",
    });
    expect(JSON.parse(stored.decision).outcome).toBe("partially_approved");
    const lines = await linesOf(returnId);
    expect(lines.map((l) => [l.key, l.outcome])).toEqual([
      ["1", "approved"],
      ["2", "rejected"],
    ]);
    // The bralette keeps its own reason and clause.
    expect(JSON.parse(lines[1]?.reasons ?? "[]")[0]).toMatchObject({
      code: "CATEGORY_EXCLUDED",
      clause: { id: "C-excluded" },
    });

    const audit = await store.db
      .selectFrom("audit_log")
      .select(["action", "actor_id", "after"])
      .where("entity_id", "=", returnId)
      .orderBy("created_at")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["return.requested", "return.authorized"]);
    expect(audit[1]?.actor_id).toBe("agent-1");
    expect(JSON.parse(audit[1]?.after ?? "{}").review.reason).toContain("seam");
    const events = await store.db
      .selectFrom("outbox")
      .select(["event_type", "payload"])
      .where("aggregate_id", "=", returnId)
      .orderBy("created_at")
      .execute();
    expect(events.map((e) => e.event_type)).toEqual(["return.requested", "return.authorized"]);
    expect(JSON.parse(events[1]?.payload ?? "{}")).toMatchObject({
      status: "authorized",
      review: { decision: "approved" },
    });

    // The approved item then goes the usual way: received, inspected, refunded. The warehouse does not
    // have to repeat that the fault was confirmed: the reviewed line carries it.
    await receiveReturn(store.db, { actor: staff("warehouse"), now: LATER, returnId });
    const [lineId] = result.authorizedLineIds;
    const inspected = await inspectReturn(store.db, {
      actor: staff("warehouse"),
      now: LATER,
      returnId,
      lines: [{ returnLineId: lineId ?? "", condition: { tagsAttached: false } }],
    });
    expect(inspected.refundAmount).toBe(12000);
    const paid = await issueRefund(store.db, {
      actor: staff("agent"),
      now: LATER,
      returnId,
      idempotencyKey: "review-refund-0001",
    });
    expect(paid.refund).toMatchObject({ amount: 12000, status: "issued" });
  });

  it("refuses with a reason: the return is rejected and the shopper is told why", async () => {
    const { returnId } = await faultyFinalSale();
    const result = await decideReturnReview(store.db, {
      actor: staff("admin"),
      now: LATER,
      returnId,
      approve: false,
      reason: "The marks shown come from wear, not from the making.",
    });
    expect(result.return.status).toBe("rejected");
    expect(result.return.closed_at).toBe(LATER.toISOString());
    expect(result.authorizedLineIds).toEqual([]);
    expect(result.packingInstructions).toEqual([]);
    const lines = await linesOf(returnId);
    expect(lines.map((l) => l.outcome)).toEqual(["rejected", "rejected"]);
    const events = await store.db
      .selectFrom("outbox")
      .select(["event_type", "payload"])
      .where("aggregate_id", "=", returnId)
      .orderBy("created_at")
      .execute();
    expect(events.map((e) => e.event_type)).toEqual(["return.requested", "return.rejected"]);
    expect(JSON.parse(events[1]?.payload ?? "{}").reason).toContain("wear");
    const audit = await store.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", returnId)
      .execute();
    expect(audit.map((a) => a.action)).toContain("return.review_refused");
  });

  it("is decided once, by the care team, with a reason", async () => {
    const { order, returnId } = await faultyFinalSale();
    const decide = (over: Partial<Parameters<typeof decideReturnReview>[1]>) =>
      decideReturnReview(store.db, {
        actor: staff("agent"),
        now: LATER,
        returnId,
        approve: true,
        reason: "Fault confirmed.",
        ...over,
      });
    await expect(decide({ actor: staff("warehouse") })).rejects.toSatisfy((e) => isAppError(e, "FORBIDDEN"));
    await expect(decide({ actor: shopperOf(order, brandId) })).rejects.toSatisfy((e) =>
      isAppError(e, "FORBIDDEN"),
    );
    await expect(decide({ actor: staff("agent", "another-brand") })).rejects.toSatisfy((e) =>
      isAppError(e, "FORBIDDEN"),
    );
    await expect(decide({ reason: "   " })).rejects.toSatisfy((e) => isAppError(e, "VALIDATION"));
    await expect(decide({ returnId: "no-such-return" })).rejects.toSatisfy((e) => isAppError(e, "NOT_FOUND"));

    await decide({});
    await expect(decide({ approve: false })).rejects.toSatisfy((e) => isAppError(e, "CONFLICT"));
    const authorized = await store.db
      .selectFrom("audit_log")
      .select("id")
      .where("entity_id", "=", returnId)
      .where("action", "=", "return.authorized")
      .execute();
    expect(authorized).toHaveLength(1);
  });

  it("leaves an authorised return alone: nothing in it waits for a person", async () => {
    const order = await seedOrder(store.db, castellaDelivered(brandId));
    const started = await startReturn(store.db, {
      actor: shopperOf(order, brandId),
      now: CASTELLA_NOW,
      orderId: order.orderId,
      kind: "return",
      items: [{ lineId: "1", quantity: 1, reason: "changed_mind", condition: GOOD_CONDITION }],
    });
    await expect(
      decideReturnReview(store.db, {
        actor: staff("agent"),
        now: LATER,
        returnId: started.return.id,
        approve: true,
        reason: "Looks fine.",
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "CONFLICT"));
  });
});
