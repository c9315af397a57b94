// The checkout asks what a code takes off a cart. The code's own limits come first (active, validity
// window, uses left); then the brand's policy judges the cart line by line, so a code keeps off sale
// items during a promotion exactly as the policy says and the answer cites the clause.

import type { Db } from "../../db/database.ts";
import type { Decision } from "../../domain/decision.ts";
import { evaluate } from "../../domain/policy/evaluate.ts";
import { InvalidScenarioError, parseScenario } from "../../domain/scenario.ts";
import { getBrandPolicy } from "../brands/get-brand-policy.ts";
import { requireBrand } from "../brands/require-brand.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError } from "../kernel/errors.ts";
import { assertCheckoutCaller } from "../kernel/staff-access.ts";
import {
  type CodeCheck,
  codeProblem,
  type DiscountCodeView,
  findDiscountCode,
  toDiscountCodeView,
} from "./discount-codes.ts";

export interface CartLine {
  readonly id: string;
  readonly sku?: string | undefined;
  readonly title?: string | undefined;
  readonly category?: string | undefined;
  readonly unitPrice: number;
  readonly quantity: number;
  readonly onSale?: boolean | undefined;
}

export interface QuoteDiscountOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly brand: string;
  readonly code: string;
  readonly lines: readonly CartLine[];
  /** Whether the store is running a promotion right now; the store knows, Aftercare does not. */
  readonly promotionActive: boolean;
  /** The cart's currency; the brand's when absent. */
  readonly currency?: string | undefined;
}

export interface DiscountQuote {
  /** True when the code takes something off this cart. */
  readonly valid: boolean;
  readonly discount: number;
  readonly currency: string;
  /** Why the code itself cannot be used, before any policy question. */
  readonly problem: CodeCheck | null;
  readonly code: DiscountCodeView | null;
  /** The engine's decision over the cart lines, when the code itself is usable. */
  readonly decision: Decision | null;
}

export async function quoteDiscount(db: Db, options: QuoteDiscountOptions): Promise<DiscountQuote> {
  const brand = await requireBrand(db, options.brand);
  assertCheckoutCaller(options.actor, brand.id, ["admin", "agent"]);
  const currency = options.currency ?? brand.currency;
  const row = await findDiscountCode(db, brand.id, options.code);
  const problem = codeProblem(row, options.now, options.code);
  if (!row || problem) {
    return {
      valid: false,
      discount: 0,
      currency,
      problem,
      code: row ? toDiscountCodeView(row) : null,
      decision: null,
    };
  }
  if (row.kind === "amount" && row.currency !== currency) {
    throw new AppError("VALIDATION", `Code ${row.code} is in ${row.currency}; the cart is in ${currency}.`, {
      field: "currency",
    });
  }
  const { policy } = await getBrandPolicy(db, brand.slug);
  const at = options.now.toISOString();
  let decision: Decision;
  try {
    // A cart is an order not placed yet: the engine reads its lines and nothing else of it.
    const scenario = parseScenario({
      now: at,
      order: {
        number: "checkout",
        placedAt: at,
        currency,
        payment: { method: "other", cleared: false },
        status: "placed",
        lines: options.lines,
      },
      request: {
        type: "discount_quote",
        code:
          row.kind === "percent"
            ? { code: row.code, percentOff: Number(row.percent_off) }
            : { code: row.code, amountOff: Number(row.amount_off) },
        promotionActive: options.promotionActive,
      },
    });
    decision = evaluate(policy, scenario);
  } catch (error) {
    if (error instanceof InvalidScenarioError) {
      throw new AppError("VALIDATION", error.message, { code: "INVALID_CART" }, { cause: error });
    }
    throw error;
  }
  return {
    valid: decision.outcome === "approved",
    discount: decision.resolution.amount,
    currency,
    problem: null,
    code: toDiscountCodeView(row),
    decision,
  };
}
