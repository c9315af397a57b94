import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedClaimOrder, shopperActor, staffActor } from "../../../test/support/claims-test-seed.ts";
import { seedBrand } from "../../../test/support/test-seed.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { checkCustoms } from "../brands/check-customs.ts";
import type { Actor } from "../kernel/actor.ts";
import { isAppError } from "../kernel/errors.ts";
import { applyDiscount } from "./apply-discount.ts";
import { createDiscountCode } from "./create-discount-code.ts";
import { listDiscountCodes } from "./list-discount-codes.ts";
import { quoteDiscount } from "./quote-discount.ts";

const now = new Date("2026-03-10T12:00:00Z");
const cart = [
  { id: "a", title: "Knit jumper", unitPrice: 6000, quantity: 1 },
  { id: "b", title: "Sale skirt", unitPrice: 4000, quantity: 2, onSale: true },
];

describe.each(testDatabases())("discount codes and customs on $name", (target) => {
  let store: Store;
  let kallesiaId: string;
  let checkout: Actor;
  beforeAll(async () => {
    store = await target.open();
    kallesiaId = (await seedBrand(store.db, "kallesia")).id;
    await seedBrand(store.db, "castella");
    checkout = { type: "api_key", id: "key-1", brandId: kallesiaId };
    await createDiscountCode(store.db, {
      actor: staffActor("admin"),
      now,
      brand: "kallesia",
      code: " spring20 ",
      percentOff: 20,
    });
  });
  afterAll(() => store.close());

  it("creates codes for admins only, once per brand, and lists them", async () => {
    const created = await createDiscountCode(store.db, {
      actor: staffActor("admin", kallesiaId),
      now,
      brand: "kallesia",
      code: "WELCOME5",
      amountOff: 500,
      validFrom: "2026-03-01T00:00:00Z",
      validUntil: "2026-04-01T00:00:00Z",
      maxUses: 100,
    });
    expect(created).toMatchObject({
      code: "WELCOME5",
      kind: "amount",
      amountOff: 500,
      currency: "GBP",
      timesUsed: 0,
    });
    await expect(
      createDiscountCode(store.db, {
        actor: staffActor("admin"),
        now,
        brand: "kallesia",
        code: "welcome5",
        percentOff: 5,
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "CONFLICT"));
    await expect(
      createDiscountCode(store.db, {
        actor: staffActor("agent"),
        now,
        brand: "kallesia",
        code: "AGENT10",
        percentOff: 10,
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "FORBIDDEN"));
    await expect(
      createDiscountCode(store.db, {
        actor: staffActor("admin"),
        now,
        brand: "kallesia",
        code: "BOTH",
        percentOff: 5,
        amountOff: 5,
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "VALIDATION"));
    const codes = await listDiscountCodes(store.db, { actor: staffActor("admin"), brand: "kallesia" });
    expect(codes.map((c) => c.code).sort()).toEqual(["SPRING20", "WELCOME5"]);
  });

  it("keeps sale items out of a code during a promotion, citing the clause", async () => {
    const quote = await quoteDiscount(store.db, {
      actor: checkout,
      now,
      brand: "kallesia",
      code: "spring20",
      lines: cart,
      promotionActive: true,
    });
    expect(quote).toMatchObject({ valid: true, discount: 1200, currency: "GBP", problem: null });
    const skirt = quote.decision?.items.find((i) => i.lineId === "b");
    expect(skirt?.reasons[0]).toMatchObject({
      code: "DISCOUNT_EXCLUDES_SALE_ITEMS",
      clause: { id: "K-discount" },
    });
    const calm = await quoteDiscount(store.db, {
      actor: checkout,
      now,
      brand: "kallesia",
      code: "SPRING20",
      lines: cart,
      promotionActive: false,
    });
    expect(calm.discount).toBe(2800);
    const onlySale = await quoteDiscount(store.db, {
      actor: checkout,
      now,
      brand: "kallesia",
      code: "SPRING20",
      lines: cart.filter((l) => l.onSale),
      promotionActive: true,
    });
    expect(onlySale).toMatchObject({ valid: false, discount: 0 });
    expect(onlySale.decision?.outcome).toBe("rejected");
  });

  it("answers unknown, expired, inactive and used-up codes before asking the policy", async () => {
    const admin = staffActor("admin");
    await createDiscountCode(store.db, {
      actor: admin,
      now,
      brand: "kallesia",
      code: "OLD10",
      percentOff: 10,
      validUntil: "2026-02-01T00:00:00Z",
    });
    await createDiscountCode(store.db, {
      actor: admin,
      now,
      brand: "kallesia",
      code: "OFF10",
      percentOff: 10,
      active: false,
    });
    await createDiscountCode(store.db, {
      actor: admin,
      now,
      brand: "kallesia",
      code: "LATER10",
      percentOff: 10,
      validFrom: "2026-05-01T00:00:00Z",
    });
    await createDiscountCode(store.db, {
      actor: admin,
      now,
      brand: "kallesia",
      code: "ONCE10",
      percentOff: 10,
      maxUses: 1,
    });
    await store.db
      .updateTable("discount_codes")
      .set({ times_used: 1 })
      .where("code", "=", "ONCE10")
      .execute();
    const problems: Record<string, string> = {};
    for (const code of ["NOPE", "OLD10", "OFF10", "LATER10", "ONCE10"]) {
      const quote = await quoteDiscount(store.db, {
        actor: checkout,
        now,
        brand: "kallesia",
        code,
        lines: cart,
        promotionActive: false,
      });
      expect(quote.valid).toBe(false);
      expect(quote.decision).toBeNull();
      problems[code] = quote.problem?.problem ?? "";
    }
    expect(problems).toEqual({
      NOPE: "UNKNOWN_CODE",
      OLD10: "EXPIRED",
      OFF10: "INACTIVE",
      LATER10: "NOT_YET_VALID",
      ONCE10: "USED_UP",
    });
    // Another brand's key cannot read this brand's codes.
    const castellaKey: Actor = { type: "api_key", id: "key-2", brandId: "someone-else" };
    await expect(
      quoteDiscount(store.db, {
        actor: castellaKey,
        now,
        brand: "kallesia",
        code: "SPRING20",
        lines: cart,
        promotionActive: false,
      }),
    ).rejects.toSatisfy((e) => isAppError(e, "FORBIDDEN"));
  });

  it("does not add a Kallesia code to an order already placed, and records the decision", async () => {
    const order = await seedClaimOrder(store.db, {
      brandId: kallesiaId,
      currency: "GBP",
      status: "placed",
      placedAt: "2026-03-09T10:00:00Z",
      lines: [{ key: "1", unitPrice: 6000 }],
    });
    const decision = await applyDiscount(store.db, {
      actor: shopperActor(order),
      now,
      orderId: order.orderId,
      code: "spring20",
    });
    expect(decision.outcome).toBe("rejected");
    expect(decision.reasons[0]).toMatchObject({
      code: "DISCOUNT_NOT_RETROACTIVE",
      clause: { id: "K-discount" },
    });
    const audit = await store.db
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("entity_id", "=", order.orderId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["discount.apply_requested"]);
    expect(JSON.parse(audit[0]?.after ?? "{}").decision.reasons[0].code).toBe("DISCOUNT_NOT_RETROACTIVE");
    await expect(
      applyDiscount(store.db, { actor: shopperActor(order), now, orderId: order.orderId, code: "TYPO" }),
    ).rejects.toSatisfy((e) => isAppError(e, "VALIDATION"));
  });

  it("checks customs details per destination", async () => {
    const mx = await checkCustoms(store.db, { actor: checkout, now, brand: "kallesia", country: "MX" });
    expect(mx.outcome).toBe("needs_information");
    expect(mx.reasons.map((r) => r.code)).toEqual(["CUSTOMS_INFO_REQUIRED", "CUSTOMS_INFO_REQUIRED"]);
    const mxOk = await checkCustoms(store.db, {
      actor: checkout,
      now,
      brand: "kallesia",
      country: "mx",
      phone: "+52 55 1234 5678",
      taxId: "GODE561231GR8",
    });
    expect(mxOk.outcome).toBe("approved");
    const tr = await checkCustoms(store.db, {
      actor: checkout,
      now,
      brand: "kallesia",
      country: "TR",
      taxId: "10000000156",
    });
    expect(tr.reasons[0]).toMatchObject({ code: "CUSTOMS_INFO_INVALID", clause: { id: "K-customs" } });
    expect(
      (
        await checkCustoms(store.db, {
          actor: checkout,
          now,
          brand: "kallesia",
          country: "TR",
          taxId: "10000000146",
        })
      ).outcome,
    ).toBe("approved");
    expect(
      (await checkCustoms(store.db, { actor: checkout, now, brand: "kallesia", country: "FR" })).outcome,
    ).toBe("approved");
    await expect(
      checkCustoms(store.db, { actor: checkout, now, brand: "kallesia", country: "Mexico" }),
    ).rejects.toSatisfy((e) => isAppError(e, "VALIDATION"));
  });
});
