// A third brand written only as YAML in this test: different windows, money and claims, evaluated by
// the same engine with no code change. Brands are data.
import { describe, expect, it } from "vitest";
import type { Order, PolicyRequest } from "../scenario.ts";
import { describePolicy } from "./describe.ts";
import { parsePolicy } from "./load.ts";
import {
  castellaOrder,
  decide,
  exchangeOf,
  item,
  line,
  loadBrandPolicy,
  notDispatched,
  noticeCodes,
  reasonCodes,
  returnOf,
} from "./test-scenarios.ts";

const NORDWIND = `
version: 1
brand:
  name: Nordwind
  currency: EUR
  timeZone: Europe/Berlin
  holidays: { country: DE }
  shipsTo: [DE, AT, TR, MX]

clauses:
  N-window: "Send it back within 30 days of our dispatching it."
  N-credit: "Returns are credited to your Nordwind account within 3 working days."
  N-ship: "If you send back the whole order, we refund the shipping too."
  N-exchange: "Swap for another size or colour at no cost."
  N-cancel: "Cancel any time before dispatch for a full refund."
  N-missing: "Missing something? Tell us within 10 days with any photo."
  N-lost: "If the parcel goes missing, we look into it."
  N-customs: "Deliveries to Turkey need your national ID number."

returns:
  window: { days: 30, from: dispatch, clause: N-window }
  shipping: { refunded: true, clause: N-ship }

refunds:
  method: store_credit
  clause: N-credit
  timeline:
    - { name: credit issued, businessDays: 3, clause: N-credit }

exchanges: { offered: true, clause: N-exchange }

cancellation:
  beforeDispatch: approve
  resolution: refund_original_payment
  clause: N-cancel

missingItem:
  window: { days: 10, from: delivery, clause: N-missing }
  evidence: { anyPhotos: 1 }
  clause: N-missing

lostPackage:
  handling: review
  clause: N-lost

customs:
  TR: { taxId: tr_national_id, clause: N-customs }
`;

const policy = parsePolicy(NORDWIND, "nordwind.yaml");

/** Placed 1 March, dispatched Monday 2 March 10:00 Berlin time, delivered 5 March. */
const order = (overrides: Partial<Order> = {}): Order =>
  castellaOrder({
    number: "NW-1",
    currency: "EUR",
    shippingCountry: "DE",
    shippingCharged: 600,
    dispatchedAt: "2026-03-02T09:00:00Z",
    lines: [
      line("coat", { unitPrice: 20_000 }),
      line("scarf", { unitPrice: 3_000, category: "accessories" }),
    ],
    ...overrides,
  });
const NOW = "2026-03-20T12:00:00Z";
const run = (request: PolicyRequest, o: Order = order(), now = NOW) => decide(policy, o, request, now);

describe("a third brand, as data only", () => {
  it("loads from YAML with its own rules", () => {
    expect(policy.file.brand.name).toBe("Nordwind");
    expect(describePolicy(policy.file).join("\n")).toContain("30 days of dispatch");
  });

  it("counts its 30-day window from dispatch, in Berlin time", () => {
    // Dispatched 2 March: the last day is 1 April. Berlin is UTC+2 from 29 March.
    const req = returnOf(item("coat"));
    expect(run(req, order(), "2026-04-01T21:59:00Z").outcome).toBe("approved");
    const late = run(req, order(), "2026-04-01T22:00:00Z");
    expect(late.outcome).toBe("rejected");
    expect(reasonCodes(late)).toEqual(["RETURN_WINDOW_EXPIRED"]);
    expect(late.timeline.deadline).toBe("2026-04-01");
    expect(late.reasons[0]?.message).toContain("30 days of dispatch");
    expect(late.reasons[0]?.clause?.id).toBe("N-window");
  });

  it("refunds as store credit, with no fee and no category exclusions", () => {
    const d = run(returnOf(item("scarf")));
    expect(d.outcome).toBe("approved");
    expect(d.resolution).toMatchObject({ method: "store_credit", amount: 3_000, currency: "EUR" });
    expect(noticeCodes(d)).not.toContain("RETURN_FEE_DEDUCTED");
    expect(noticeCodes(d)).not.toContain("REFUND_TO_ORIGINAL_PAYMENT_ONLY");
  });

  it("has no condition checklist: a worn item without tags comes back", () => {
    const d = run(
      returnOf(item("coat", { condition: { worn: true, tagsAttached: false, originalPackaging: false } })),
    );
    expect(d.outcome).toBe("approved");
  });

  it("refunds shipping when everything comes back, and only then", () => {
    const all = run(returnOf(item("coat"), item("scarf")));
    expect(all.resolution.amount).toBe(20_000 + 3_000 + 600);
    expect(all.resolution.breakdown).toContainEqual({ kind: "shipping", amount: 600 });
    expect(noticeCodes(all)).not.toContain("SHIPPING_NOT_REFUNDED");

    const part = run(returnOf(item("coat")));
    expect(part.resolution.amount).toBe(20_000);
    expect(part.resolution.breakdown.some((b) => b.kind === "shipping")).toBe(false);

    // The scarf already came back in an earlier return: the coat completes the order.
    const rest = order({
      lines: [line("coat", { unitPrice: 20_000 }), line("scarf", { unitPrice: 3_000, returnedQuantity: 1 })],
    });
    expect(run(returnOf(item("coat")), rest).resolution.amount).toBe(20_600);
  });

  it("offers exchanges", () => {
    const d = run(exchangeOf(item("coat", { wantedSku: "COAT-L" })));
    expect(d.outcome).toBe("approved");
    expect(d.resolution).toMatchObject({ method: "exchange", amount: 0 });
  });

  it("promises store credit 3 working days after the return arrives, skipping German holidays", () => {
    // Thursday 2 April 2026 + 3: (3 Good Friday), (6 Easter Monday), 7, 8, 9.
    const d = run({ type: "refund_timeline", returnDeliveredAt: "2026-04-02T10:00:00Z" });
    expect(d.timeline.refundExpectedBy).toBe("2026-04-09");
  });

  it("approves a cancellation before dispatch as a refund of everything paid", () => {
    const d = run({ type: "cancel", reason: "changed_mind" }, notDispatched(order({ discountTotal: 1_000 })));
    expect(d.outcome).toBe("approved");
    expect(d.resolution).toMatchObject({
      method: "refund_original_payment",
      amount: 20_000 + 3_000 + 600 - 1_000,
    });
  });

  it("asks for customs details for Turkey only", () => {
    const tr = run({ type: "customs_check", country: "TR" });
    expect(tr.outcome).toBe("needs_information");
    expect(reasonCodes(tr)).toEqual(["CUSTOMS_INFO_REQUIRED"]);
    expect(run({ type: "customs_check", country: "TR", taxId: "10000000146" }).outcome).toBe("approved");
    // Mexico needs nothing here, unlike Kallesia.
    expect(run({ type: "customs_check", country: "MX" }).outcome).toBe("approved");
    expect(
      decide(loadBrandPolicy("kallesia"), order(), { type: "customs_check", country: "MX" }, NOW).outcome,
    ).toBe("needs_information");
  });

  it("takes a missing-item report with any photo and no list of lines", () => {
    const report = (itemsReceivedPhotos: number, parcelPhotos: number): PolicyRequest => ({
      type: "missing_item",
      missingLineIds: [],
      evidence: { itemsReceivedPhotos, parcelPhotos, parcelDamaged: false },
    });
    const inTime = "2026-03-15T21:00:00Z";
    expect(run(report(0, 1), order(), inTime).outcome).toBe("needs_review");
    expect(run(report(1, 0), order(), inTime).outcome).toBe("needs_review");
    const none = run(report(0, 0), order(), inTime);
    expect(none.outcome).toBe("needs_information");
    expect(reasonCodes(none)).toEqual(["EVIDENCE_REQUIRED"]);
    // Delivered 5 March, 10 days: 15 March is the last day.
    const late = run(report(1, 1), order(), "2026-03-16T12:00:00Z");
    expect(reasonCodes(late)).toEqual(["CLAIM_WINDOW_EXPIRED"]);
  });

  it("reviews a lost parcel instead of sending the customer to the courier", () => {
    const d = run({ type: "lost_package" });
    expect(d.outcome).toBe("needs_review");
    expect(d.reasons[0]?.clause?.id).toBe("N-lost");
    expect(reasonCodes(decide(loadBrandPolicy("castella"), order(), { type: "lost_package" }, NOW))).toEqual([
      "CARRIER_RESPONSIBILITY",
    ]);
  });

  it("leaves what it does not cover to a person", () => {
    const faulty = run({
      type: "faulty_item",
      lineId: "coat",
      description: "x",
      evidence: { fullItemPhotos: 1, faultPhotos: 1 },
    });
    expect(faulty.outcome).toBe("needs_review");
    expect(run({ type: "amend", changes: { phone: "+49 30 123456" } }, notDispatched(order())).outcome).toBe(
      "needs_review",
    );
    // No discounts section: applying a code is for a person to decide, not refused as retroactive.
    expect(reasonCodes(run({ type: "apply_discount", code: "X" }))).toEqual(["REVIEW_REQUIRED"]);
  });
});
