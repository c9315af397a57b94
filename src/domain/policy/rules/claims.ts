// Claims about a delivered order (missing or faulty items) and about parcels that never arrived.
import type { Decision, Reason } from "../../decision.ts";
import { InvalidScenarioError, type RequestOf } from "../../scenario.ts";
import {
  cancelledOrderReason,
  checkWindow,
  type EvalContext,
  notDeliveredReason,
  reason,
  simpleDecision,
  WINDOW_FROM_WORDS,
} from "../context.ts";
import type { ClaimRules } from "../schema.ts";

function notCovered(ctx: EvalContext, what: string): Decision {
  return simpleDecision(ctx, "needs_review", [
    reason(
      ctx,
      "REVIEW_REQUIRED",
      `The policy does not cover ${what}, so a member of the team will look into it.`,
    ),
  ]);
}

/** Shared shape of a claim: order state, window, evidence, then a person investigates. */
function judgeClaim(
  ctx: EvalContext,
  rule: ClaimRules,
  what: string,
  missing: string[],
  investigation: string,
): Decision {
  const state = notDeliveredReason(ctx);
  const window = checkWindow(ctx, rule.window);
  if (state) return simpleDecision(ctx, "rejected", [state], { deadline: window.deadline });
  if (window.late && rule.window) {
    return simpleDecision(
      ctx,
      "rejected",
      [
        reason(
          ctx,
          rule.windowCode,
          `${what} must be reported within ${rule.window.days} days of ${WINDOW_FROM_WORDS[rule.window.from]}; the last day was ${window.deadline}.`,
          rule.window.clause,
        ),
      ],
      { deadline: window.deadline },
    );
  }
  if (missing.length) {
    return simpleDecision(
      ctx,
      "needs_information",
      [
        reason(
          ctx,
          "EVIDENCE_REQUIRED",
          `To look into this we still need: ${missing.join("; ")}.`,
          rule.clause,
        ),
      ],
      { deadline: window.deadline },
    );
  }
  return simpleDecision(ctx, "needs_review", [reason(ctx, rule.reviewCode, investigation, rule.clause)], {
    deadline: window.deadline,
  });
}

const photos = (n: number, what: string) => `at least ${n} photo${n === 1 ? "" : "s"} of ${what}`;

export function evaluateMissingItem(ctx: EvalContext, req: RequestOf<"missing_item">): Decision {
  req.missingLineIds.forEach((id, i) => {
    if (!ctx.order.lines.some((l) => l.id === id)) {
      throw new InvalidScenarioError(`request.missingLineIds[${i}]: the order has no line '${id}'`);
    }
  });
  const rule = ctx.rules.missingItem;
  if (!rule) return cancelledOrNot(ctx) ?? notCovered(ctx, "missing items");
  const need = rule.evidence;
  const ev = req.evidence;
  const missing: string[] = [];
  if ((need.missingLines || need.itemsReceivedPhotos > 0) && req.missingLineIds.length === 0) {
    missing.push("the list of items missing from the parcel");
  }
  if (ev.itemsReceivedPhotos < need.itemsReceivedPhotos)
    missing.push(photos(need.itemsReceivedPhotos, "the items you received"));
  if (ev.parcelDamaged && ev.parcelPhotos < need.parcelPhotosIfDamaged) {
    missing.push(photos(need.parcelPhotosIfDamaged, "the parcel, as it arrived damaged or opened"));
  }
  if (ev.itemsReceivedPhotos + ev.parcelPhotos < need.anyPhotos)
    missing.push(photos(need.anyPhotos, "the delivery"));
  return judgeClaim(
    ctx,
    rule,
    "Missing items",
    missing,
    "The team will investigate the missing items and get back to you.",
  );
}

export function evaluateFaultyItem(ctx: EvalContext, req: RequestOf<"faulty_item">): Decision {
  const line = ctx.order.lines.find((l) => l.id === req.lineId);
  if (!line) throw new InvalidScenarioError(`request.lineId: the order has no line '${req.lineId}'`);
  const rule = ctx.rules.faultyItem;
  if (!rule) return cancelledOrNot(ctx) ?? notCovered(ctx, "faulty items");
  const need = rule.evidence;
  const ev = req.evidence;
  const missing: string[] = [];
  if (ev.fullItemPhotos < need.fullItemPhotos) missing.push(photos(need.fullItemPhotos, "the whole item"));
  if (ev.faultPhotos < need.faultPhotos) missing.push(photos(need.faultPhotos, "the fault, clearly visible"));
  if (ev.fullItemPhotos + ev.faultPhotos < need.anyPhotos)
    missing.push(photos(need.anyPhotos, "the suspected fault"));
  if (need.description && req.description.trim() === "") missing.push("a description of the problem");
  return judgeClaim(
    ctx,
    rule,
    "Faults",
    missing,
    rule.reviewCode === "QC_APPROVAL_REQUIRED"
      ? `Quality control will review the photos of "${line.title || line.sku}". Please do not send the item back until the fault is approved.`
      : `The team will review the fault on "${line.title || line.sku}" and get back to you.`,
  );
}

function cancelledOrNot(ctx: EvalContext): Decision | null {
  const cancelled = cancelledOrderReason(ctx);
  return cancelled ? simpleDecision(ctx, "rejected", [cancelled]) : null;
}

export function evaluateLostPackage(ctx: EvalContext, _req: RequestOf<"lost_package">): Decision {
  const cancelled = cancelledOrNot(ctx);
  if (cancelled) return cancelled;
  const rule = ctx.rules.lostPackage;
  if (!rule) return notCovered(ctx, "lost parcels");
  const tracked = ctx.order.status === "dispatched" || ctx.order.status === "delivered";
  if (rule.handling === "carrier" && tracked) {
    return simpleDecision(ctx, "rejected", [
      reason(
        ctx,
        "CARRIER_RESPONSIBILITY",
        "Once a tracking number has been provided, a lost or stolen parcel is a matter for the courier: please contact them with your tracking number to ask for a refund.",
        rule.clause,
      ),
    ]);
  }
  const why: Reason = tracked
    ? reason(
        ctx,
        "REVIEW_REQUIRED",
        "The team will look into the missing parcel with the courier.",
        rule.clause,
      )
    : reason(
        ctx,
        "REVIEW_REQUIRED",
        `Order ${ctx.order.number} has not been dispatched yet; the team will check on it.`,
        rule.clause,
      );
  return simpleDecision(ctx, "needs_review", [why]);
}

export function evaluateLostReturn(ctx: EvalContext, req: RequestOf<"lost_return">): Decision {
  const state = notDeliveredReason(ctx);
  if (state) return simpleDecision(ctx, "rejected", [state]);
  const rule = ctx.rules.lostReturn;
  if (!rule) return notCovered(ctx, "returns lost on the way back");
  if (rule.proofOfPostageRequired && !req.proofOfPostage) {
    return simpleDecision(ctx, "rejected", [
      reason(
        ctx,
        "PROOF_OF_POSTAGE_REQUIRED",
        "Without tracked proof of postage a return that never reached the warehouse cannot be refunded.",
        rule.clause,
      ),
    ]);
  }
  return simpleDecision(ctx, "needs_review", [
    reason(
      ctx,
      "REVIEW_REQUIRED",
      "The team will trace the return with the proof of postage and get back to you.",
      rule.clause,
    ),
  ]);
}
