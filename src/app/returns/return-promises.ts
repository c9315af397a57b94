// The dates a shopper is promised on one return: the last day to ask for it, and, once the parcel is
// logged at the warehouse, the day each stage of the brand's refund timeline should be done by
// (inspection, the refund, the bank) in the brand's business days. Every date comes from the
// engine's `refund_timeline` evaluation, so the portal, the emails and the reports cannot disagree.
import type { Db } from "../../db/database.ts";
import type { Return } from "../../db/schema.ts";
import { localDate } from "../../domain/calendar.ts";
import type { Decision } from "../../domain/decision.ts";
import type { Policy } from "../../domain/policy/schema.ts";
import type { Actor } from "../kernel/actor.ts";
import { type LoadedOrder, loadOrderById } from "../orders/load-order.ts";
import { assertOrderAccess, decideOnOrder, findReturn, returnOrderRef } from "../orders/order-request.ts";
import { RETURN_ACCESS } from "./quote-return.ts";

export interface GetReturnPromisesOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly rmaNumber: string;
}

export interface PromisedStageDate {
  readonly name: string;
  readonly businessDays: number;
  readonly clause: string;
  /** YYYY-MM-DD in the brand's time zone; null until the return reaches the warehouse. */
  readonly expectedBy: string | null;
}

export interface ReturnPromiseDates {
  /** Last day the return could be asked for, when the policy has a window. */
  readonly deadline: string | null;
  /** The day the parcel was logged at the warehouse (brand time zone), the start of every count. */
  readonly arrivedAt: string | null;
  readonly stages: readonly PromisedStageDate[];
  /** The end of the inspection stage, when the policy promises one. */
  readonly inspectionBy: string | null;
  /** When the inspection actually happened. */
  readonly inspectedOn: string | null;
  /** The end of the whole timeline, an e-cheque still clearing included. */
  readonly refundExpectedBy: string | null;
}

export interface RefundView {
  readonly amount: number;
  readonly currency: string;
  readonly method: string;
  readonly status: string;
  readonly createdAt: string;
  readonly completedAt: string | null;
}

export interface ReturnLineSummary {
  readonly lineId: string;
  readonly title: string;
  readonly quantity: number;
  readonly outcome: string;
  readonly reasons: unknown[];
}

export interface ShopperReturnView {
  readonly rma: string;
  readonly kind: string;
  readonly status: string;
  readonly currency: string;
  readonly quotedAmount: number;
  readonly refundAmount: number | null;
  readonly requestedAt: string;
  readonly lines: readonly ReturnLineSummary[];
  readonly review: { readonly decision: string; readonly reason: string } | null;
  readonly promises: ReturnPromiseDates;
  readonly refunds: readonly RefundView[];
}

/** A stage counts as the inspection when its name says so; the policy file names its stages. */
const isInspection = (name: string) => /inspect/i.test(name);

/** The policy with its refund timeline cut after `count` stages, for the date that stage ends. */
function timelineUpTo(policy: Policy, count: number): Policy {
  const refunds = policy.file.refunds;
  const cut = count < refunds.timeline.length;
  return {
    ...policy,
    file: {
      ...policy.file,
      refunds: {
        ...refunds,
        timeline: refunds.timeline.slice(0, count),
        // An uncleared e-cheque only holds back the last stage (the money), never the inspection.
        eCheque: cut ? null : refunds.eCheque,
      },
    },
  };
}

/** Dates for a return logged at the warehouse at `arrival` (an instant), stage by stage. */
export function promiseDates(
  loaded: LoadedOrder,
  ret: Pick<Return, "decision" | "received_at" | "inspected_at">,
  now: Date,
): ReturnPromiseDates {
  const timeZone = loaded.policy.file.brand.timeZone;
  const stored = JSON.parse(ret.decision) as Partial<Decision>;
  const deadline = stored.timeline?.deadline ?? null;
  const arrival = ret.received_at;
  const timeline = loaded.policy.file.refunds.timeline;
  const stages = timeline.map((stage, index) => {
    let expectedBy: string | null = null;
    if (arrival) {
      const decided = decideOnOrder({ ...loaded, policy: timelineUpTo(loaded.policy, index + 1) }, now, {
        type: "refund_timeline",
        returnDeliveredAt: arrival,
      });
      expectedBy = decided.timeline.refundExpectedBy;
    }
    return { name: stage.name, businessDays: stage.businessDays, clause: stage.clause, expectedBy };
  });
  return {
    deadline,
    arrivedAt: arrival ? localDate(arrival, timeZone) : null,
    stages,
    inspectionBy: stages.find((s) => isInspection(s.name))?.expectedBy ?? null,
    inspectedOn: ret.inspected_at ? localDate(ret.inspected_at, timeZone) : null,
    refundExpectedBy: stages.at(-1)?.expectedBy ?? null,
  };
}

export async function getReturnPromises(
  db: Db,
  options: GetReturnPromisesOptions,
): Promise<ShopperReturnView> {
  const ret = await findReturn(db, { rmaNumber: options.rmaNumber });
  assertOrderAccess(options.actor, returnOrderRef(ret), RETURN_ACCESS);
  const loaded = await loadOrderById(db, ret.order_id);
  const lines = await db
    .selectFrom("return_lines")
    .innerJoin("order_lines", "order_lines.id", "return_lines.order_line_id")
    .select([
      "order_lines.line_key as lineId",
      "order_lines.title as title",
      "return_lines.quantity as quantity",
      "return_lines.outcome as outcome",
      "return_lines.reasons as reasons",
    ])
    .where("return_lines.return_id", "=", ret.id)
    .orderBy("order_lines.position")
    .execute();
  const refunds = await db
    .selectFrom("refunds")
    .select(["amount", "currency", "method", "status", "created_at", "completed_at"])
    .where("return_id", "=", ret.id)
    .orderBy("created_at")
    .execute();
  const review = ret.review ? (JSON.parse(ret.review) as { decision: string; reason: string }) : null;
  return {
    rma: ret.rma_number,
    kind: ret.kind,
    status: ret.status,
    currency: ret.currency,
    quotedAmount: Number(ret.quoted_amount),
    refundAmount: ret.refund_amount === null ? null : Number(ret.refund_amount),
    requestedAt: ret.requested_at,
    lines: lines.map((l) => ({
      lineId: l.lineId,
      title: l.title,
      quantity: Number(l.quantity),
      outcome: l.outcome,
      reasons: JSON.parse(l.reasons) as unknown[],
    })),
    review: review ? { decision: review.decision, reason: review.reason } : null,
    promises: promiseDates(loaded, ret, options.now),
    refunds: refunds.map((r) => ({
      amount: Number(r.amount),
      currency: r.currency,
      method: r.method,
      status: r.status,
      createdAt: r.created_at,
      completedAt: r.completed_at,
    })),
  };
}
