// The date a shopper is promised their money, counted in business days from when the return
// reached the warehouse, through the brand's stages (inspection, processing, bank time).
import { type LocalDate, localDate } from "../../calendar.ts";
import type { Decision } from "../../decision.ts";
import type { RequestOf } from "../../scenario.ts";
import { cancelledOrderReason, type EvalContext, simpleDecision } from "../context.ts";
import { refundNotices } from "./returns.ts";

export function refundExpectedBy(ctx: EvalContext, returnDeliveredAt: string): LocalDate | null {
  const refunds = ctx.rules.refunds;
  if (refunds.timeline.length === 0) return null;
  const cheque = refunds.eCheque;
  const waitsForCheque =
    cheque?.mustClear && ctx.order.payment.method === "e_cheque" && !ctx.order.payment.cleared;
  const clearedBy = waitsForCheque
    ? ctx.calendar.addBusinessDays(localDate(ctx.order.placedAt, ctx.timeZone), cheque.clearingBusinessDays)
    : null;
  let day = localDate(returnDeliveredAt, ctx.timeZone);
  refunds.timeline.forEach((stage, i) => {
    // The refund itself (the last stage) cannot start before an e-cheque has cleared.
    if (clearedBy && i === refunds.timeline.length - 1 && clearedBy > day) day = clearedBy;
    day = ctx.calendar.addBusinessDays(day, stage.businessDays);
  });
  return day;
}

export function evaluateRefundTimeline(ctx: EvalContext, req: RequestOf<"refund_timeline">): Decision {
  const cancelled = cancelledOrderReason(ctx);
  if (cancelled) return simpleDecision(ctx, "rejected", [cancelled]);
  const base = simpleDecision(ctx, "approved", [], { notices: refundNotices(ctx) });
  return {
    ...base,
    timeline: { deadline: null, refundExpectedBy: refundExpectedBy(ctx, req.returnDeliveredAt) },
  };
}
