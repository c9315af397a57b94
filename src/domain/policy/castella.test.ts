// Castélla's rules (policy-spec.md, "Castélla"), one block per rule id.
import { describe, expect, it } from "vitest";
import type { PolicyRequest } from "../scenario.ts";
import {
  castellaOrder,
  decide,
  exchangeOf,
  inTransit,
  item,
  itemOutcome,
  line,
  loadBrandPolicy,
  notDispatched,
  noticeCodes,
  reasonCodes,
  returnOf,
} from "./test-scenarios.ts";

const policy = loadBrandPolicy("castella");
const IN_TIME = "2026-03-12T15:00:00Z";
const run = (order = castellaOrder(), request: PolicyRequest = returnOf(item("1")), now = IN_TIME) =>
  decide(policy, order, request, now);

/** An order with a line of every kind Castélla treats differently. */
const mixed = castellaOrder({
  lines: [
    line("dress", { unitPrice: 12_000 }),
    line("bra", { category: "undergarments", unitPrice: 4_500 }),
    line("belt", { category: "accessories", unitPrice: 3_500 }),
    line("bikini", { category: "swimwear", unitPrice: 6_500 }),
    line("skirt", { unitPrice: 5_000, finalSale: true, onSale: true }),
    line("shirt", { unitPrice: 4_000, quantity: 2 }),
  ],
});

describe("a plain Castélla return", () => {
  it("refunds the item less the fee to the original payment, and says what applied", () => {
    const d = run();
    expect(d.outcome).toBe("approved");
    expect(d.reasons).toEqual([]);
    expect(d.items).toEqual([{ lineId: "1", outcome: "approved", quantity: 1, reasons: [] }]);
    expect(d.resolution).toEqual({
      method: "refund_original_payment",
      amount: 11_000,
      currency: "USD",
      breakdown: [
        { kind: "item", lineId: "1", amount: 12_000 },
        { kind: "return_fee", amount: -1000 },
      ],
    });
    expect(d.timeline).toEqual({ deadline: "2026-03-19", refundExpectedBy: null });
    const fee = d.notices.find((n) => n.code === "RETURN_FEE_DEDUCTED");
    expect(fee?.message).toContain("USD 10.00");
    expect(fee?.clause?.id).toBe("C-fee");
  });
});

describe("C-window", () => {
  it("is in time on the 14th day after delivery, late on the 15th", () => {
    expect(run(castellaOrder(), returnOf(item("1")), "2026-03-19T16:00:00Z").outcome).toBe("approved");
    const late = run(castellaOrder(), returnOf(item("1")), "2026-03-20T16:00:00Z");
    expect(late.outcome).toBe("rejected");
    expect(late.reasons.map((r) => r.code)).toEqual(["RETURN_WINDOW_EXPIRED"]);
    expect(late.reasons[0]?.clause?.id).toBe("C-window");
    expect(late.reasons[0]?.message).toContain("2026-03-19");
    expect(late.items[0]?.outcome).toBe("rejected");
    expect(late.resolution.amount).toBe(0);
    expect(late.timeline.deadline).toBe("2026-03-19");
  });

  it("counts in New York time: 23:30 on the last day is in time although it is the next day in UTC", () => {
    expect(run(castellaOrder(), returnOf(item("1")), "2026-03-20T03:30:00Z").outcome).toBe("approved");
    expect(run(castellaOrder(), returnOf(item("1")), "2026-03-20T04:30:00Z").outcome).toBe("rejected");
  });

  it("counts delivery in New York time too: 22:00 on 5 March local is 03:00 UTC on 6 March", () => {
    const order = castellaOrder({ deliveredAt: "2026-03-06T03:00:00Z" });
    expect(run(order).timeline.deadline).toBe("2026-03-19");
  });

  it("applies to items the customer believes are faulty", () => {
    const d = run(castellaOrder(), returnOf(item("1", { reason: "faulty" })), "2026-03-25T12:00:00Z");
    expect(reasonCodes(d)).toEqual(["RETURN_WINDOW_EXPIRED"]);
    const fault = run(
      castellaOrder(),
      {
        type: "faulty_item",
        lineId: "1",
        description: "seam split",
        evidence: { fullItemPhotos: 1, faultPhotos: 1 },
      },
      "2026-03-20T12:00:00Z",
    );
    expect(fault.outcome).toBe("rejected");
    expect(reasonCodes(fault)).toEqual(["RETURN_WINDOW_EXPIRED"]);
  });
});

describe("C-condition", () => {
  const cases = [
    ["tagsAttached", false],
    ["worn", true],
    ["washed", true],
    ["perfumeResidue", true],
  ] as const;
  for (const [field, bad] of cases) {
    it(`refuses an item with ${field}: ${bad}`, () => {
      const d = run(castellaOrder(), returnOf(item("1", { condition: { [field]: bad } })));
      expect(d.outcome).toBe("rejected");
      expect(reasonCodes(d)).toEqual(["CONDITION_NOT_MET"]);
      expect(d.items[0]?.reasons[0]?.clause?.id).toBe("C-condition");
      expect(d.resolution).toMatchObject({ method: "none", amount: 0 });
    });
  }

  it("lists a failed condition once even when several fields fail", () => {
    const d = run(castellaOrder(), returnOf(item("1", { condition: { worn: true, washed: true } })));
    expect(d.items[0]?.reasons.map((r) => r.code)).toEqual(["CONDITION_NOT_MET"]);
  });

  it("does not hold an undeclared field against the customer", () => {
    const d = run(castellaOrder(), {
      type: "return",
      items: [{ lineId: "1", quantity: 1, reason: "changed_mind", condition: {}, qcApprovedFault: false }],
    });
    expect(d.outcome).toBe("approved");
  });
});

describe("C-packaging", () => {
  it("refuses an item without its original packaging", () => {
    const d = run(castellaOrder(), returnOf(item("1", { condition: { originalPackaging: false } })));
    expect(d.outcome).toBe("rejected");
    expect(reasonCodes(d)).toEqual(["ORIGINAL_PACKAGING_REQUIRED"]);
    expect(d.items[0]?.reasons[0]?.clause?.id).toBe("C-packaging");
  });
});

describe("C-swim", () => {
  it("takes swimwear back with the hygiene strip intact", () => {
    const d = run(mixed, returnOf(item("bikini", { condition: { hygieneStripIntact: true } })));
    expect(d.outcome).toBe("approved");
    expect(d.resolution.amount).toBe(5_500);
  });

  it("refuses swimwear whose hygiene strip is missing or altered", () => {
    const d = run(mixed, returnOf(item("bikini", { condition: { hygieneStripIntact: false } })));
    expect(d.outcome).toBe("rejected");
    expect(reasonCodes(d)).toEqual(["HYGIENE_STRIP_REQUIRED"]);
    expect(d.items[0]?.reasons[0]?.clause?.id).toBe("C-swim");
  });

  it("refuses worn swimwear under the hygiene rule as well as the general condition", () => {
    const d = run(mixed, returnOf(item("bikini", { condition: { hygieneStripIntact: true, worn: true } })));
    expect(d.outcome).toBe("rejected");
    expect(reasonCodes(d).sort()).toEqual(["CONDITION_NOT_MET", "HYGIENE_STRIP_REQUIRED"]);
  });

  it("does not ask other categories about a hygiene strip", () => {
    const d = run(mixed, returnOf(item("dress", { condition: { hygieneStripIntact: false } })));
    expect(d.outcome).toBe("approved");
  });
});

describe("C-excluded", () => {
  for (const lineId of ["bra", "belt"]) {
    it(`never takes back ${lineId === "bra" ? "undergarments" : "accessories"}`, () => {
      const d = run(mixed, returnOf(item(lineId)));
      expect(d.outcome).toBe("rejected");
      expect(reasonCodes(d)).toEqual(["CATEGORY_EXCLUDED"]);
      expect(d.items[0]?.reasons[0]?.clause?.id).toBe("C-excluded");
    });
  }

  it("matches categories regardless of case", () => {
    const order = castellaOrder({ lines: [line("1", { category: "Accessories" })] });
    expect(reasonCodes(run(order))).toEqual(["CATEGORY_EXCLUDED"]);
  });

  it("excludes them even when they are reported faulty", () => {
    const d = run(mixed, returnOf(item("bra", { reason: "faulty" })));
    expect(d.outcome).toBe("rejected");
    expect(reasonCodes(d)).toEqual(["CATEGORY_EXCLUDED"]);
  });
});

describe("C-final", () => {
  it("refuses a final-sale item returned for a change of mind", () => {
    const d = run(mixed, returnOf(item("skirt")));
    expect(d.outcome).toBe("rejected");
    expect(reasonCodes(d)).toEqual(["FINAL_SALE"]);
    expect(d.items[0]?.reasons[0]?.clause?.id).toBe("C-final");
  });

  it("sends a fault reported on a final-sale item to quality control instead of refusing it", () => {
    const d = run(mixed, returnOf(item("skirt", { reason: "faulty" })));
    expect(d.outcome).toBe("needs_review");
    expect(reasonCodes(d)).toEqual(["QC_APPROVAL_REQUIRED"]);
    expect(d.items[0]?.outcome).toBe("needs_review");
    expect(d.resolution.amount).toBe(0);
  });

  it("sends a fault report (faulty_item) on a final-sale item to review", () => {
    const d = run(mixed, {
      type: "faulty_item",
      lineId: "skirt",
      description: "zip broken",
      evidence: { fullItemPhotos: 0, faultPhotos: 2 },
    });
    expect(d.outcome).toBe("needs_review");
    expect(reasonCodes(d)).toEqual(["QC_APPROVAL_REQUIRED"]);
  });

  it("refunds a final-sale item once quality control approved the fault, with no fee", () => {
    const d = run(mixed, returnOf(item("skirt", { reason: "faulty", qcApprovedFault: true })));
    expect(d.outcome).toBe("approved");
    expect(d.resolution.amount).toBe(5_000);
    expect(noticeCodes(d)).not.toContain("RETURN_FEE_DEDUCTED");
  });
});

describe("C-shipping", () => {
  it("never refunds shipping and says so when shipping was charged", () => {
    const d = run();
    expect(noticeCodes(d)).toContain("SHIPPING_NOT_REFUNDED");
    expect(d.notices.find((n) => n.code === "SHIPPING_NOT_REFUNDED")?.message).toContain("USD 8.00");
    expect(d.resolution.breakdown.some((b) => b.kind === "shipping")).toBe(false);
  });

  it("does not refund shipping even when everything comes back", () => {
    const d = run(mixed, returnOf(item("dress"), item("shirt", { quantity: 2 })));
    expect(d.resolution.amount).toBe(12_000 + 8_000 - 1000);
  });

  it("gives no shipping notice when the order had free shipping", () => {
    expect(noticeCodes(run(castellaOrder({ shippingCharged: 0 })))).not.toContain("SHIPPING_NOT_REFUNDED");
  });
});

describe("C-fee", () => {
  it("is deducted once per request, however many items are approved", () => {
    const d = run(mixed, returnOf(item("dress"), item("shirt"), item("shirt")));
    expect(d.outcome).toBe("approved");
    expect(d.resolution.amount).toBe(12_000 + 4_000 + 4_000 - 1000);
    expect(d.resolution.breakdown.filter((b) => b.kind === "return_fee")).toEqual([
      { kind: "return_fee", amount: -1000 },
    ]);
    expect(noticeCodes(d).filter((c) => c === "RETURN_FEE_DEDUCTED")).toHaveLength(1);
  });

  it("is not charged when nothing is approved", () => {
    const d = run(mixed, returnOf(item("bra"), item("belt")));
    expect(d.resolution.amount).toBe(0);
    expect(d.resolution.breakdown).toEqual([]);
    expect(noticeCodes(d)).toEqual([]);
  });

  it("never makes the refund negative: a cheap item is refunded to zero, not below", () => {
    const order = castellaOrder({ lines: [line("1", { unitPrice: 600 })] });
    const d = run(order);
    expect(d.outcome).toBe("approved");
    expect(d.resolution.amount).toBe(0);
    expect(d.resolution.breakdown).toEqual([
      { kind: "item", lineId: "1", amount: 600 },
      { kind: "return_fee", amount: -600 },
    ]);
  });

  it("takes nothing from a refund that a full discount already made zero", () => {
    const order = castellaOrder({ discountTotal: 12_000 });
    const d = run(order);
    expect(d.resolution.amount).toBe(0);
    expect(noticeCodes(d)).not.toContain("RETURN_FEE_DEDUCTED");
  });

  it("is waived when every approved item is a fault quality control approved", () => {
    const d = run(mixed, returnOf(item("dress", { reason: "faulty", qcApprovedFault: true })));
    expect(d.resolution.amount).toBe(12_000);
    expect(d.resolution.breakdown.some((b) => b.kind === "return_fee")).toBe(false);
    expect(noticeCodes(d)).toEqual(["SHIPPING_NOT_REFUNDED", "REFUND_TO_ORIGINAL_PAYMENT_ONLY"]);
  });

  it("skips the condition checklist for a QC-approved fault (QC already judged it)", () => {
    const d = run(mixed, returnOf(item("dress", { qcApprovedFault: true, condition: { worn: true } })));
    expect(d.outcome).toBe("approved");
    expect(d.resolution.amount).toBe(12_000);
  });
});

describe("partial approvals", () => {
  it("approves what passes, refuses the rest, and refunds only the approved items", () => {
    const d = run(
      mixed,
      returnOf(
        item("dress"),
        item("bra"),
        item("skirt"),
        item("shirt", { condition: { tagsAttached: false } }),
        item("bikini", { condition: { hygieneStripIntact: true } }),
      ),
    );
    expect(d.outcome).toBe("partially_approved");
    expect(d.items.map((i) => [i.lineId, i.outcome, i.reasons.map((r) => r.code)])).toEqual([
      ["dress", "approved", []],
      ["bra", "rejected", ["CATEGORY_EXCLUDED"]],
      ["skirt", "rejected", ["FINAL_SALE"]],
      ["shirt", "rejected", ["CONDITION_NOT_MET"]],
      ["bikini", "approved", []],
    ]);
    expect(d.reasons.map((r) => r.code)).toEqual(["CATEGORY_EXCLUDED", "FINAL_SALE", "CONDITION_NOT_MET"]);
    expect(d.resolution.amount).toBe(12_000 + 6_500 - 1000);
    expect(noticeCodes(d)).toContain("RETURN_FEE_DEDUCTED");
  });

  it("keeps a fault on review apart from the approved items", () => {
    const d = run(mixed, returnOf(item("dress"), item("skirt", { reason: "defective" })));
    expect(d.outcome).toBe("partially_approved");
    expect(itemOutcome(d, "skirt")).toBe("needs_review");
    expect(d.resolution.amount).toBe(11_000);
  });

  it("charges the fee when a QC-approved fault comes back with a change-of-mind item", () => {
    const d = run(mixed, returnOf(item("skirt", { qcApprovedFault: true }), item("dress")));
    expect(d.resolution.amount).toBe(5_000 + 12_000 - 1000);
  });
});

describe("C-refund", () => {
  const timeline = (returnDeliveredAt: string) =>
    run(castellaOrder(), { type: "refund_timeline", returnDeliveredAt }, "2026-12-01T12:00:00Z");

  it("promises the 7th business day after the return reached the warehouse", () => {
    // Monday 16 March + 7 business days: 17, 18, 19, 20, 23, 24, 25.
    const d = timeline("2026-03-16T15:00:00Z");
    expect(d.outcome).toBe("approved");
    expect(d.timeline.refundExpectedBy).toBe("2026-03-25");
    expect(noticeCodes(d)).toEqual(["REFUND_TO_ORIGINAL_PAYMENT_ONLY"]);
  });

  it("skips Thanksgiving", () => {
    // Friday 20 November + 7: 23, 24, 25, (26 Thanksgiving), 27, 30, 1 Dec, 2 Dec.
    expect(timeline("2026-11-20T15:00:00Z").timeline.refundExpectedBy).toBe("2026-12-02");
  });

  it("skips the 4 July substitute day and counts from the warehouse's local date", () => {
    // 02:00 UTC on Thursday 2 July is still Wednesday 1 July in New York: 2, (3 holiday), 6, 7, 8, 9, 10, 13.
    expect(timeline("2026-07-02T02:00:00Z").timeline.refundExpectedBy).toBe("2026-07-13");
  });

  it("refunds to the original payment method", () => {
    expect(run().resolution.method).toBe("refund_original_payment");
  });
});

describe("C-exchange", () => {
  it("does not offer exchanges", () => {
    const d = run(castellaOrder(), exchangeOf(item("1", { wantedSku: "DR-22-M" })));
    expect(d.outcome).toBe("rejected");
    expect(reasonCodes(d)).toEqual(["EXCHANGE_NOT_OFFERED"]);
    expect(d.reasons[0]?.clause?.id).toBe("C-exchange");
    expect(d.resolution).toMatchObject({ method: "none", amount: 0 });
  });
});

describe("C-fault", () => {
  const fault = (photos: number, now = IN_TIME) =>
    run(
      castellaOrder(),
      {
        type: "faulty_item",
        lineId: "1",
        description: "",
        evidence: { fullItemPhotos: 0, faultPhotos: photos },
      },
      now,
    );

  it("sends a reported fault with a photo to quality control; the item stays with the customer", () => {
    const d = fault(1);
    expect(d.outcome).toBe("needs_review");
    expect(d.reasons.map((r) => r.code)).toEqual(["QC_APPROVAL_REQUIRED"]);
    expect(d.reasons[0]?.clause?.id).toBe("C-fault");
    expect(d.reasons[0]?.message).toMatch(/do not send/i);
    expect(d.timeline.deadline).toBe("2026-03-19");
  });

  it("counts any photo, of the item or of the fault", () => {
    const d = run(castellaOrder(), {
      type: "faulty_item",
      lineId: "1",
      description: "",
      evidence: { fullItemPhotos: 1, faultPhotos: 0 },
    });
    expect(d.outcome).toBe("needs_review");
  });

  it("asks for a photo when none was sent", () => {
    const d = fault(0);
    expect(d.outcome).toBe("needs_information");
    expect(d.reasons.map((r) => r.code)).toEqual(["EVIDENCE_REQUIRED"]);
    expect(d.reasons[0]?.message).toContain("photo");
  });

  it("is late after the 14-day window", () => {
    const d = fault(3, "2026-03-20T12:00:00Z");
    expect(d.outcome).toBe("rejected");
    expect(d.reasons.map((r) => r.code)).toEqual(["RETURN_WINDOW_EXPIRED"]);
  });

  it("needs the order to have been delivered", () => {
    const d = run(inTransit(castellaOrder()), {
      type: "faulty_item",
      lineId: "1",
      description: "x",
      evidence: { fullItemPhotos: 1, faultPhotos: 1 },
    });
    expect(reasonCodes(d)).toEqual(["NOT_YET_DELIVERED"]);
  });
});

describe("C-cancel", () => {
  it("approves a change of mind before dispatch as store credit for items + shipping − discounts", () => {
    const order = notDispatched(
      castellaOrder({
        discountTotal: 2_500,
        lines: [line("1", { unitPrice: 12_000 }), line("2", { unitPrice: 4_000, quantity: 2 })],
      }),
    );
    const d = run(order, { type: "cancel", reason: "changed_mind" });
    expect(d.outcome).toBe("approved");
    expect(d.resolution).toEqual({
      method: "store_credit",
      amount: 12_000 + 8_000 + 800 - 2_500,
      currency: "USD",
      breakdown: [
        { kind: "item", lineId: "1", amount: 12_000 },
        { kind: "item", lineId: "2", amount: 8_000 },
        { kind: "shipping", amount: 800 },
        { kind: "discount", lineId: "*", amount: -2_500 },
      ],
    });
  });

  it("refuses once the order was dispatched or delivered", () => {
    for (const order of [inTransit(castellaOrder()), castellaOrder()]) {
      const d = run(order, { type: "cancel", reason: "changed_mind" });
      expect(d.outcome).toBe("rejected");
      expect(d.reasons.map((r) => r.code)).toEqual(["ALREADY_DISPATCHED"]);
      expect(d.reasons[0]?.clause?.id).toBe("C-cancel");
      expect(d.resolution.amount).toBe(0);
    }
  });
});

describe("C-amend", () => {
  it("is best effort before dispatch", () => {
    const d = run(notDispatched(castellaOrder()), { type: "amend", changes: { phone: "+1 212 555 0100" } });
    expect(d.outcome).toBe("needs_review");
    expect(d.reasons.map((r) => r.code)).toEqual(["REVIEW_REQUIRED"]);
    expect(d.reasons[0]?.clause?.id).toBe("C-amend");
    expect(d.reasons[0]?.message).toContain("phone");
  });

  it("is refused after dispatch", () => {
    const d = run(inTransit(castellaOrder()), { type: "amend", changes: { email: "a@b.example" } });
    expect(d.outcome).toBe("rejected");
    expect(d.reasons.map((r) => r.code)).toEqual(["ALREADY_DISPATCHED"]);
  });
});

describe("C-lost", () => {
  it("points the customer to the courier once tracking was provided", () => {
    for (const order of [inTransit(castellaOrder()), castellaOrder()]) {
      const d = run(order, { type: "lost_package" });
      expect(d.outcome).toBe("rejected");
      expect(d.reasons.map((r) => r.code)).toEqual(["CARRIER_RESPONSIBILITY"]);
      expect(d.reasons[0]?.clause?.id).toBe("C-lost");
      expect(d.reasons[0]?.message).toMatch(/courier/);
    }
  });

  it("lets a person look when the order has not been dispatched (no tracking yet)", () => {
    const d = run(notDispatched(castellaOrder()), { type: "lost_package" });
    expect(d.outcome).toBe("needs_review");
  });
});

describe("shared conventions under Castélla", () => {
  it("refuses any request on a cancelled order", () => {
    const cancelled = castellaOrder({ status: "cancelled" });
    const requests: PolicyRequest[] = [
      returnOf(item("1")),
      exchangeOf(item("1")),
      { type: "cancel", reason: "x" },
      { type: "amend", changes: { phone: "+1 212 555 0100" } },
      { type: "lost_package" },
      { type: "faulty_item", lineId: "1", description: "x", evidence: { fullItemPhotos: 1, faultPhotos: 1 } },
      { type: "customs_check", country: "US" },
      { type: "apply_discount", code: "SPRING" },
      { type: "discount_quote", code: { code: "SPRING", percentOff: 10 }, promotionActive: false },
      { type: "refund_timeline", returnDeliveredAt: "2026-03-16T15:00:00Z" },
    ];
    for (const request of requests) {
      const d = run(cancelled, request);
      expect(d.outcome, request.type).toBe("rejected");
      expect(reasonCodes(d), request.type).toContain("ORDER_CANCELLED");
    }
  });

  it("refuses a return on an order not delivered yet", () => {
    for (const order of [notDispatched(castellaOrder()), inTransit(castellaOrder())]) {
      const d = run(order);
      expect(d.outcome).toBe("rejected");
      expect(reasonCodes(d)).toEqual(["NOT_YET_DELIVERED"]);
      expect(d.timeline.deadline).toBeNull();
    }
  });

  it("lets a line be returned up to its quantity less what was already returned", () => {
    const order = castellaOrder({
      lines: [line("1", { unitPrice: 4_000, quantity: 3, returnedQuantity: 1 })],
    });
    expect(run(order, returnOf(item("1", { quantity: 2 }))).outcome).toBe("approved");
    const over = run(order, returnOf(item("1", { quantity: 3 })));
    expect(over.outcome).toBe("rejected");
    expect(reasonCodes(over)).toEqual(["QUANTITY_EXCEEDS_AVAILABLE"]);
    expect(over.items[0]?.reasons[0]?.message).toContain("Only 2");
  });

  it("counts units asked for in the same request against what is left", () => {
    const order = castellaOrder({ lines: [line("1", { unitPrice: 4_000, quantity: 2 })] });
    const two = run(order, returnOf(item("1"), item("1")));
    expect(two.outcome).toBe("approved");
    expect(two.resolution.amount).toBe(8_000 - 1000);
    // Three units of a line of two: the request as a whole asks for too many, whichever item is first.
    const three = run(order, returnOf(item("1"), item("1", { quantity: 2 })));
    expect(three.outcome).toBe("rejected");
    expect(three.items.map((i) => i.reasons.map((r) => r.code))).toEqual([
      ["QUANTITY_EXCEEDS_AVAILABLE"],
      ["QUANTITY_EXCEEDS_AVAILABLE"],
    ]);
    expect(three.items[0]?.reasons[0]?.message).toContain("asks for 3");
    const reversed = run(order, returnOf(item("1", { quantity: 2 }), item("1")));
    expect(reversed.outcome).toBe("rejected");
    expect(reversed.resolution.amount).toBe(0);
  });

  it("prorates the order's discount over the lines and refunds the returned share", () => {
    // 20.00 off 120.00 + 80.00: the dress carries 12.00 of it, the shirts 8.00 (4.00 each).
    const order = castellaOrder({
      discountTotal: 2_000,
      lines: [line("dress", { unitPrice: 12_000 }), line("shirt", { unitPrice: 4_000, quantity: 2 })],
    });
    const d = run(order, returnOf(item("dress"), item("shirt")));
    expect(d.resolution.breakdown).toEqual([
      { kind: "item", lineId: "dress", amount: 12_000 },
      { kind: "discount_share", lineId: "dress", amount: -1_200 },
      { kind: "item", lineId: "shirt", amount: 4_000 },
      { kind: "discount_share", lineId: "shirt", amount: -400 },
      { kind: "return_fee", amount: -1000 },
    ]);
    expect(d.resolution.amount).toBe(10_800 + 3_600 - 1000);
  });

  it("refuses an item that names a line the order does not have", () => {
    expect(() => run(castellaOrder(), returnOf(item("nope")))).toThrow(/no line 'nope'/);
  });
});
