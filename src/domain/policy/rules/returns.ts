// Returns and exchanges: item-by-item eligibility, then the refund (or replacement) for what passed.

import type { Outcome } from "../../codes.ts";
import {
  type BreakdownEntry,
  combineItemOutcomes,
  type Decision,
  type ItemDecision,
  type Notice,
  type Reason,
  uniqueByCode,
} from "../../decision.ts";
import { allocate, formatMoney, shareOfUnits } from "../../money.ts";
import {
  InvalidScenarioError,
  type OrderLine,
  type RequestOf,
  type ReturnItemInput,
} from "../../scenario.ts";
import {
  cancelledOrderReason,
  checkWindow,
  type EvalContext,
  notDeliveredReason,
  notice,
  reason,
  WINDOW_FROM_WORDS,
} from "../context.ts";
import type { ReturnsRules } from "../schema.ts";

type ReturnLike = RequestOf<"return"> | RequestOf<"exchange">;

const sameCategory = (list: readonly string[] | undefined, category: string) =>
  list?.some((c) => c.toLowerCase() === category.toLowerCase()) ?? true;

function lineById(ctx: EvalContext, lineId: string, at: number): OrderLine {
  const line = ctx.order.lines.find((l) => l.id === lineId);
  if (!line) throw new InvalidScenarioError(`request.items[${at}].lineId: the order has no line '${lineId}'`);
  return line;
}

function isFault(rules: ReturnsRules, item: ReturnItemInput): boolean {
  return item.qcApprovedFault || rules.faultReasons.includes(item.reason.toLowerCase());
}

/**
 * Reasons one item cannot simply be approved, and whether a person should look instead.
 * `requested` is every unit of the line the request asks for, so the answer does not depend on the
 * order the items are listed in.
 */
function judgeItem(
  ctx: EvalContext,
  rules: ReturnsRules,
  item: ReturnItemInput,
  line: OrderLine,
  requested: number,
): { outcome: Outcome; reasons: Reason[] } {
  const reasons: Reason[] = [];
  let review = false;
  const available = line.quantity - line.returnedQuantity;
  if (requested > available) {
    reasons.push(
      reason(
        ctx,
        "QUANTITY_EXCEEDS_AVAILABLE",
        `Only ${Math.max(0, available)} of "${line.title || line.sku}" can still be returned (ordered ${line.quantity}, already returned ${line.returnedQuantity}); this request asks for ${requested}.`,
      ),
    );
  }
  const fault = isFault(rules, item);
  for (const ex of rules.exclusions) {
    const applies = ex.categories
      ? sameCategory(ex.categories, line.category)
      : ex.flag
        ? line[ex.flag]
        : false;
    if (!applies) continue;
    if (fault && ex.faultsGoToReview) {
      if (item.qcApprovedFault) continue;
      review = true;
      reasons.push(
        reason(
          ctx,
          "QC_APPROVAL_REQUIRED",
          `"${line.title || line.sku}" can only come back if quality control confirms the fault; please wait for their approval before sending it.`,
          ex.clause,
        ),
      );
      continue;
    }
    const code = ex.code ?? (ex.categories ? "CATEGORY_EXCLUDED" : "FINAL_SALE");
    const why = ex.categories
      ? `${line.category} items are not returnable`
      : "final-sale items are not returnable";
    reasons.push(reason(ctx, code, `"${line.title || line.sku}" cannot be returned: ${why}.`, ex.clause));
  }
  // Quality control has already judged an approved fault; the shopper's checklist no longer applies.
  if (!item.qcApprovedFault) {
    for (const check of rules.conditions) {
      if (!sameCategory(check.categories, line.category)) continue;
      const declared = item.condition[check.field];
      if (declared === undefined || declared === null || declared === check.expect) continue;
      reasons.push(
        reason(
          ctx,
          check.code,
          `"${line.title || line.sku}" does not meet the return condition on ${check.field}.`,
          check.clause,
        ),
      );
    }
  }
  const rejected = reasons.some((r) => r.code !== "QC_APPROVAL_REQUIRED");
  return {
    outcome: rejected ? "rejected" : review ? "needs_review" : "approved",
    reasons: uniqueByCode(reasons),
  };
}

/** A decision in which every item is refused for the same request-level reasons. */
function refuseAll(ctx: EvalContext, req: ReturnLike, reasons: Reason[], deadline: string | null): Decision {
  const unique = uniqueByCode(reasons);
  return {
    outcome: "rejected",
    reasons: unique,
    notices: [],
    items: req.items.map((i) => ({
      lineId: i.lineId,
      outcome: "rejected",
      quantity: i.quantity,
      reasons: unique,
    })),
    resolution: { method: "none", amount: 0, currency: ctx.order.currency, breakdown: [] },
    timeline: { deadline, refundExpectedBy: null },
  };
}

export function evaluateReturnOrExchange(ctx: EvalContext, req: ReturnLike): Decision {
  const rules: ReturnsRules = ctx.rules.returns ?? {
    window: null,
    exclusions: [],
    conditions: [],
    fee: null,
    shipping: { refunded: false },
    faultReasons: [],
  };
  req.items.forEach((item, at) => {
    lineById(ctx, item.lineId, at);
  });

  const gate: Reason[] = [];
  if (req.type === "exchange" && !ctx.rules.exchanges?.offered) {
    gate.push(
      reason(
        ctx,
        "EXCHANGE_NOT_OFFERED",
        "Exchanges are not offered: return the item for a refund and place a new order for the one you want.",
        ctx.rules.exchanges?.clause,
      ),
    );
  }
  const state = cancelledOrderReason(ctx) ?? notDeliveredReason(ctx);
  if (state) gate.push(state);
  const window = checkWindow(ctx, rules.window);
  if (gate.length) return refuseAll(ctx, req, gate, window.deadline);
  if (window.late && rules.window) {
    return refuseAll(
      ctx,
      req,
      [
        reason(
          ctx,
          "RETURN_WINDOW_EXPIRED",
          `Returns must be requested within ${rules.window.days} days of ${WINDOW_FROM_WORDS[rules.window.from]}; the last day was ${window.deadline}.`,
          rules.window.clause,
        ),
      ],
      window.deadline,
    );
  }

  const lines = ctx.order.lines;
  const grosses = lines.map((l) => l.unitPrice * l.quantity);
  const discount = Math.min(
    ctx.order.discountTotal,
    grosses.reduce((a, b) => a + b, 0),
  );
  const discountShares = allocate(discount, grosses);
  const requested = new Map<string, number>();
  for (const item of req.items) requested.set(item.lineId, (requested.get(item.lineId) ?? 0) + item.quantity);
  const taken = new Map<string, number>();
  const items: ItemDecision[] = [];
  const breakdown: BreakdownEntry[] = [];
  let subtotal = 0;
  let approvedFaultsOnly = true;
  for (const item of req.items) {
    const index = lines.findIndex((l) => l.id === item.lineId);
    const line = lines[index] as OrderLine;
    const already = taken.get(line.id) ?? 0;
    const judged = judgeItem(ctx, rules, item, line, requested.get(line.id) ?? item.quantity);
    items.push({
      lineId: item.lineId,
      outcome: judged.outcome,
      quantity: item.quantity,
      reasons: judged.reasons,
    });
    if (judged.outcome !== "approved") continue;
    taken.set(line.id, already + item.quantity);
    if (!item.qcApprovedFault) approvedFaultsOnly = false;
    if (req.type === "exchange") continue;
    const from = line.returnedQuantity + already;
    const gross = shareOfUnits(line.unitPrice * line.quantity, line.quantity, from, item.quantity);
    const net = shareOfUnits(
      line.unitPrice * line.quantity - (discountShares[index] ?? 0),
      line.quantity,
      from,
      item.quantity,
    );
    breakdown.push({ kind: "item", lineId: line.id, amount: gross });
    if (net !== gross) breakdown.push({ kind: "discount_share", lineId: line.id, amount: net - gross });
    subtotal += net;
  }

  const outcome = combineItemOutcomes(items);
  const approvedCount = items.filter((i) => i.outcome === "approved").length;
  const reasons = outcome === "approved" ? [] : uniqueByCode(items.flatMap((i) => i.reasons));
  const notices: Notice[] = [];
  const deadline = window.deadline;
  if (approvedCount === 0) {
    return {
      outcome,
      reasons,
      notices,
      items,
      resolution: { method: "none", amount: 0, currency: ctx.order.currency, breakdown: [] },
      timeline: { deadline, refundExpectedBy: null },
    };
  }
  if (req.type === "exchange") {
    return {
      outcome,
      reasons,
      notices,
      items,
      resolution: { method: "exchange", amount: 0, currency: ctx.order.currency, breakdown: [] },
      timeline: { deadline, refundExpectedBy: null },
    };
  }

  let amount = subtotal;
  const allUnitsBack = lines.every((l) => l.returnedQuantity + (taken.get(l.id) ?? 0) >= l.quantity);
  if (rules.shipping.refunded && allUnitsBack && ctx.order.shippingCharged > 0) {
    breakdown.push({ kind: "shipping", amount: ctx.order.shippingCharged });
    amount += ctx.order.shippingCharged;
  } else if (!rules.shipping.refunded && ctx.order.shippingCharged > 0) {
    notices.push(
      notice(
        ctx,
        "SHIPPING_NOT_REFUNDED",
        `The ${formatMoney(ctx.order.shippingCharged, ctx.order.currency)} paid for shipping is not refunded.`,
        rules.shipping.clause,
      ),
    );
  }
  const fee = rules.fee;
  if (fee && fee.amount > 0 && !(fee.waivedForApprovedFaults && approvedFaultsOnly)) {
    // The refund never goes below zero: the fee takes at most what is being refunded.
    const charged = Math.min(fee.amount, amount);
    if (charged > 0) {
      breakdown.push({ kind: "return_fee", amount: -charged });
      amount -= charged;
      notices.push(
        notice(
          ctx,
          "RETURN_FEE_DEDUCTED",
          `A return fee of ${formatMoney(charged, ctx.order.currency)} is deducted from this refund.`,
          fee.clause,
        ),
      );
    }
  }
  notices.push(...refundNotices(ctx));
  return {
    outcome,
    reasons,
    notices,
    items,
    resolution: {
      method: ctx.rules.refunds.method === "store_credit" ? "store_credit" : "refund_original_payment",
      amount,
      currency: ctx.order.currency,
      breakdown,
    },
    timeline: { deadline, refundExpectedBy: null },
  };
}

/** What a shopper should know about any refund of this order: where it goes, what it waits for. */
export function refundNotices(ctx: EvalContext): Notice[] {
  const refunds = ctx.rules.refunds;
  const out: Notice[] = [];
  if (refunds.originalMethodOnly && refunds.method === "original_payment") {
    out.push(
      notice(
        ctx,
        "REFUND_TO_ORIGINAL_PAYMENT_ONLY",
        "The refund goes back to the original payment method; it cannot be sent anywhere else.",
        refunds.clause,
      ),
    );
  }
  const cheque = refunds.eCheque;
  if (cheque?.mustClear && ctx.order.payment.method === "e_cheque" && !ctx.order.payment.cleared) {
    out.push(
      notice(
        ctx,
        "E_CHEQUE_MUST_CLEAR",
        `This order was paid by e-cheque, which must clear (up to ${cheque.clearingBusinessDays} working days) before the refund is processed.`,
        cheque.clause,
      ),
    );
  }
  return out;
}
