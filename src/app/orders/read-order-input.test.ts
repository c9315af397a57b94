import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZOrderInput } from "./order-input.ts";
import { readOrderInput } from "./read-order-input.ts";

// Values that sit near the edges of the schema's rules.
const texty = fc.constantFrom("a", "  padded  ", "", "   ", "Ünïcödé", "ß", "x".repeat(300), "\t tab");
const weird = fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, "1", [], {}, [1], Number.MAX_VALUE);
const instants = fc.constantFrom(
  "2026-03-01T10:00:00Z",
  "2026-03-01T10:00:00.123+02:00",
  "2026-03-01T10:00:00+0200",
  "2026-03-01 10:00:00Z",
  "2026-03-01",
  "2026-02-30T10:00:00Z",
  "2026-13-01T10:00:00Z",
  "2026-03-01T10:00Z",
  "2026-03-01T10:00:00",
);
const emails = fc.oneof(
  fc.emailAddress(),
  fc.constantFrom("  Shopper@Example.COM ", "no-at-sign", "a@b", "a@b.c", "ÄÖ@example.com", "x@@y.com"),
);
const money = fc.oneof(fc.nat({ max: 100_000 }), fc.constantFrom<unknown>(-5, 1.5, "100", 2 ** 60, null));

const line = fc.record(
  {
    id: fc.oneof(fc.constantFrom<unknown>("1", "2", " 3 ", "", "  ", 4, 5, null, true), fc.string()),
    sku: fc.oneof(texty, weird),
    title: texty,
    category: fc.oneof(texty, fc.constantFrom("Dresses", "TOPS")),
    unitPrice: money,
    quantity: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom<unknown>(0, -1, 2.5, "1")),
    returnedQuantity: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constantFrom<unknown>(-1, null)),
    finalSale: fc.oneof(fc.boolean(), weird),
    onSale: fc.boolean(),
    extra: fc.string(),
  },
  { requiredKeys: ["id", "unitPrice", "quantity"] },
);

const shipment = fc.record(
  {
    courier: fc.oneof(texty, weird),
    trackingNumber: fc.oneof(fc.constantFrom("PW123", " PW9 ", "", " "), weird),
    trackingUrl: fc.constantFrom(
      "https://t.example/?id=123456789012345678",
      "https://t.example/x",
      "not a url",
    ),
    lastMileCourier: texty,
    lastMileTrackingNumber: texty,
    lastMileContact: texty,
    dispatchedAt: instants,
  },
  { requiredKeys: [] },
);

const address = fc.record(
  {
    name: fc.oneof(texty, weird),
    line1: texty,
    line2: texty,
    city: texty,
    region: texty,
    postalCode: texty,
    country: texty,
    other: texty,
  },
  { requiredKeys: [] },
);

const FIELDS_OF_ORDER = {
  brand: fc.oneof(fc.constantFrom("kallesia", " castella "), weird),
  number: fc.oneof(fc.constantFrom("K-1", " K-2 ", "", 12345, 1.5), weird),
  email: fc.oneof(emails, weird),
  phone: fc.oneof(texty, weird),
  customerName: fc.oneof(texty, fc.constant(null)),
  shippingAddress: fc.oneof(address, weird),
  shippingCountry: fc.oneof(fc.constantFrom("gb", " us ", "GBR", "ß", "G1", "de"), weird),
  placedAt: fc.oneof(instants, weird),
  currency: fc.oneof(fc.constantFrom("GBP", "usd", " EUR", "EURO"), weird),
  status: fc.oneof(fc.constantFrom("placed", "dispatched", "delivered", "cancelled", "lost"), weird),
  dispatchedAt: fc.oneof(instants, weird),
  deliveredAt: instants,
  cancelledAt: fc.oneof(instants, fc.constant(null)),
  lines: fc.oneof(fc.array(line, { minLength: 0, maxLength: 4 }), weird),
  payment: fc.oneof(
    fc.record(
      {
        method: fc.constantFrom<unknown>("card", "paypal", "gift_card", "cash", null),
        cleared: fc.oneof(fc.boolean(), weird),
        amount: money,
        reference: texty,
      },
      { requiredKeys: ["method"] },
    ),
    weird,
  ),
  shippingCharged: money,
  discountTotal: fc.oneof(fc.nat({ max: 500 }), money),
  taxTotal: money,
  externalId: fc.oneof(fc.constantFrom<unknown>("ext-1", "", 820982911946154508n.toString(), 42), weird),
  shipments: fc.oneof(fc.array(shipment, { maxLength: 2 }), weird),
  unknownField: fc.anything(),
};
const order = fc.record(FIELDS_OF_ORDER, { requiredKeys: [] });

/** Mostly valid orders: each field valid, so the fast path is actually taken. */
const validOrder = fc.record(
  {
    brand: fc.constant("kallesia"),
    number: fc.oneof(fc.constantFrom("K-1", " K-2 "), fc.nat().map(String), fc.nat()),
    email: fc
      .tuple(fc.stringMatching(/^[A-Za-z0-9._]{1,12}$/), fc.constantFrom("example.com", "Shop.CO.uk"))
      .map(([local, domain]) => ` ${local}@${domain}`),
    phone: fc.constantFrom("+44 20 7946 0000", " 07700 900000 "),
    customerName: fc.constantFrom("Ada Lovelace", null),
    shippingAddress: fc.record(
      { name: texty, line1: texty, city: texty, country: fc.constantFrom("GB", "fr") },
      { requiredKeys: [] },
    ),
    shippingCountry: fc.constantFrom("GB", "fr", " us ", null),
    placedAt: fc.constantFrom("2026-03-01T10:00:00Z", "2026-03-01T10:00:00.5+01:00"),
    currency: fc.constantFrom("GBP", "USD"),
    status: fc.constantFrom("placed", "dispatched", "delivered", "cancelled"),
    dispatchedAt: fc.constantFrom("2026-03-02T10:00:00Z", null),
    deliveredAt: fc.constant("2026-03-05T10:00:00Z"),
    lines: fc.uniqueArray(
      fc.record(
        {
          id: fc.nat({ max: 50 }).map(String),
          sku: fc.string(),
          title: fc.string(),
          category: fc.constantFrom("Dresses", "tops"),
          unitPrice: fc.nat({ max: 50_000 }),
          quantity: fc.integer({ min: 1, max: 3 }),
          returnedQuantity: fc.constant(0),
          finalSale: fc.boolean(),
          onSale: fc.boolean(),
        },
        { requiredKeys: ["id", "unitPrice", "quantity"] },
      ),
      { minLength: 1, maxLength: 5, selector: (l) => l.id },
    ),
    payment: fc.record(
      {
        method: fc.constantFrom("card", "paypal", "e_cheque"),
        cleared: fc.boolean(),
        amount: fc.nat({ max: 1000 }),
        reference: fc.constantFrom("ch_1", " ref "),
      },
      { requiredKeys: ["method"] },
    ),
    shippingCharged: fc.nat({ max: 1000 }),
    discountTotal: fc.constant(0),
    taxTotal: fc.nat({ max: 1000 }),
    externalId: fc.constantFrom("ext-1", 42),
    shipments: fc.array(
      fc.record(
        {
          courier: fc.constant("Parcelway"),
          trackingNumber: fc.constantFrom("PW1", " PW2 "),
          dispatchedAt: fc.constant("2026-03-02T10:00:00Z"),
        },
        { requiredKeys: ["trackingNumber"] },
      ),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: ["brand", "number", "email", "placedAt", "currency", "lines", "payment"] },
);

/** A valid order with a few of its fields taken from a wild one (or dropped, where it has none). */
const mixture = fc
  .tuple(validOrder, order, fc.subarray(Object.keys(FIELDS_OF_ORDER), { maxLength: 3 }))
  .map(([valid, wild, keys]) => {
    const out: Record<string, unknown> = { ...valid };
    for (const key of keys) {
      if (key in wild) out[key] = (wild as Record<string, unknown>)[key];
      else delete out[key];
    }
    return out;
  });

/** The fast reader either declines, or returns exactly what zod returns, key order included. */
function agrees(data: Record<string, unknown>): "fast" | "zod" {
  const brand = data.brand;
  const fast = readOrderInput(data, brand);
  const parsed = ZOrderInput.safeParse({ ...data, brand });
  if (fast === undefined) return "zod";
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  expect(fast).toStrictEqual(parsed.data);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(parsed.data));
  return "fast";
}

describe("readOrderInput", () => {
  it("equals zod's output on random mixtures of valid and invalid orders, or declines", () => {
    const taken = { fast: 0, zod: 0 };
    fc.assert(
      fc.property(fc.oneof(order, validOrder, mixture, mixture), (data) => {
        taken[agrees(data as Record<string, unknown>)]++;
      }),
      { numRuns: 4000 },
    );
    // Both paths are exercised: the mixture is not all declined, nor all accepted.
    expect(taken.fast).toBeGreaterThan(1000);
    expect(taken.zod).toBeGreaterThan(1000);
  });

  it("takes every valid order without a tracking link", () => {
    let valid = 0;
    fc.assert(
      fc.property(validOrder, (data) => {
        const parsed = ZOrderInput.safeParse(data);
        if (!parsed.success) return;
        valid++;
        expect(agrees(data as Record<string, unknown>)).toBe("fast");
      }),
      { numRuns: 1000 },
    );
    expect(valid).toBeGreaterThan(400);
  });

  it("declines what zod must word: a missing field, a repeated line, a tracking link", () => {
    const base = {
      number: "K-1",
      email: "a@example.com",
      placedAt: "2026-03-01T10:00:00Z",
      currency: "GBP",
      payment: { method: "card" },
      lines: [{ id: "1", unitPrice: 100, quantity: 1 }],
    };
    expect(readOrderInput(base, "kallesia")?.lines[0]?.category).toBe("");
    expect(readOrderInput({ ...base, email: undefined }, "kallesia")).toBeUndefined();
    expect(readOrderInput({ ...base, lines: [...base.lines, ...base.lines] }, "kallesia")).toBeUndefined();
    const linked = { ...base, shipments: [{ trackingUrl: "https://t.example/?id=123456789012345678" }] };
    expect(readOrderInput(linked, "kallesia")).toBeUndefined();
    expect(ZOrderInput.safeParse({ ...linked, brand: "kallesia" }).success).toBe(true);
  });
});
