// Checks made around checkout: discount codes and the extra details customs need per country.
import { checkPhone, TAX_ID_FORMATS } from "../../customs.ts";
import { type Decision, type ItemDecision, type Reason, uniqueByCode } from "../../decision.ts";
import type { RequestOf } from "../../scenario.ts";
import { cancelledOrderReason, type EvalContext, reason, simpleDecision } from "../context.ts";

export function evaluateApplyDiscount(ctx: EvalContext, req: RequestOf<"apply_discount">): Decision {
  const reasons: Reason[] = [];
  const cancelled = cancelledOrderReason(ctx);
  if (cancelled) reasons.push(cancelled);
  const rule = ctx.rules.discounts;
  if (rule && !rule.retroactive) {
    reasons.push(
      reason(
        ctx,
        "DISCOUNT_NOT_RETROACTIVE",
        `Code ${req.code} cannot be added to order ${ctx.order.number} because it was already placed; it can be used on a future order.`,
        rule.clause,
      ),
    );
  }
  if (reasons.length) return simpleDecision(ctx, "rejected", reasons);
  return simpleDecision(ctx, "needs_review", [
    reason(
      ctx,
      "REVIEW_REQUIRED",
      `A member of the team will check whether code ${req.code} can be applied to this order.`,
      rule?.clause,
    ),
  ]);
}

export function evaluateDiscountQuote(ctx: EvalContext, req: RequestOf<"discount_quote">): Decision {
  const cancelled = cancelledOrderReason(ctx);
  if (cancelled) return simpleDecision(ctx, "rejected", [cancelled]);
  const rule = ctx.rules.discounts;
  const excludeSale = Boolean(rule?.excludeSaleItemsDuringPromotion && req.promotionActive);
  const items: ItemDecision[] = [];
  let eligible = 0;
  for (const line of ctx.order.lines) {
    if (excludeSale && line.onSale) {
      items.push({
        lineId: line.id,
        outcome: "rejected",
        quantity: line.quantity,
        reasons: [
          reason(
            ctx,
            "DISCOUNT_EXCLUDES_SALE_ITEMS",
            `During a promotion, code ${req.code.code} does not apply to sale items such as "${line.title || line.sku}".`,
            rule?.saleItemsClause ?? rule?.clause,
          ),
        ],
      });
      continue;
    }
    eligible += line.unitPrice * line.quantity;
    items.push({ lineId: line.id, outcome: "approved", quantity: line.quantity, reasons: [] });
  }
  const off =
    req.code.percentOff !== undefined
      ? Math.round((eligible * req.code.percentOff) / 100)
      : Math.min(req.code.amountOff ?? 0, eligible);
  const reasons = uniqueByCode(items.flatMap((i) => i.reasons));
  return {
    outcome: off > 0 ? "approved" : "rejected",
    reasons,
    notices: [],
    items,
    resolution: {
      method: "none",
      amount: off,
      currency: ctx.order.currency,
      breakdown: items
        .filter((i) => i.outcome === "approved")
        .map((i) => {
          const line = ctx.order.lines.find((l) => l.id === i.lineId);
          const gross = line ? line.unitPrice * line.quantity : 0;
          return {
            kind: "discount" as const,
            lineId: i.lineId,
            amount: eligible ? -Math.round((off * gross) / eligible) : 0,
          };
        }),
    },
    timeline: { deadline: null, refundExpectedBy: null },
  };
}

export function evaluateCustomsCheck(ctx: EvalContext, req: RequestOf<"customs_check">): Decision {
  const cancelled = cancelledOrderReason(ctx);
  if (cancelled) return simpleDecision(ctx, "rejected", [cancelled]);
  const rule = ctx.rules.customs[req.country];
  if (!rule) return simpleDecision(ctx, "approved", []);
  const reasons: Reason[] = [];
  const phone = req.phone?.trim() ?? "";
  const taxId = req.taxId?.trim() ?? "";
  if (rule.phone) {
    if (!phone) {
      reasons.push(
        reason(
          ctx,
          "CUSTOMS_INFO_REQUIRED",
          `Shipping to ${req.country} needs a phone number for customs.`,
          rule.clause,
        ),
      );
    } else {
      const check = checkPhone(phone, req.country);
      if (!check.ok)
        reasons.push(
          reason(ctx, "CUSTOMS_INFO_INVALID", `The phone number is ${check.problem}.`, rule.clause),
        );
    }
  }
  if (rule.taxId) {
    const format = TAX_ID_FORMATS[rule.taxId];
    if (!taxId) {
      reasons.push(
        reason(
          ctx,
          "CUSTOMS_INFO_REQUIRED",
          `Shipping to ${req.country} needs your ${format.label} for customs.`,
          rule.clause,
        ),
      );
    } else {
      const check = format.check(taxId);
      if (!check.ok) {
        reasons.push(
          reason(
            ctx,
            "CUSTOMS_INFO_INVALID",
            `The ${format.label} is not valid: ${check.problem}.`,
            rule.clause,
          ),
        );
      }
    }
  }
  return simpleDecision(ctx, reasons.length ? "needs_information" : "approved", reasons);
}
