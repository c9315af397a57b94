import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CASTELLA_NOW,
  castellaDelivered,
  seedBrand,
  seedOrder,
  shopperOf,
  staff,
} from "../../../test/support/test-seed.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { isAppError } from "../kernel/errors.ts";
import { goodwillRefund } from "./goodwill-refund.ts";
import { issueStoreCredit } from "./issue-store-credit.ts";
import { storeCreditBalance } from "./store-credit-balance.ts";

describe.each(testDatabases())("goodwillRefund and store credit on $name", (target) => {
  let store: Store;
  let castellaId: string;
  let kallesiaId: string;
  beforeAll(async () => {
    store = await target.open();
    castellaId = (await seedBrand(store.db, "castella")).id;
    kallesiaId = (await seedBrand(store.db, "kallesia", { goodwillLimits: { agent: 2000 } })).id;
  });
  afterAll(async () => {
    await store.close();
  });

  const base = { now: CASTELLA_NOW, reason: "parcel arrived late" };

  it("holds agents to the brand's limit (default 50.00) and admins only to what was paid", async () => {
    const order = await seedOrder(store.db, castellaDelivered(castellaId));
    const over = await goodwillRefund(store.db, {
      ...base,
      actor: staff("agent"),
      orderId: order.orderId,
      amount: 5001,
      idempotencyKey: "gw-agent-over",
    }).catch((e: unknown) => e);
    expect(isAppError(over, "FORBIDDEN")).toBe(true);
    const ok = await goodwillRefund(store.db, {
      ...base,
      actor: staff("agent"),
      orderId: order.orderId,
      amount: 5000,
      idempotencyKey: "gw-agent-ok",
    });
    expect(ok.refund).toMatchObject({ kind: "goodwill", amount: 5000, reason: "parcel arrived late" });
    // 16,800 paid, 5,000 given: an admin may give 11,800 more but not 11,801.
    const tooMuch = await goodwillRefund(store.db, {
      ...base,
      actor: staff("admin"),
      orderId: order.orderId,
      amount: 11801,
      idempotencyKey: "gw-admin-over",
    }).catch((e: unknown) => e);
    expect(isAppError(tooMuch, "VALIDATION")).toBe(true);
    const rest = await goodwillRefund(store.db, {
      ...base,
      actor: staff("admin"),
      orderId: order.orderId,
      amount: 11800,
      idempotencyKey: "gw-admin-rest",
    });
    expect(rest.refund.amount).toBe(11800);
  });

  it("uses the limit from the brand settings, requires a reason and replays by key", async () => {
    const order = await seedOrder(store.db, { ...castellaDelivered(kallesiaId), currency: "GBP" });
    const over = await goodwillRefund(store.db, {
      ...base,
      actor: staff("agent"),
      orderId: order.orderId,
      amount: 2001,
      idempotencyKey: "gw-k-over",
    }).catch((e: unknown) => e);
    expect(isAppError(over, "FORBIDDEN")).toBe(true);
    const noReason = await goodwillRefund(store.db, {
      ...base,
      reason: " ",
      actor: staff("agent"),
      orderId: order.orderId,
      amount: 100,
      idempotencyKey: "gw-k-noreason",
    }).catch((e: unknown) => e);
    expect(isAppError(noReason, "VALIDATION")).toBe(true);
    const input = {
      ...base,
      actor: staff("agent"),
      orderId: order.orderId,
      amount: 2000,
      idempotencyKey: "gw-kallesia-ok",
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => goodwillRefund(store.db, input)));
    expect(new Set(results.map((r) => r.refund.id)).size).toBe(1);
  });

  it("never lets parallel goodwill refunds add up to more than was paid", async () => {
    const order = await seedOrder(store.db, castellaDelivered(castellaId));
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        goodwillRefund(store.db, {
          ...base,
          actor: staff("admin"),
          orderId: order.orderId,
          amount: 4000,
          idempotencyKey: `gw-parallel-${i}`,
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(4);
    const rows = await store.db
      .selectFrom("refunds")
      .select("amount")
      .where("order_id", "=", order.orderId)
      .execute();
    expect(rows.reduce((s, r) => s + r.amount, 0)).toBe(16000);
  });

  it("issues store credit once per key and derives the balance from the ledger", async () => {
    const order = await seedOrder(store.db, castellaDelivered(castellaId));
    const input = {
      ...base,
      actor: staff("agent"),
      orderId: order.orderId,
      amount: 2500,
      idempotencyKey: "credit-key-1",
    };
    const first = await issueStoreCredit(store.db, input);
    const again = await issueStoreCredit(store.db, input);
    expect(again).toEqual({ entry: first.entry, replayed: true });
    await issueStoreCredit(store.db, { ...input, amount: 500, idempotencyKey: "credit-key-2" });
    const balance = await storeCreditBalance(store.db, {
      actor: shopperOf(order, castellaId),
      brandId: castellaId,
      email: order.email.toUpperCase(),
    });
    expect(balance.balances).toEqual([{ currency: "USD", amount: 3000 }]);
    expect(balance.entries).toHaveLength(2);
    const other = await seedOrder(store.db, castellaDelivered(castellaId));
    const nosy = await storeCreditBalance(store.db, {
      actor: shopperOf(other, castellaId),
      brandId: castellaId,
      email: order.email,
    }).catch((e: unknown) => e);
    expect(isAppError(nosy, "FORBIDDEN")).toBe(true);
    // The ledger is append-only: history cannot be rewritten.
    await expect(
      store.db
        .updateTable("store_credit_ledger")
        .set({ amount: 1 })
        .where("id", "=", first.entry.id)
        .execute(),
    ).rejects.toThrow();
  });
});
