import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate, assertMinorUnits, formatMoney, shareOfUnits } from "./money.ts";

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe("allocate", () => {
  it("splits in proportion when the total divides exactly", () => {
    expect(allocate(1000, [1, 3])).toEqual([250, 750]);
    expect(allocate(600, [100, 200, 300])).toEqual([100, 200, 300]);
  });

  it("hands the leftover units to the largest remainders so the parts add up exactly", () => {
    // 100 / 3 = 33.33…: one unit is left over and goes to the earliest of the equal remainders.
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    // 10 over 1:2:2 is 2, 4, 4 exactly; 11 puts the extra unit on a larger remainder (0.4 vs 0.2).
    expect(allocate(11, [1, 2, 2])).toEqual([2, 5, 4]);
    expect(sum(allocate(11, [1, 2, 2]))).toBe(11);
  });

  it("gives nothing when there is nothing to share or no weight to share it by", () => {
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
    expect(allocate(500, [0, 0])).toEqual([0, 0]);
    expect(allocate(500, [])).toEqual([]);
  });

  it("gives a zero weight nothing", () => {
    expect(allocate(999, [0, 1, 0, 2])).toEqual([0, 333, 0, 666]);
  });

  it("always sums exactly to the total, never below zero, and within one unit of the exact share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 }),
        (total, weights) => {
          fc.pre(sum(weights) > 0);
          const parts = allocate(total, weights);
          expect(parts).toHaveLength(weights.length);
          expect(sum(parts)).toBe(total);
          parts.forEach((p, i) => {
            expect(Number.isInteger(p)).toBe(true);
            expect(p).toBeGreaterThanOrEqual(0);
            const exact = (total * (weights[i] ?? 0)) / sum(weights);
            expect(Math.abs(p - exact)).toBeLessThan(1);
          });
        },
      ),
    );
  });

  it("is deterministic: the same input gives the same split", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 8 }),
        (total, weights) => {
          expect(allocate(total, weights)).toEqual(allocate(total, [...weights]));
        },
      ),
    );
  });
});

describe("shareOfUnits", () => {
  it("takes the whole line when every unit is taken at once", () => {
    expect(shareOfUnits(1000, 3, 0, 3)).toBe(1000);
  });

  it("floors cumulatively, so units taken one at a time add up to the line exactly", () => {
    expect([0, 1, 2].map((already) => shareOfUnits(1000, 3, already, 1))).toEqual([333, 333, 334]);
  });

  it("caps at the line's quantity and gives nothing for no units", () => {
    expect(shareOfUnits(1000, 2, 1, 5)).toBe(500);
    expect(shareOfUnits(1000, 2, 2, 1)).toBe(0);
    expect(shareOfUnits(1000, 2, 0, 0)).toBe(0);
    expect(shareOfUnits(1000, 0, 0, 1)).toBe(0);
  });

  it("never lets the cumulative total of any sequence of takes exceed the line paid", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 10 }),
        (paid, quantity, takes) => {
          let already = 0;
          let total = 0;
          for (const count of takes) {
            const share = shareOfUnits(paid, quantity, already, count);
            expect(share).toBeGreaterThanOrEqual(0);
            total += share;
            already = Math.min(quantity, already + count);
            expect(total).toBeLessThanOrEqual(paid);
            // Cumulative flooring: the running total is the floor of the exact share of units so far.
            expect(total).toBe(Math.floor((paid * already) / quantity));
          }
        },
      ),
    );
  });
});

describe("formatMoney", () => {
  it("formats minor units with the currency's digits", () => {
    expect(formatMoney(1000, "USD")).toBe("USD 10.00");
    expect(formatMoney(495, "GBP")).toBe("GBP 4.95");
    expect(formatMoney(5, "EUR")).toBe("EUR 0.05");
    expect(formatMoney(0, "USD")).toBe("USD 0.00");
  });

  it("follows currencies without or with three minor digits", () => {
    expect(formatMoney(1500, "JPY")).toBe("JPY 1500");
    expect(formatMoney(1500, "KWD")).toBe("KWD 1.500");
  });

  it("puts the sign before the currency", () => {
    expect(formatMoney(-1000, "USD")).toBe("-USD 10.00");
  });
});

describe("assertMinorUnits", () => {
  it("accepts integers and refuses fractions", () => {
    expect(() => assertMinorUnits(1234, "price")).not.toThrow();
    expect(() => assertMinorUnits(12.5, "price")).toThrow(/price must be an integer/);
    expect(() => assertMinorUnits(Number.NaN, "price")).toThrow(RangeError);
  });
});
