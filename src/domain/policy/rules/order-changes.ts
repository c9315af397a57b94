// Cancellations and amendments: what the brand allows before the parcel leaves, and why not after.
import type { Decision } from "../../decision.ts";
import type { RequestOf } from "../../scenario.ts";
import { cancelledOrderReason, type EvalContext, reason, simpleDecision } from "../context.ts";

function alreadyDispatched(ctx: EvalContext, what: string, clauseId: string | undefined): Decision {
  const after =
    ctx.order.status === "delivered"
      ? " Once it has arrived you can start a return or exchange instead."
      : " You can return or exchange the items once they arrive.";
  return simpleDecision(ctx, "rejected", [
    reason(
      ctx,
      "ALREADY_DISPATCHED",
      `Order ${ctx.order.number} has already been dispatched, so it can no longer be ${what}.${after}`,
      clauseId,
    ),
  ]);
}

function notCovered(ctx: EvalContext, what: string): Decision {
  return simpleDecision(ctx, "needs_review", [
    reason(
      ctx,
      "REVIEW_REQUIRED",
      `The policy does not say how ${what} are handled, so a member of the team will decide.`,
    ),
  ]);
}

export function evaluateCancel(ctx: EvalContext, _req: RequestOf<"cancel">): Decision {
  const cancelled = cancelledOrderReason(ctx);
  if (cancelled) return simpleDecision(ctx, "rejected", [cancelled]);
  const rule = ctx.rules.cancellation;
  if (!rule) return notCovered(ctx, "cancellations");
  if (ctx.order.status !== "placed")
    return alreadyDispatched(ctx, "cancelled", rule.afterDispatchClause ?? rule.clause);
  switch (rule.beforeDispatch) {
    case "review":
      return simpleDecision(ctx, "needs_review", [
        reason(
          ctx,
          "REVIEW_REQUIRED",
          "Cancellation is not guaranteed: the team will try to stop the order before it is dispatched and will confirm.",
          rule.clause,
        ),
      ]);
    case "refuse":
      return simpleDecision(ctx, "rejected", [
        reason(ctx, "REVIEW_REQUIRED", "Orders cannot be cancelled once placed.", rule.clause),
      ]);
    case "approve": {
      const items = ctx.order.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
      const paid = Math.max(0, items + ctx.order.shippingCharged - ctx.order.discountTotal);
      const method = rule.resolution;
      return {
        outcome: "approved",
        reasons: [],
        notices: [],
        items: [],
        resolution: {
          method,
          amount: paid,
          currency: ctx.order.currency,
          breakdown: [
            ...ctx.order.lines.map((l) => ({
              kind: "item" as const,
              lineId: l.id,
              amount: l.unitPrice * l.quantity,
            })),
            ...(ctx.order.shippingCharged
              ? [{ kind: "shipping" as const, amount: ctx.order.shippingCharged }]
              : []),
            ...(ctx.order.discountTotal
              ? [
                  {
                    kind: "discount" as const,
                    lineId: "*",
                    amount: -Math.min(ctx.order.discountTotal, items + ctx.order.shippingCharged),
                  },
                ]
              : []),
          ],
        },
        timeline: { deadline: null, refundExpectedBy: null },
      };
    }
    default: {
      const never: never = rule.beforeDispatch;
      return never;
    }
  }
}

export function evaluateAmend(ctx: EvalContext, req: RequestOf<"amend">): Decision {
  const cancelled = cancelledOrderReason(ctx);
  if (cancelled) return simpleDecision(ctx, "rejected", [cancelled]);
  const rule = ctx.rules.amendment;
  if (!rule) return notCovered(ctx, "order changes");
  if (ctx.order.status !== "placed") return alreadyDispatched(ctx, "changed", rule.clause);
  const fields = Object.entries(req.changes)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k)
    .join(", ");
  switch (rule.beforeDispatch) {
    case "approve":
      return simpleDecision(ctx, "approved", []);
    case "review":
      return simpleDecision(ctx, "needs_review", [
        reason(
          ctx,
          "REVIEW_REQUIRED",
          `Changes to ${fields} are made on a best-effort basis: the team will try before the order is dispatched and will confirm.`,
          rule.clause,
        ),
      ]);
    case "refuse":
      return simpleDecision(ctx, "rejected", [
        reason(ctx, "REVIEW_REQUIRED", "Orders cannot be changed once placed.", rule.clause),
      ]);
    default: {
      const never: never = rule.beforeDispatch;
      return never;
    }
  }
}
