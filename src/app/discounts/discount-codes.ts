// What the discount use cases share: codes are matched without regard to case or stray spaces, and a
// code can be unusable for reasons of its own (switched off, not started, ended, used up) before the
// brand's policy is even asked about the cart.

import type { Selectable } from "kysely";
import type { Db } from "../../db/database.ts";
import type { DiscountCodesTable } from "../../db/schema.ts";

export type DiscountCode = Selectable<DiscountCodesTable>;

export function normaliseCode(code: string): string {
  return code.trim().toUpperCase();
}

export async function findDiscountCode(
  db: Db,
  brandId: string,
  code: string,
): Promise<DiscountCode | undefined> {
  return db
    .selectFrom("discount_codes")
    .selectAll()
    .where("brand_id", "=", brandId)
    .where("code", "=", normaliseCode(code))
    .executeTakeFirst();
}

export type CodeProblem = "UNKNOWN_CODE" | "INACTIVE" | "NOT_YET_VALID" | "EXPIRED" | "USED_UP";

export interface CodeCheck {
  readonly problem: CodeProblem;
  readonly message: string;
}

/** Why a code cannot be used at `now`, or null when it can. */
export function codeProblem(code: DiscountCode | undefined, now: Date, typed: string): CodeCheck | null {
  const name = normaliseCode(typed);
  if (!code) return { problem: "UNKNOWN_CODE", message: `There is no code ${name}.` };
  const at = now.toISOString();
  if (code.active !== 1) return { problem: "INACTIVE", message: `Code ${name} is no longer active.` };
  if (code.valid_from && at < code.valid_from) {
    return {
      problem: "NOT_YET_VALID",
      message: `Code ${name} can be used from ${code.valid_from.slice(0, 10)}.`,
    };
  }
  if (code.valid_until && at >= code.valid_until) {
    return { problem: "EXPIRED", message: `Code ${name} ended on ${code.valid_until.slice(0, 10)}.` };
  }
  if (code.max_uses !== null && Number(code.times_used) >= Number(code.max_uses)) {
    return { problem: "USED_UP", message: `Code ${name} has been used as often as it may be.` };
  }
  return null;
}

export interface DiscountCodeView {
  readonly id: string;
  readonly code: string;
  readonly kind: "percent" | "amount";
  readonly percentOff: number | null;
  readonly amountOff: number | null;
  readonly currency: string | null;
  readonly validFrom: string | null;
  readonly validUntil: string | null;
  readonly excludeSaleItems: boolean;
  readonly active: boolean;
  readonly maxUses: number | null;
  readonly timesUsed: number;
  readonly createdAt: string;
}

export function toDiscountCodeView(row: DiscountCode): DiscountCodeView {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    percentOff: row.percent_off === null ? null : Number(row.percent_off),
    amountOff: row.amount_off === null ? null : Number(row.amount_off),
    currency: row.currency,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    excludeSaleItems: row.exclude_sale_items === 1,
    active: row.active === 1,
    maxUses: row.max_uses === null ? null : Number(row.max_uses),
    timesUsed: Number(row.times_used),
    createdAt: row.created_at,
  };
}
