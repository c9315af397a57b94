import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CASTELLA_NOW,
  castellaDelivered,
  GOOD_CONDITION,
  seedBrand,
  seedOrder,
  shopperOf,
  staff,
} from "../../../test/support/test-seed.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { isAppError } from "../kernel/errors.ts";
import { issueRefund } from "../money/issue-refund.ts";
import { addReturnTracking } from "./add-return-tracking.ts";
import { fulfilExchange } from "./fulfil-exchange.ts";
import { inspectReturn } from "./inspect-return.ts";
import { receiveReturn } from "./receive-return.ts";
import { startReturn } from "./start-return.ts";

describe.each(testDatabases())("receive, inspect and exchange on $name", (target) => {
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

  async function received(
    brandId: string,
    kind: "return" | "exchange",
    lines = castellaDelivered(brandId).lines,
  ) {
    const order = await seedOrder(store.db, { ...castellaDelivered(brandId), lines });
    const started = await startReturn(store.db, {
      actor: shopperOf(order, brandId),
      now: CASTELLA_NOW,
      orderId: order.orderId,
      kind,
      items: lines.map((l) => ({
        lineId: l.key,
        quantity: 1,
        reason: "changed_mind",
        condition: GOOD_CONDITION,
      })),
    });
    await receiveReturn(store.db, {
      actor: staff("warehouse"),
      now: CASTELLA_NOW,
      returnId: started.return.id,
    });
    return { order, started };
  }

  it("tracks the parcel only while it is on its way, and only the warehouse receives it", async () => {
    const order = await seedOrder(store.db, castellaDelivered(castellaId));
    const started = await startReturn(store.db, {
      actor: shopperOf(order, castellaId),
      now: CASTELLA_NOW,
      orderId: order.orderId,
      kind: "return",
      items: [{ lineId: "1", quantity: 1, reason: "fit", condition: GOOD_CONDITION }],
    });
    const tracked = await addReturnTracking(store.db, {
      actor: shopperOf(order, castellaId),
      now: CASTELLA_NOW,
      rmaNumber: started.return.rma_number.toLowerCase(),
      courier: "USPS",
      trackingNumber: "9400100000000000000000",
    });
    expect(tracked).toMatchObject({ status: "in_transit", proof_of_postage: 1 });
    const agent = await receiveReturn(store.db, {
      actor: staff("agent"),
      now: CASTELLA_NOW,
      returnId: started.return.id,
    }).catch((e: unknown) => e);
    expect(isAppError(agent, "FORBIDDEN")).toBe(true);
    await receiveReturn(store.db, {
      actor: staff("warehouse"),
      now: CASTELLA_NOW,
      returnId: started.return.id,
    });
    const late = await addReturnTracking(store.db, {
      actor: shopperOf(order, castellaId),
      now: CASTELLA_NOW,
      rmaNumber: started.return.rma_number,
      courier: "USPS",
      trackingNumber: "1",
    }).catch((e: unknown) => e);
    expect(isAppError(late, "CONFLICT")).toBe(true);
  });

  it("re-checks the found condition against the policy: a worn dress is rejected and nothing is refunded", async () => {
    const { started } = await received(castellaId, "return", [
      castellaDelivered(castellaId).lines[0] ?? { key: "1", unitPrice: 1 },
    ]);
    const result = await inspectReturn(store.db, {
      actor: staff("warehouse"),
      now: CASTELLA_NOW,
      returnId: started.return.id,
      lines: started.authorizedLineIds.map((id) => ({
        returnLineId: id,
        condition: { ...GOOD_CONDITION, worn: true },
      })),
    });
    expect(result.lines[0]).toMatchObject({
      accepted: false,
      reasons: [expect.objectContaining({ code: "CONDITION_NOT_MET" })],
    });
    expect(result.return.status).toBe("rejected");
    expect(result.refundAmount).toBe(0);
    const refund = await issueRefund(store.db, {
      actor: staff("agent"),
      now: CASTELLA_NOW,
      returnId: started.return.id,
      idempotencyKey: "rejected-return-refund",
    }).catch((e: unknown) => e);
    expect(isAppError(refund, "CONFLICT")).toBe(true);
  });

  it("waives the fee when quality control approved the fault", async () => {
    const { started } = await received(castellaId, "return", [
      castellaDelivered(castellaId).lines[0] ?? { key: "1", unitPrice: 1 },
    ]);
    const result = await inspectReturn(store.db, {
      actor: staff("warehouse"),
      now: CASTELLA_NOW,
      returnId: started.return.id,
      lines: started.authorizedLineIds.map((id) => ({
        returnLineId: id,
        condition: { worn: true },
        qcApprovedFault: true,
      })),
    });
    expect(result.refundAmount).toBe(12000);
    const inspections = await store.db
      .selectFrom("return_inspections")
      .selectAll()
      .where("return_line_id", "in", started.authorizedLineIds)
      .execute();
    expect(inspections.map((i) => i.outcome)).toEqual(["accepted"]);
  });

  it("requires every authorised line and only those", async () => {
    const { started } = await received(castellaId, "return");
    const error = await inspectReturn(store.db, {
      actor: staff("warehouse"),
      now: CASTELLA_NOW,
      returnId: started.return.id,
      lines: [],
    }).catch((e: unknown) => e);
    expect(isAppError(error, "VALIDATION")).toBe(true);
  });

  it("Kallesia exchange: inspected, then the replacement ships and the return closes with no money", async () => {
    const { order, started } = await received(kallesiaId, "exchange", [
      { key: "1", sku: "KN-1", title: "Knit", category: "knitwear", unitPrice: 6000 },
    ]);
    const inspected = await inspectReturn(store.db, {
      actor: staff("warehouse"),
      now: CASTELLA_NOW,
      returnId: started.return.id,
      lines: started.authorizedLineIds.map((id) => ({ returnLineId: id, condition: GOOD_CONDITION })),
    });
    expect(inspected.refundAmount).toBe(0);
    expect(inspected.decision.resolution).toMatchObject({ method: "exchange", amount: 0 });
    const result = await fulfilExchange(store.db, {
      actor: staff("agent"),
      now: CASTELLA_NOW,
      returnId: started.return.id,
    });
    expect(result.return.status).toBe("closed");
    expect(result.replacements).toEqual([
      { returnLineId: started.authorizedLineIds[0], sku: "KN-1", quantity: 1 },
    ]);
    const events = await store.db
      .selectFrom("outbox")
      .select("event_type")
      .where("aggregate_id", "=", started.return.id)
      .execute();
    expect(events.map((e) => e.event_type)).toContain("exchange.shipped");
    const refunds = await store.db
      .selectFrom("refunds")
      .select("id")
      .where("order_id", "=", order.orderId)
      .execute();
    expect(refunds).toHaveLength(0);
  });
});
