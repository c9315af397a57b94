// The checkout asks whether the details given satisfy the destination's customs (Mexico: phone and
// RFC; Turkey: national id): the brand's policy lists the countries and what each needs, the engine
// checks the formats and says exactly what is missing or malformed.
import type { Db } from "../../db/database.ts";
import type { Decision } from "../../domain/decision.ts";
import { evaluate } from "../../domain/policy/evaluate.ts";
import { InvalidScenarioError, parseScenario } from "../../domain/scenario.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError } from "../kernel/errors.ts";
import { assertCheckoutCaller } from "../kernel/staff-access.ts";
import { getBrandPolicy } from "./get-brand-policy.ts";
import { requireBrand } from "./require-brand.ts";

export interface CheckCustomsOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly brand: string;
  /** ISO 3166 alpha-2. */
  readonly country: string;
  readonly phone?: string | null | undefined;
  readonly taxId?: string | null | undefined;
}

export async function checkCustoms(db: Db, options: CheckCustomsOptions): Promise<Decision> {
  const brand = await requireBrand(db, options.brand);
  assertCheckoutCaller(options.actor, brand.id, ["admin", "agent"]);
  const { policy } = await getBrandPolicy(db, brand.slug);
  const at = options.now.toISOString();
  try {
    // No order exists yet at checkout; the engine reads only the destination and the details.
    const scenario = parseScenario({
      now: at,
      order: {
        number: "checkout",
        placedAt: at,
        currency: brand.currency,
        shippingCountry: options.country.toUpperCase(),
        payment: { method: "other", cleared: false },
        status: "placed",
        lines: [{ id: "cart", unitPrice: 0, quantity: 1 }],
      },
      request: {
        type: "customs_check",
        country: options.country,
        phone: options.phone,
        taxId: options.taxId,
      },
    });
    return evaluate(policy, scenario);
  } catch (error) {
    if (error instanceof InvalidScenarioError) {
      throw new AppError("VALIDATION", error.message, { code: "INVALID_REQUEST" }, { cause: error });
    }
    throw error;
  }
}
