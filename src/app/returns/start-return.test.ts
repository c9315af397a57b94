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
import { quoteReturn } from "./quote-return.ts";
import { isRmaNumber } from "./rma.ts";
import { startReturn } from "./start-return.ts";

describe.each(testDatabases())("quoteReturn and startReturn on $name", (target) => {
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

  const dressAndBralette = [
    { lineId: "1", quantity: 1, reason: "changed_mind", condition: GOOD_CONDITION },
    { lineId: "2", quantity: 1, reason: "changed_mind", condition: GOOD_CONDITION },
  ];

  it("quotes without writing anything", async () => {
    const order = await seedOrder(store.db, castellaDelivered(castellaId));
    const decision = await quoteReturn(store.db, {
      actor: shopperOf(order, castellaId),
      now: CASTELLA_NOW,
      orderId: order.orderId,
      kind: "return",
      items: dressAndBralette,
    });
    expect(decision.outcome).toBe("partially_approved");
    expect(decision.resolution.amount).toBe(11000);
    const rows = await store.db
      .selectFrom("returns")
      .select("id")
      .where("order_id", "=", order.orderId)
      .execute();
    expect(rows).toHaveLength(0);
  });

  it("authorises only the approved lines, with packing instructions and promises", async () => {
    const order = await seedOrder(store.db, castellaDelivered(castellaId));
    const result = await startReturn(store.db, {
      actor: shopperOf(order, castellaId),
      now: CASTELLA_NOW,
      orderId: order.orderId,
      kind: "return",
      items: dressAndBralette,
    });
    expect(result.return.status).toBe("authorized");
    expect(isRmaNumber(result.return.rma_number)).toBe(true);
    expect(result.return.rma_number.startsWith("CA-")).toBe(true);
    expect(result.return.quoted_amount).toBe(11000);
    expect(result.authorizedLineIds).toHaveLength(1);
    expect(result.packingInstructions.join(" ")).toContain(result.return.rma_number);
    expect(result.packingInstructions.join(" ")).toContain("Linen dress");
    expect(result.promises).toMatchObject({ deadline: "2026-03-19", totalBusinessDays: 7 });
    const lines = await store.db
      .selectFrom("return_lines")
      .selectAll()
      .where("return_id", "=", result.return.id)
      .execute();
    const bralette = lines.find((l) => l.outcome === "rejected");
    expect(JSON.parse(bralette?.reasons ?? "[]")).toEqual([
      expect.objectContaining({
        code: "CATEGORY_EXCLUDED",
        clause: expect.objectContaining({ id: "C-excluded" }),
      }),
    ]);
    const events = await store.db
      .selectFrom("outbox")
      .select("event_type")
      .where("aggregate_id", "=", result.return.id)
      .execute();
    expect(events.map((e) => e.event_type)).toEqual(["return.authorized"]);
  });

  it("counts units already on their way back: the same dress cannot be returned twice", async () => {
    const order = await seedOrder(store.db, castellaDelivered(castellaId));
    const input = {
      actor: shopperOf(order, castellaId),
      now: CASTELLA_NOW,
      orderId: order.orderId,
      kind: "return" as const,
      items: [{ lineId: "1", quantity: 1, reason: "changed_mind", condition: GOOD_CONDITION }],
    };
    await startReturn(store.db, input);
    const again = await startReturn(store.db, input).catch((e: unknown) => e);
    expect(isAppError(again, "VALIDATION")).toBe(true);
    expect(JSON.stringify((again as { details: unknown }).details)).toContain("QUANTITY_EXCEEDS_AVAILABLE");
  });

  it("refuses with the decision when nothing is approved, and stores nothing", async () => {
    const order = await seedOrder(store.db, castellaDelivered(castellaId));
    const error = await startReturn(store.db, {
      actor: shopperOf(order, castellaId),
      now: CASTELLA_NOW,
      orderId: order.orderId,
      kind: "exchange",
      items: [{ lineId: "1", quantity: 1, reason: "size", condition: GOOD_CONDITION }],
    }).catch((e: unknown) => e);
    expect(isAppError(error, "VALIDATION")).toBe(true);
    const details = (error as { details: { decision: { reasons: { code: string }[] } } }).details;
    expect(details.decision.reasons.map((r) => r.code)).toContain("EXCHANGE_NOT_OFFERED");
    const rows = await store.db
      .selectFrom("returns")
      .select("id")
      .where("order_id", "=", order.orderId)
      .execute();
    expect(rows).toHaveLength(0);
  });

  it("records a request for a person when the engine needs review (suspected fault on final sale)", async () => {
    const order = await seedOrder(store.db, {
      ...castellaDelivered(castellaId),
      lines: [{ key: "1", title: "Silk top", category: "tops", unitPrice: 9000, finalSale: true }],
    });
    const result = await startReturn(store.db, {
      actor: shopperOf(order, castellaId),
      now: CASTELLA_NOW,
      orderId: order.orderId,
      kind: "return",
      items: [{ lineId: "1", quantity: 1, reason: "faulty", condition: GOOD_CONDITION }],
    });
    expect(result.return.status).toBe("requested");
    expect(result.authorizedLineIds).toEqual([]);
    expect(result.packingInstructions).toEqual([]);
  });

  it("authorises a Kallesia exchange with no money involved", async () => {
    const order = await seedOrder(store.db, {
      ...castellaDelivered(kallesiaId),
      currency: "GBP",
      lines: [{ key: "1", sku: "KN-1", title: "Knit", category: "knitwear", unitPrice: 6000 }],
    });
    const result = await startReturn(store.db, {
      actor: staff("agent"),
      now: CASTELLA_NOW,
      orderId: order.orderId,
      kind: "exchange",
      items: [{ lineId: "1", quantity: 1, reason: "size", wantedSku: "KN-1-L" }],
    });
    expect(result.return).toMatchObject({ status: "authorized", kind: "exchange", quoted_amount: 0 });
    expect(result.decision.resolution.method).toBe("exchange");
    expect(result.promises.totalBusinessDays).toBe(20);
  });

  it("lets a shopper act only on their own order", async () => {
    const mine = await seedOrder(store.db, castellaDelivered(castellaId));
    const theirs = await seedOrder(store.db, castellaDelivered(castellaId));
    const error = await quoteReturn(store.db, {
      actor: shopperOf(mine, castellaId),
      now: CASTELLA_NOW,
      orderId: theirs.orderId,
      kind: "return",
      items: dressAndBralette,
    }).catch((e: unknown) => e);
    expect(isAppError(error, "FORBIDDEN")).toBe(true);
    const wrongBrand = await quoteReturn(store.db, {
      actor: staff("agent", kallesiaId),
      now: CASTELLA_NOW,
      orderId: theirs.orderId,
      kind: "return",
      items: dressAndBralette,
    }).catch((e: unknown) => e);
    expect(isAppError(wrongBrand, "FORBIDDEN")).toBe(true);
  });
});
