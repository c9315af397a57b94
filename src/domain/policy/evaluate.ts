// The policy engine's entry point: a pure function from (policy, scenario) to a decision.
// It never reads the clock or the environment: `scenario.now` is the moment of the request.
import type { Decision } from "../decision.ts";
import { parseScenario, type Scenario } from "../scenario.ts";
import { makeContext } from "./context.ts";
import { evaluateApplyDiscount, evaluateCustomsCheck, evaluateDiscountQuote } from "./rules/checkout.ts";
import {
  evaluateFaultyItem,
  evaluateLostPackage,
  evaluateLostReturn,
  evaluateMissingItem,
} from "./rules/claims.ts";
import { evaluateAmend, evaluateCancel } from "./rules/order-changes.ts";
import { evaluateRefundTimeline } from "./rules/refund-timeline.ts";
import { evaluateReturnOrExchange } from "./rules/returns.ts";
import type { Policy } from "./schema.ts";

/** Evaluates a validated scenario. Throws InvalidScenarioError when it names lines the order lacks. */
export function evaluate(policy: Policy, scenario: Scenario): Decision {
  const ctx = makeContext(policy, scenario);
  const req = scenario.request;
  let decision: Decision;
  switch (req.type) {
    case "return":
    case "exchange":
      decision = evaluateReturnOrExchange(ctx, req);
      break;
    case "cancel":
      decision = evaluateCancel(ctx, req);
      break;
    case "amend":
      decision = evaluateAmend(ctx, req);
      break;
    case "missing_item":
      decision = evaluateMissingItem(ctx, req);
      break;
    case "faulty_item":
      decision = evaluateFaultyItem(ctx, req);
      break;
    case "lost_package":
      decision = evaluateLostPackage(ctx, req);
      break;
    case "lost_return":
      decision = evaluateLostReturn(ctx, req);
      break;
    case "apply_discount":
      decision = evaluateApplyDiscount(ctx, req);
      break;
    case "discount_quote":
      decision = evaluateDiscountQuote(ctx, req);
      break;
    case "customs_check":
      decision = evaluateCustomsCheck(ctx, req);
      break;
    case "refund_timeline":
      decision = evaluateRefundTimeline(ctx, req);
      break;
    default: {
      const never: never = req;
      throw new Error(`unhandled request ${JSON.stringify(never)}`);
    }
  }
  return scenario.id === undefined ? decision : { id: scenario.id, ...decision };
}

/** Validates raw input (JSON from a file, the API or stdin) and evaluates it. */
export function evaluateRaw(policy: Policy, raw: unknown): Decision {
  return evaluate(policy, parseScenario(raw));
}
