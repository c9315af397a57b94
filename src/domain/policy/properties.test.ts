// Properties of return decisions under both brands' policies, over random orders and requests.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Decision } from "../decision.ts";
import { allocate } from "../money.ts";
import type { Order, PolicyRequest } from "../scenario.ts";
import { evaluate } from "./evaluate.ts";
import { castellaOrder, kallesiaOrder, loadBrandPolicy, scenario } from "./test-scenarios.ts";

const policies = { castella: loadBrandPolicy("castella"), kallesia: loadBrandPolicy("kallesia") } as const;

type ReturnRequest = Extract<PolicyRequest, { type: "return" | "exchange" }>;

const arbLine = (id: string) =>
  fc
    .record({
      category: fc.constantFrom("dresses", "tops", "swimwear", "undergarments", "accessories"),
      unitPrice: fc.integer({ min: 0, max: 50_000 }),
      quantity: fc.integer({ min: 1, max: 4 }),
      returnedFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      finalSale: fc.boolean(),
      onSale: fc.boolean(),
    })
    .map(({ returnedFraction, ...l }) => ({
      id,
      sku: `SKU-${id}`,
      title: `Item ${id}`,
      ...l,
      returnedQuantity: Math.floor(returnedFraction * l.quantity),
    }));

const arbOrder = (brand: "castella" | "kallesia"): fc.Arbitrary<Order> =>
  fc
    .record({
      lines: fc
        .integer({ min: 1, max: 5 })
        .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbLine(String(i + 1))))),
      discountFraction: fc.double({ min: 0, max: 1.2, noNaN: true }),
      shippingCharged: fc.integer({ min: 0, max: 2_000 }),
      method: fc.constantFrom("card", "paypal", "e_cheque", "gift_card") as fc.Arbitrary<
        Order["payment"]["method"]
      >,
      cleared: fc.boolean(),
    })
    .map(({ lines, discountFraction, shippingCharged, method, cleared }) => {
      const gross = lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
      const base = brand === "castella" ? castellaOrder() : kallesiaOrder();
      return {
        ...base,
        lines,
        shippingCharged,
        discountTotal: Math.floor(gross * discountFraction),
        payment: { method, cleared },
      };
    });

const arbCondition = fc.record({
  tagsAttached: fc.option(fc.boolean(), { freq: 3 }),
  worn: fc.option(fc.boolean(), { freq: 3 }),
  washed: fc.option(fc.boolean(), { freq: 3 }),
  perfumeResidue: fc.option(fc.boolean(), { freq: 3 }),
  originalPackaging: fc.option(fc.boolean(), { freq: 3 }),
  hygieneStripIntact: fc.option(fc.boolean(), { freq: 3 }),
});

const arbRequest = (order: Order): fc.Arbitrary<ReturnRequest> =>
  fc.record({
    type: fc.constantFrom("return", "return", "return", "exchange") as fc.Arbitrary<"return" | "exchange">,
    items: fc.array(
      fc.record({
        lineId: fc.constantFrom(...order.lines.map((l) => l.id)),
        quantity: fc.integer({ min: 1, max: 4 }),
        reason: fc.constantFrom("changed_mind", "too_small", "faulty", "damaged"),
        condition: arbCondition,
        qcApprovedFault: fc.constantFrom(false, false, false, false, false, true),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  });

/** Delivered 5 March; the request comes 0–25 days later (Castélla's window is 14). */
const arbNow = fc
  .integer({ min: 0, max: 25 * 24 })
  .map((h) => new Date(Date.parse("2026-03-05T12:00:00Z") + h * 3_600_000).toISOString());

const arbCase = (brand: "castella" | "kallesia") =>
  arbOrder(brand).chain((order) =>
    fc.record({ order: fc.constant(order), request: arbRequest(order), now: arbNow }),
  );

/** What each line's customer actually paid: its gross less its prorated share of the order discount. */
function paidPerLine(order: Order): Map<string, number> {
  const grosses = order.lines.map((l) => l.unitPrice * l.quantity);
  const discount = Math.min(
    order.discountTotal,
    grosses.reduce((a, b) => a + b, 0),
  );
  const shares = allocate(discount, grosses);
  return new Map(order.lines.map((l, i) => [l.id, (grosses[i] ?? 0) - (shares[i] ?? 0)]));
}

function approvedUnits(d: Decision): Map<string, number> {
  const units = new Map<string, number>();
  for (const i of d.items)
    if (i.outcome === "approved") units.set(i.lineId, (units.get(i.lineId) ?? 0) + i.quantity);
  return units;
}

const itemSummary = (d: Decision) =>
  d.items
    .map((i) => `${i.lineId}:${i.quantity}:${i.outcome}:${i.reasons.map((r) => r.code).join("+")}`)
    .sort();

for (const brand of ["castella", "kallesia"] as const) {
  const policy = policies[brand];
  const decide = (order: Order, request: PolicyRequest, now: string) =>
    evaluate(policy, scenario(order, request, now));

  describe(`return properties under ${brand}`, () => {
    it("never refunds a negative amount, nor more than was paid for the returned units", () => {
      fc.assert(
        fc.property(arbCase(brand), ({ order, request, now }) => {
          const d = decide(order, request, now);
          expect(d.resolution.amount).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(d.resolution.amount)).toBe(true);
          const paid = paidPerLine(order);
          const units = approvedUnits(d);
          let bound = 0;
          for (const l of order.lines) {
            const taken = units.get(l.id) ?? 0;
            // Never more units back than are left on the line.
            expect(taken).toBeLessThanOrEqual(l.quantity - l.returnedQuantity);
            bound += Math.ceil(((paid.get(l.id) ?? 0) * taken) / l.quantity);
            // Per line, the refunded item amounts never exceed the returned units' share of what was paid.
            const lineRefund = d.resolution.breakdown
              .filter((b) => (b.kind === "item" || b.kind === "discount_share") && b.lineId === l.id)
              .reduce((s, b) => s + b.amount, 0);
            expect(lineRefund).toBeLessThanOrEqual(Math.ceil(((paid.get(l.id) ?? 0) * taken) / l.quantity));
            expect(lineRefund).toBeGreaterThanOrEqual(0);
          }
          // Neither brand refunds shipping, so the whole refund is bounded by the returned lines.
          expect(d.resolution.amount).toBeLessThanOrEqual(bound);
          if (request.type === "exchange") expect(d.resolution.amount).toBe(0);
          // The breakdown adds up to the amount.
          if (d.resolution.method !== "exchange") {
            expect(d.resolution.breakdown.reduce((s, b) => s + b.amount, 0)).toBe(d.resolution.amount);
          }
        }),
        { numRuns: 400 },
      );
    });

    it("is deterministic: the same scenario always gets the same decision", () => {
      fc.assert(
        fc.property(arbCase(brand), ({ order, request, now }) => {
          const first = decide(order, request, now);
          const again = decide(structuredClone(order), structuredClone(request), now);
          expect(again).toEqual(first);
        }),
        { numRuns: 200 },
      );
    });

    it("does not depend on the order of the request's items", () => {
      fc.assert(
        fc.property(
          arbCase(brand).chain((c) =>
            fc.record({
              c: fc.constant(c),
              shuffled: fc.shuffledSubarray(c.request.items, {
                minLength: c.request.items.length,
                maxLength: c.request.items.length,
              }),
            }),
          ),
          ({ c, shuffled }) => {
            const a = decide(c.order, c.request, c.now);
            const b = decide(c.order, { ...c.request, items: shuffled }, c.now);
            expect(b.outcome).toBe(a.outcome);
            expect(b.resolution.amount).toBe(a.resolution.amount);
            expect(b.resolution.method).toBe(a.resolution.method);
            expect(itemSummary(b)).toEqual(itemSummary(a));
            expect(b.notices.map((n) => n.code).sort()).toEqual(a.notices.map((n) => n.code).sort());
          },
        ),
        { numRuns: 400 },
      );
    });
  });
}
