// Helpers every rule module shares: the evaluation context, order-state gates and windows.
import {
  type BusinessCalendar,
  businessCalendar,
  type LocalDate,
  localDate,
  windowEnd,
} from "../calendar.ts";
import type { ReasonCode } from "../codes.ts";
import {
  type Decision,
  finding,
  type ItemDecision,
  type Notice,
  type Reason,
  type Resolution,
} from "../decision.ts";
import type { Order, Scenario } from "../scenario.ts";
import type { Policy, PolicyFile } from "./schema.ts";

export interface EvalContext {
  readonly policy: Policy;
  readonly rules: PolicyFile;
  readonly scenario: Scenario;
  readonly order: Order;
  readonly timeZone: string;
  readonly today: LocalDate;
  readonly calendar: BusinessCalendar;
}

export function makeContext(policy: Policy, scenario: Scenario): EvalContext {
  const timeZone = policy.file.brand.timeZone;
  return {
    policy,
    rules: policy.file,
    scenario,
    order: scenario.order,
    timeZone,
    today: localDate(scenario.now, timeZone),
    calendar: businessCalendar(policy.file.brand.holidays),
  };
}

export function reason(ctx: EvalContext, code: ReasonCode, message: string, clauseId?: string): Reason {
  return finding(code, message, ctx.policy.clause(clauseId));
}

export function notice(ctx: EvalContext, code: Notice["code"], message: string, clauseId?: string): Notice {
  return finding(code, message, ctx.policy.clause(clauseId));
}

export function noMoney(ctx: EvalContext): Resolution {
  return { method: "none", amount: 0, currency: ctx.order.currency, breakdown: [] };
}

/** A decision about the request as a whole, with no items and no money. */
export function simpleDecision(
  ctx: EvalContext,
  outcome: Decision["outcome"],
  reasons: readonly Reason[],
  extra: { notices?: readonly Notice[]; items?: readonly ItemDecision[]; deadline?: LocalDate | null } = {},
): Decision {
  return {
    outcome,
    reasons,
    notices: extra.notices ?? [],
    items: extra.items ?? [],
    resolution: noMoney(ctx),
    timeline: { deadline: extra.deadline ?? null, refundExpectedBy: null },
  };
}

/** Any request on a cancelled order is refused. */
export function cancelledOrderReason(ctx: EvalContext): Reason | null {
  if (ctx.order.status !== "cancelled") return null;
  return reason(
    ctx,
    "ORDER_CANCELLED",
    `Order ${ctx.order.number} was cancelled, so nothing more can be done on it.`,
  );
}

/** Returns, exchanges and claims about what arrived need the order to have been delivered. */
export function notDeliveredReason(ctx: EvalContext): Reason | null {
  if (ctx.order.status === "delivered") return null;
  if (ctx.order.status === "cancelled") return cancelledOrderReason(ctx);
  return reason(
    ctx,
    "NOT_YET_DELIVERED",
    `Order ${ctx.order.number} has not been delivered yet (it is ${ctx.order.status}); this can be requested once it arrives.`,
  );
}

/** The instant a window counts from, or null when that moment has not happened. */
function windowStartInstant(ctx: EvalContext, from: "delivery" | "dispatch" | "order"): string | null {
  switch (from) {
    case "delivery":
      return ctx.order.deliveredAt;
    case "dispatch":
      return ctx.order.dispatchedAt;
    case "order":
      return ctx.order.placedAt;
    default: {
      const never: never = from;
      return never;
    }
  }
}

export interface WindowCheck {
  readonly deadline: LocalDate | null;
  readonly late: boolean;
}

/** An inclusive calendar-day window in the brand's time zone. No start yet means not late. */
export function checkWindow(
  ctx: EvalContext,
  window: { days: number; from: "delivery" | "dispatch" | "order" } | null,
): WindowCheck {
  if (!window) return { deadline: null, late: false };
  const start = windowStartInstant(ctx, window.from);
  if (!start) return { deadline: null, late: false };
  const deadline = windowEnd(localDate(start, ctx.timeZone), window.days);
  return { deadline, late: ctx.today > deadline };
}

export const WINDOW_FROM_WORDS = {
  delivery: "delivery",
  dispatch: "dispatch",
  order: "the order date",
} as const;
