// Kallesia's rules (policy-spec.md, "Kallesia"), one block per rule id.
import { describe, expect, it } from "vitest";
import type { Order, PolicyRequest } from "../scenario.ts";
import { parsePolicy } from "./load.ts";
import {
  brandPolicyText,
  decide,
  exchangeOf,
  inTransit,
  item,
  itemOutcome,
  kallesiaOrder,
  line,
  loadBrandPolicy,
  notDispatched,
  noticeCodes,
  reasonCodes,
  returnOf,
} from "./test-scenarios.ts";

const policy = loadBrandPolicy("kallesia");
const NOW = "2026-03-09T12:00:00Z";
const run = (order: Order = kallesiaOrder(), request: PolicyRequest = returnOf(item("1")), now = NOW) =>
  decide(policy, order, request, now);

const eCheque = (cleared: boolean) => kallesiaOrder({ payment: { method: "e_cheque", cleared } });

describe("K-window", () => {
  it("sets no return window: a return 200 days after delivery is approved", () => {
    const d = run(kallesiaOrder(), returnOf(item("1")), "2026-09-21T12:00:00Z");
    expect(d.outcome).toBe("approved");
    expect(d.timeline.deadline).toBeNull();
    expect(reasonCodes(d)).toEqual([]);
  });

  it("charges no return fee", () => {
    const d = run();
    expect(d.resolution.amount).toBe(5_000);
    expect(d.resolution.breakdown).toEqual([{ kind: "item", lineId: "1", amount: 5_000 }]);
    expect(noticeCodes(d)).not.toContain("RETURN_FEE_DEDUCTED");
  });

  it("keeps shipping (no policy says it is refunded)", () => {
    const d = run(
      kallesiaOrder({ lines: [line("1", { unitPrice: 5_000, quantity: 2 })] }),
      returnOf(item("1", { quantity: 2 })),
    );
    expect(d.resolution.amount).toBe(10_000);
    expect(noticeCodes(d)).toContain("SHIPPING_NOT_REFUNDED");
  });
});

describe("K-refund", () => {
  it("refunds only to the original payment method and says it cannot change", () => {
    const d = run();
    expect(d.resolution.method).toBe("refund_original_payment");
    expect(d.resolution.currency).toBe("GBP");
    const n = d.notices.find((x) => x.code === "REFUND_TO_ORIGINAL_PAYMENT_ONLY");
    expect(n?.clause?.id).toBe("K-refund");
  });

  it("promises inspection (10 working days) then up to 10 more, skipping Easter", () => {
    // Monday 16 March + 10 working days = 30 March; then 31, 1, 2, (3 Good Friday), (6 Easter Monday),
    // 7, 8, 9, 10, 13, 14, 15 April.
    const d = run(kallesiaOrder(), { type: "refund_timeline", returnDeliveredAt: "2026-03-16T10:00:00Z" });
    expect(d.outcome).toBe("approved");
    expect(d.timeline.refundExpectedBy).toBe("2026-04-15");
    expect(noticeCodes(d)).toEqual(["REFUND_TO_ORIGINAL_PAYMENT_ONLY"]);
  });

  it("skips Christmas and the Boxing Day substitute", () => {
    // Friday 4 Dec + 10 = Friday 18 Dec; then 21, 22, 23, 24, (25, 28 holidays), 29, 30, 31, 1 Jan is a holiday, 4, 5, 6.
    const d = run(kallesiaOrder(), { type: "refund_timeline", returnDeliveredAt: "2026-12-04T10:00:00Z" });
    expect(d.timeline.refundExpectedBy).toBe("2027-01-06");
  });
});

describe("K-echeque", () => {
  it("warns that an uncleared e-cheque must clear before the refund", () => {
    const d = run(eCheque(false));
    expect(d.outcome).toBe("approved");
    const n = d.notices.find((x) => x.code === "E_CHEQUE_MUST_CLEAR");
    expect(n?.clause?.id).toBe("K-echeque");
    expect(n?.message).toContain("10 working days");
  });

  it("says nothing about clearing once the e-cheque has cleared, or for other payments", () => {
    expect(noticeCodes(run(eCheque(true)))).not.toContain("E_CHEQUE_MUST_CLEAR");
    expect(noticeCodes(run())).not.toContain("E_CHEQUE_MUST_CLEAR");
  });

  it("shows the notice with the refund timeline too", () => {
    const d = run(eCheque(false), { type: "refund_timeline", returnDeliveredAt: "2026-03-16T10:00:00Z" });
    expect(noticeCodes(d)).toEqual(["REFUND_TO_ORIGINAL_PAYMENT_ONLY", "E_CHEQUE_MUST_CLEAR"]);
  });

  it("makes the refund wait for clearing when clearing ends after inspection", () => {
    // With Kallesia's own numbers clearing (10 working days from the order) always ends before the
    // inspection of a later return does; a slower clearing shows the wait.
    const text = brandPolicyText("kallesia").replace("clearingBusinessDays: 10", "clearingBusinessDays: 25");
    const slow = parsePolicy(text, "kallesia-slow-cheque.yaml");
    const request: PolicyRequest = { type: "refund_timeline", returnDeliveredAt: "2026-03-16T10:00:00Z" };
    // Placed Sunday 1 March: the 25th working day is 7 April (Easter skipped); then 10 more → 21 April.
    expect(decide(slow, eCheque(false), request, NOW).timeline.refundExpectedBy).toBe("2026-04-21");
    expect(decide(slow, eCheque(true), request, NOW).timeline.refundExpectedBy).toBe("2026-04-15");
    expect(decide(slow, kallesiaOrder(), request, NOW).timeline.refundExpectedBy).toBe("2026-04-15");
  });
});

describe("K-exchange", () => {
  it("sends replacements once the items arrived: method exchange, amount 0", () => {
    const d = run(kallesiaOrder(), exchangeOf(item("1", { wantedSku: "SKU-1-L" })));
    expect(d.outcome).toBe("approved");
    expect(d.resolution).toEqual({ method: "exchange", amount: 0, currency: "GBP", breakdown: [] });
    expect(d.items).toEqual([{ lineId: "1", outcome: "approved", quantity: 1, reasons: [] }]);
    expect(noticeCodes(d)).not.toContain("RETURN_FEE_DEDUCTED");
  });

  it("waits until the order is delivered", () => {
    for (const order of [notDispatched(kallesiaOrder()), inTransit(kallesiaOrder())]) {
      const d = run(order, exchangeOf(item("1")));
      expect(d.outcome).toBe("rejected");
      expect(reasonCodes(d)).toEqual(["NOT_YET_DELIVERED"]);
      expect(d.resolution.method).toBe("none");
    }
  });

  it("exchanges only what can still come back", () => {
    const order = kallesiaOrder({ lines: [line("1", { quantity: 2, returnedQuantity: 1 })] });
    const d = run(order, exchangeOf(item("1", { quantity: 2 })));
    expect(d.outcome).toBe("rejected");
    expect(reasonCodes(d)).toEqual(["QUANTITY_EXCEEDS_AVAILABLE"]);
  });
});

describe("K-lost-return", () => {
  it("reviews a lost return with tracked proof of postage", () => {
    const d = run(kallesiaOrder(), { type: "lost_return", proofOfPostage: true });
    expect(d.outcome).toBe("needs_review");
    expect(d.reasons.map((r) => r.code)).toEqual(["REVIEW_REQUIRED"]);
    expect(d.reasons[0]?.clause?.id).toBe("K-lost-return");
  });

  it("refuses it without proof of postage", () => {
    const d = run(kallesiaOrder(), { type: "lost_return", proofOfPostage: false });
    expect(d.outcome).toBe("rejected");
    expect(d.reasons.map((r) => r.code)).toEqual(["PROOF_OF_POSTAGE_REQUIRED"]);
  });
});

describe("K-amend", () => {
  it("allows self-service changes until dispatch", () => {
    const d = run(notDispatched(kallesiaOrder()), {
      type: "amend",
      changes: { shippingAddress: { line1: "1 High St" } },
    });
    expect(d.outcome).toBe("approved");
    expect(d.reasons).toEqual([]);
  });

  it("refuses changes after dispatch", () => {
    for (const order of [inTransit(kallesiaOrder()), kallesiaOrder()]) {
      const d = run(order, { type: "amend", changes: { email: "me@example.com" } });
      expect(d.outcome).toBe("rejected");
      expect(d.reasons.map((r) => r.code)).toEqual(["ALREADY_DISPATCHED"]);
      expect(d.reasons[0]?.clause?.id).toBe("K-amend");
    }
  });
});

describe("K-cancel", () => {
  it("is a best-effort request before dispatch", () => {
    const d = run(notDispatched(kallesiaOrder()), { type: "cancel", reason: "changed_mind" });
    expect(d.outcome).toBe("needs_review");
    expect(d.reasons.map((r) => r.code)).toEqual(["REVIEW_REQUIRED"]);
    expect(d.reasons[0]?.clause?.id).toBe("K-cancel");
    expect(d.resolution.amount).toBe(0);
  });

  it("is refused after dispatch, pointing to a return or exchange", () => {
    const d = run(inTransit(kallesiaOrder()), { type: "cancel", reason: "changed_mind" });
    expect(d.outcome).toBe("rejected");
    expect(d.reasons.map((r) => r.code)).toEqual(["ALREADY_DISPATCHED"]);
    expect(d.reasons[0]?.message).toMatch(/return or exchange/);
  });
});

describe("K-missing", () => {
  // Delivered Tuesday 24 March 2026, 10:00 UTC: the last day to report is 31 March (London, BST).
  const order = kallesiaOrder({ deliveredAt: "2026-03-24T10:00:00Z" });
  type Evidence = Extract<PolicyRequest, { type: "missing_item" }>["evidence"];
  const goodEvidence: Evidence = { itemsReceivedPhotos: 1, parcelPhotos: 0, parcelDamaged: false };
  const complete: PolicyRequest = { type: "missing_item", missingLineIds: ["1"], evidence: goodEvidence };
  const claim = (
    evidence: Partial<Evidence> = {},
    missingLineIds: string[] = ["1"],
    now = "2026-03-27T12:00:00Z",
  ) => run(order, { type: "missing_item", missingLineIds, evidence: { ...goodEvidence, ...evidence } }, now);

  it("investigates a complete report", () => {
    const d = claim();
    expect(d.outcome).toBe("needs_review");
    expect(d.reasons.map((r) => r.code)).toEqual(["REVIEW_REQUIRED"]);
    expect(d.reasons[0]?.clause?.id).toBe("K-missing");
    expect(d.timeline.deadline).toBe("2026-03-31");
  });

  it("counts 7 days inclusive in London time (BST): 23:30 UTC on the last day is already late", () => {
    expect(claim({}, ["1"], "2026-03-31T22:30:00Z").outcome).toBe("needs_review");
    const late = claim({}, ["1"], "2026-03-31T23:30:00Z");
    expect(late.outcome).toBe("rejected");
    expect(late.reasons.map((r) => r.code)).toEqual(["CLAIM_WINDOW_EXPIRED"]);
    expect(late.reasons[0]?.message).toContain("2026-03-31");
  });

  it("counts in GMT in winter: 23:59 UTC on the last day is in time", () => {
    const winter = kallesiaOrder({ deliveredAt: "2026-01-05T15:00:00Z" });
    expect(run(winter, complete, "2026-01-12T23:59:00Z").outcome).toBe("needs_review");
    expect(run(winter, complete, "2026-01-13T00:00:00Z").outcome).toBe("rejected");
  });

  it("needs the missing lines listed", () => {
    const d = claim({}, []);
    expect(d.outcome).toBe("needs_information");
    expect(d.reasons.map((r) => r.code)).toEqual(["EVIDENCE_REQUIRED"]);
    expect(d.reasons[0]?.message).toContain("list of items missing");
  });

  it("needs a photo of the items received", () => {
    const d = claim({ itemsReceivedPhotos: 0 });
    expect(d.outcome).toBe("needs_information");
    expect(d.reasons[0]?.message).toContain("the items you received");
  });

  it("needs a photo of the parcel only when it arrived damaged or opened", () => {
    const d = claim({ parcelDamaged: true, parcelPhotos: 0 });
    expect(d.outcome).toBe("needs_information");
    expect(d.reasons[0]?.message).toContain("parcel");
    expect(claim({ parcelDamaged: true, parcelPhotos: 2 }).outcome).toBe("needs_review");
    expect(claim({ parcelDamaged: false, parcelPhotos: 0 }).outcome).toBe("needs_review");
  });

  it("names everything missing at once", () => {
    const d = claim({ itemsReceivedPhotos: 0, parcelDamaged: true }, []);
    const message = d.reasons[0]?.message ?? "";
    expect(message).toContain("list of items");
    expect(message).toContain("items you received");
    expect(message).toContain("damaged or opened");
  });

  it("refuses a late report even when evidence is missing", () => {
    expect(
      claim({ itemsReceivedPhotos: 0 }, ["1"], "2026-04-10T12:00:00Z").reasons.map((r) => r.code),
    ).toEqual(["CLAIM_WINDOW_EXPIRED"]);
  });

  it("refuses a report naming a line the order does not have", () => {
    expect(() => claim({}, ["9"])).toThrow(/no line '9'/);
  });

  it("needs the order to have been delivered", () => {
    const d = run(inTransit(order), complete);
    expect(reasonCodes(d)).toEqual(["NOT_YET_DELIVERED"]);
  });
});

describe("K-faulty", () => {
  const fault = (full: number, faultPhotos: number, description: string, now = NOW) =>
    run(
      kallesiaOrder(),
      { type: "faulty_item", lineId: "1", description, evidence: { fullItemPhotos: full, faultPhotos } },
      now,
    );

  it("reviews a report with a whole-item photo, a fault photo and a description", () => {
    const d = fault(1, 1, "the seam split after one wear");
    expect(d.outcome).toBe("needs_review");
    expect(d.reasons.map((r) => r.code)).toEqual(["REVIEW_REQUIRED"]);
    expect(d.reasons[0]?.clause?.id).toBe("K-faulty");
  });

  it("asks for each missing piece of evidence", () => {
    for (const [full, faultPhotos, description, missing] of [
      [0, 1, "torn", "the whole item"],
      [1, 0, "torn", "the fault"],
      [1, 1, "  ", "a description"],
    ] as const) {
      const d = fault(full, faultPhotos, description);
      expect(d.outcome).toBe("needs_information");
      expect(d.reasons.map((r) => r.code)).toEqual(["EVIDENCE_REQUIRED"]);
      expect(d.reasons[0]?.message).toContain(missing);
    }
  });

  it("states no window: a fault reported a year later is still reviewed", () => {
    const d = fault(1, 1, "faded", "2027-03-05T12:00:00Z");
    expect(d.outcome).toBe("needs_review");
    expect(d.timeline.deadline).toBeNull();
  });
});

describe("K-discount", () => {
  const basket = kallesiaOrder({
    status: "placed",
    dispatchedAt: null,
    deliveredAt: null,
    lines: [
      line("sale", { unitPrice: 5_000, onSale: true }),
      line("full", { unitPrice: 3_000, quantity: 2 }),
    ],
  });
  const quote = (
    promotionActive: boolean,
    order: Order = basket,
    code = { code: "WELCOME10", percentOff: 10 },
  ) => run(order, { type: "discount_quote", code, promotionActive });

  it("cannot be applied to an order already placed", () => {
    const d = run(kallesiaOrder(), { type: "apply_discount", code: "WELCOME10" });
    expect(d.outcome).toBe("rejected");
    expect(d.reasons.map((r) => r.code)).toEqual(["DISCOUNT_NOT_RETROACTIVE"]);
    expect(d.reasons[0]?.clause?.id).toBe("K-discount");
    expect(d.reasons[0]?.message).toMatch(/future order/);
  });

  it("applies to every line outside a promotion", () => {
    const d = quote(false);
    expect(d.outcome).toBe("approved");
    expect(d.resolution).toMatchObject({ method: "none", amount: 1_100, currency: "GBP" });
    expect(d.items.every((i) => i.outcome === "approved")).toBe(true);
  });

  it("during a promotion excludes sale items but still applies to the others", () => {
    const d = quote(true);
    expect(d.outcome).toBe("approved");
    expect(d.resolution.amount).toBe(600);
    expect(itemOutcome(d, "sale")).toBe("rejected");
    expect(itemOutcome(d, "full")).toBe("approved");
    expect(d.items.find((i) => i.lineId === "sale")?.reasons.map((r) => r.code)).toEqual([
      "DISCOUNT_EXCLUDES_SALE_ITEMS",
    ]);
    expect(d.resolution.breakdown).toEqual([{ kind: "discount", lineId: "full", amount: -600 }]);
  });

  it("is rejected during a promotion when every line is on sale", () => {
    const allSale = { ...basket, lines: [line("a", { onSale: true }), line("b", { onSale: true })] };
    const d = quote(true, allSale);
    expect(d.outcome).toBe("rejected");
    expect(d.resolution.amount).toBe(0);
    expect(reasonCodes(d)).toEqual(["DISCOUNT_EXCLUDES_SALE_ITEMS"]);
  });

  it("caps a fixed amount off at what qualifies", () => {
    const d = run(basket, {
      type: "discount_quote",
      code: { code: "TENNER", amountOff: 10_000 },
      promotionActive: true,
    });
    expect(d.resolution.amount).toBe(6_000);
  });
});

describe("K-customs", () => {
  const check = (country: string, phone?: string | null, taxId?: string | null) =>
    run(kallesiaOrder(), { type: "customs_check", country, phone, taxId });

  it("approves Mexico with a valid phone number and RFC", () => {
    expect(check("MX", "+52 55 1234 5678", "GODE561231GR8").outcome).toBe("approved");
    expect(check("mx", "+52 55 1234 5678", "ABC680524P76").outcome).toBe("approved");
  });

  it("asks for a missing phone or RFC for Mexico", () => {
    const d = check("MX", null, "");
    expect(d.outcome).toBe("needs_information");
    expect(d.reasons.map((r) => r.code)).toEqual(["CUSTOMS_INFO_REQUIRED", "CUSTOMS_INFO_REQUIRED"]);
    expect(d.reasons[0]?.clause?.id).toBe("K-customs");
    expect(d.reasons.map((r) => r.message).join(" ")).toContain("RFC");
  });

  it("flags a malformed phone or RFC for Mexico", () => {
    const badRfc = check("MX", "+52 55 1234 5678", "GODE561331GR8");
    expect(badRfc.outcome).toBe("needs_information");
    expect(badRfc.reasons.map((r) => r.code)).toEqual(["CUSTOMS_INFO_INVALID"]);
    expect(badRfc.reasons[0]?.message).toContain("date");
    const badPhone = check("MX", "123", "GODE561231GR8");
    expect(badPhone.reasons.map((r) => r.code)).toEqual(["CUSTOMS_INFO_INVALID"]);
  });

  it("needs a valid T.C. Kimlik No for Turkey, and no phone", () => {
    expect(check("TR", null, "10000000146").outcome).toBe("approved");
    expect(check("TR", null, null).reasons.map((r) => r.code)).toEqual(["CUSTOMS_INFO_REQUIRED"]);
    const bad = check("TR", null, "10000000147");
    expect(bad.outcome).toBe("needs_information");
    expect(bad.reasons.map((r) => r.code)).toEqual(["CUSTOMS_INFO_INVALID"]);
  });

  it("needs nothing extra for other countries", () => {
    for (const country of ["GB", "US", "FR", "JP"]) {
      const d = check(country);
      expect(d.outcome, country).toBe("approved");
      expect(d.reasons).toEqual([]);
    }
  });
});

describe("shared conventions under Kallesia", () => {
  it("refuses any request on a cancelled order", () => {
    const cancelled = kallesiaOrder({ status: "cancelled" });
    const requests: PolicyRequest[] = [
      returnOf(item("1")),
      exchangeOf(item("1")),
      { type: "cancel", reason: "x" },
      { type: "amend", changes: { phone: "+44 7400 123456" } },
      {
        type: "missing_item",
        missingLineIds: ["1"],
        evidence: { itemsReceivedPhotos: 1, parcelPhotos: 0, parcelDamaged: false },
      },
      { type: "faulty_item", lineId: "1", description: "x", evidence: { fullItemPhotos: 1, faultPhotos: 1 } },
      { type: "lost_package" },
      { type: "lost_return", proofOfPostage: true },
      { type: "apply_discount", code: "X" },
      { type: "discount_quote", code: { code: "X", percentOff: 10 }, promotionActive: false },
      { type: "customs_check", country: "MX", phone: "+52 55 1234 5678", taxId: "GODE561231GR8" },
      { type: "refund_timeline", returnDeliveredAt: "2026-03-16T10:00:00Z" },
    ];
    for (const request of requests) {
      const d = run(cancelled, request);
      expect(d.outcome, request.type).toBe("rejected");
      expect(reasonCodes(d), request.type).toContain("ORDER_CANCELLED");
    }
  });

  it("refuses a return before delivery", () => {
    const d = run(inTransit(kallesiaOrder()));
    expect(reasonCodes(d)).toEqual(["NOT_YET_DELIVERED"]);
  });

  it("refuses more than the quantity left after earlier returns, per item", () => {
    const order = kallesiaOrder({
      lines: [
        line("1", { unitPrice: 2_000, quantity: 3, returnedQuantity: 2 }),
        line("2", { unitPrice: 1_000 }),
      ],
    });
    const d = run(order, returnOf(item("1", { quantity: 2 }), item("2")));
    expect(d.outcome).toBe("partially_approved");
    expect(itemOutcome(d, "1")).toBe("rejected");
    expect(d.items[0]?.reasons.map((r) => r.code)).toEqual(["QUANTITY_EXCEEDS_AVAILABLE"]);
    expect(d.resolution.amount).toBe(1_000);
    const fullyReturned = run(order, returnOf(item("1")));
    expect(fullyReturned.outcome).toBe("approved");
    expect(fullyReturned.resolution.amount).toBe(2_000);
  });

  it("refunds the returned units' share of the discount, the remainder going to the last unit", () => {
    // 10.00 off 30.00 of shirts (3 × 10.00): the line paid 20.00, i.e. 6.66, 6.67, 6.67 by unit.
    const order = kallesiaOrder({
      discountTotal: 1_000,
      lines: [line("1", { unitPrice: 1_000, quantity: 3 })],
    });
    expect(run(order, returnOf(item("1"))).resolution.amount).toBe(666);
    const second = { ...order, lines: [line("1", { unitPrice: 1_000, quantity: 3, returnedQuantity: 1 })] };
    expect(run(second, returnOf(item("1"))).resolution.amount).toBe(667);
    const third = { ...order, lines: [line("1", { unitPrice: 1_000, quantity: 3, returnedQuantity: 2 })] };
    expect(run(third, returnOf(item("1"))).resolution.amount).toBe(667);
    expect(run(order, returnOf(item("1", { quantity: 3 }))).resolution.amount).toBe(2_000);
  });

  it("prorates a discount across lines by their value", () => {
    const order = kallesiaOrder({
      discountTotal: 900,
      lines: [line("a", { unitPrice: 6_000 }), line("b", { unitPrice: 3_000 })],
    });
    expect(run(order, returnOf(item("a"))).resolution.amount).toBe(5_400);
    expect(run(order, returnOf(item("b"))).resolution.amount).toBe(2_700);
  });
});
