// What the engine answers: an outcome, the reasons and notices with the clauses they rest on, the
// per-item view, the money, and the promised dates.

import type { LocalDate } from "./calendar.ts";
import type { NoticeCode, Outcome, ReasonCode, ResolutionMethod } from "./codes.ts";
import type { Clause } from "./policy/schema.ts";

export interface Finding<C extends string> {
  readonly code: C;
  readonly message: string;
  readonly clause?: Clause;
}
export type Reason = Finding<ReasonCode>;
export type Notice = Finding<NoticeCode>;

export interface ItemDecision {
  readonly lineId: string;
  readonly outcome: Outcome;
  readonly quantity: number;
  readonly reasons: readonly Reason[];
}

export type BreakdownEntry =
  | { readonly kind: "item"; readonly lineId: string; readonly amount: number }
  | { readonly kind: "discount_share"; readonly lineId: string; readonly amount: number }
  | { readonly kind: "shipping"; readonly amount: number }
  | { readonly kind: "return_fee"; readonly amount: number }
  | { readonly kind: "discount"; readonly lineId: string; readonly amount: number };

export interface Resolution {
  readonly method: ResolutionMethod;
  readonly amount: number;
  readonly currency: string;
  readonly breakdown: readonly BreakdownEntry[];
}

export interface Decision {
  readonly id?: string | number | undefined;
  readonly outcome: Outcome;
  readonly reasons: readonly Reason[];
  readonly notices: readonly Notice[];
  readonly items: readonly ItemDecision[];
  readonly resolution: Resolution;
  readonly timeline: { readonly deadline: LocalDate | null; readonly refundExpectedBy: LocalDate | null };
}

export function finding<C extends string>(code: C, message: string, clause?: Clause): Finding<C> {
  return clause ? { code, message, clause } : { code, message };
}

/** The overall outcome of a request made of items. */
export function combineItemOutcomes(items: readonly ItemDecision[]): Outcome {
  const approved = items.filter((i) => i.outcome === "approved").length;
  if (approved === items.length) return "approved";
  if (approved > 0) return "partially_approved";
  if (items.some((i) => i.outcome === "needs_review")) return "needs_review";
  if (items.some((i) => i.outcome === "needs_information")) return "needs_information";
  return "rejected";
}

/** Codes appear once per list, in the order first found. */
export function uniqueByCode<T extends { code: string }>(list: readonly T[]): T[] {
  const seen = new Set<string>();
  return list.filter((f) => {
    if (seen.has(f.code)) return false;
    seen.add(f.code);
    return true;
  });
}
