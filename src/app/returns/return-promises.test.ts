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
import { receiveReturn } from "./receive-return.ts";
import { getReturnPromises } from "./return-promises.ts";
import { startReturn } from "./start-return.ts";

// A Monday in both brands' time zones; Good Friday (3 April) and Easter Monday (6 April) 2026 are
// public holidays in England and not in the United States.
const ARRIVAL = new Date("2026-03-16T11:00:00.000Z");
const VIEWED = new Date("2026-03-17T09:00:00.000Z");

describe.each(testDatabases())("return-promises on $name", (target) => {
  let store: Store;
  let castellaId = "";
  let kallesiaId = "";
  beforeAll(async () => {
    store = await target.open();
    castellaId = (await seedBrand(store.db, "castella")).id;
    kallesiaId = (await seedBrand(store.db, "kallesia")).id;
  });
  afterAll(() => store.close());

  it("shows Kallesia's inspection and refund dates in English working days once the parcel arrives", async () => {
    const order = await seedOrder(store.db, {
      brandId: kallesiaId,
      currency: "GBP",
      status: "delivered",
      placedAt: "2026-03-01T10:00:00.000Z",
      dispatchedAt: "2026-03-02T10:00:00.000Z",
      deliveredAt: "2026-03-05T10:00:00.000Z",
      lines: [{ key: "1", title: "Wool coat", unitPrice: 18000 }],
    });
    const shopper = shopperOf(order, kallesiaId);
    const started = await startReturn(store.db, {
      actor: shopper,
      now: new Date("2026-03-10T10:00:00.000Z"),
      orderId: order.orderId,
      kind: "return",
      items: [{ lineId: "1", quantity: 1, reason: "changed_mind", condition: {} }],
    });
    const rma = started.return.rma_number;

    const before = await getReturnPromises(store.db, { actor: shopper, now: VIEWED, rmaNumber: rma });
    expect(before).toMatchObject({ rma, status: "authorized", quotedAmount: 18000, refunds: [] });
    // No window in Kallesia's policy, and nothing to count from until the warehouse has the parcel.
    expect(before.promises).toEqual({
      deadline: null,
      arrivedAt: null,
      stages: [
        { name: "inspection", businessDays: 10, clause: "K-inspect", expectedBy: null },
        { name: "refund reaches the bank", businessDays: 10, clause: "K-refund", expectedBy: null },
      ],
      inspectionBy: null,
      inspectedOn: null,
      refundExpectedBy: null,
    });

    const received = await receiveReturn(store.db, {
      actor: staff("warehouse"),
      now: ARRIVAL,
      returnId: started.return.id,
    });
    const after = await getReturnPromises(store.db, {
      actor: shopper,
      now: VIEWED,
      rmaNumber: rma.toLowerCase(),
    });
    expect(after.promises).toMatchObject({
      arrivedAt: "2026-03-16",
      inspectionBy: "2026-03-30",
      refundExpectedBy: "2026-04-15",
    });
    expect(after.promises.stages.map((s) => s.expectedBy)).toEqual(["2026-03-30", "2026-04-15"]);
    // The same date the warehouse's receipt announced.
    expect(received.refundExpectedBy).toBe(after.promises.refundExpectedBy);
    expect(after.lines).toEqual([
      { lineId: "1", title: "Wool coat", quantity: 1, outcome: "approved", reasons: [] },
    ]);
  });

  it("shows Castélla's return deadline and its one promise, the refund, in US business days", async () => {
    const order = await seedOrder(store.db, castellaDelivered(castellaId));
    const shopper = shopperOf(order, castellaId);
    const started = await startReturn(store.db, {
      actor: shopper,
      now: CASTELLA_NOW,
      orderId: order.orderId,
      kind: "return",
      items: [
        { lineId: "1", quantity: 1, reason: "changed_mind", condition: GOOD_CONDITION },
        { lineId: "2", quantity: 1, reason: "changed_mind", condition: GOOD_CONDITION },
      ],
    });
    await receiveReturn(store.db, { actor: staff("warehouse"), now: ARRIVAL, returnId: started.return.id });
    const view = await getReturnPromises(store.db, {
      actor: shopper,
      now: VIEWED,
      rmaNumber: started.return.rma_number,
    });
    expect(view.promises).toEqual({
      deadline: "2026-03-19",
      arrivedAt: "2026-03-16",
      stages: [{ name: "refund issued", businessDays: 7, clause: "C-refund", expectedBy: "2026-03-25" }],
      inspectionBy: null,
      inspectedOn: null,
      refundExpectedBy: "2026-03-25",
    });
    // The refused bralette is listed with the clause that refused it.
    expect(view.lines[1]).toMatchObject({
      outcome: "rejected",
      reasons: [{ code: "CATEGORY_EXCLUDED", clause: { id: "C-excluded" } }],
    });

    const other = await seedOrder(store.db, castellaDelivered(castellaId));
    await expect(
      getReturnPromises(store.db, {
        actor: shopperOf(other, castellaId),
        now: VIEWED,
        rmaNumber: started.return.rma_number,
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "FORBIDDEN"));
    await expect(
      getReturnPromises(store.db, { actor: shopper, now: VIEWED, rmaNumber: "CAS-NOPE-0000" }),
    ).rejects.toSatisfy((e) => isAppError(e, "NOT_FOUND"));
  });
});
