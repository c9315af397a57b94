// An admin creates a discount code for one brand: a percentage or a fixed amount in the brand's
// currency, with an optional validity window and use limit. Codes are stored upper-case so a shopper
// typing "summer10" finds SUMMER10.

import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import { requireBrand } from "../brands/require-brand.ts";
import type { Actor } from "../kernel/actor.ts";
import { recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { assertStaff } from "../kernel/staff-access.ts";
import { isUniqueViolation } from "../orders/order-request.ts";
import { type DiscountCodeView, normaliseCode, toDiscountCodeView } from "./discount-codes.ts";

export interface CreateDiscountCodeOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly brand: string;
  readonly code: string;
  readonly percentOff?: number | undefined;
  /** Minor units of the brand's currency. */
  readonly amountOff?: number | undefined;
  readonly validFrom?: string | undefined;
  readonly validUntil?: string | undefined;
  /** The brand's rule on sale items during a promotion applies to this code (the default). */
  readonly excludeSaleItems?: boolean | undefined;
  readonly active?: boolean | undefined;
  readonly maxUses?: number | undefined;
}

const CODE = /^[A-Z0-9][A-Z0-9_-]{2,31}$/;

const iso = (text: string | undefined, field: string): string | null => {
  if (text === undefined) return null;
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new AppError("VALIDATION", `${field} must be a date-time`, { field });
  return new Date(time).toISOString();
};

export async function createDiscountCode(
  db: Db,
  options: CreateDiscountCodeOptions,
): Promise<DiscountCodeView> {
  const { actor, now } = options;
  const brand = await requireBrand(db, options.brand);
  assertStaff(actor, brand.id, ["admin"]);
  const code = normaliseCode(options.code);
  if (!CODE.test(code)) {
    throw new AppError("VALIDATION", "A code is 3-32 letters, digits, dashes or underscores.", {
      field: "code",
    });
  }
  const { percentOff, amountOff } = options;
  if ((percentOff === undefined) === (amountOff === undefined)) {
    throw new AppError("VALIDATION", "Give either percentOff or amountOff.", { field: "percentOff" });
  }
  if (percentOff !== undefined && (!Number.isInteger(percentOff) || percentOff < 1 || percentOff > 100)) {
    throw new AppError("VALIDATION", "percentOff is a whole number from 1 to 100.", { field: "percentOff" });
  }
  if (amountOff !== undefined && (!Number.isInteger(amountOff) || amountOff < 1)) {
    throw new AppError("VALIDATION", "amountOff is a positive amount in minor units.", {
      field: "amountOff",
    });
  }
  if (options.maxUses !== undefined && (!Number.isInteger(options.maxUses) || options.maxUses < 1)) {
    throw new AppError("VALIDATION", "maxUses is a positive whole number.", { field: "maxUses" });
  }
  const validFrom = iso(options.validFrom, "validFrom");
  const validUntil = iso(options.validUntil, "validUntil");
  if (validFrom && validUntil && validUntil <= validFrom) {
    throw new AppError("VALIDATION", "validUntil must be after validFrom.", { field: "validUntil" });
  }
  const at = now.toISOString();
  const id = newId();
  try {
    return await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("discount_codes")
        .values({
          id,
          brand_id: brand.id,
          code,
          kind: percentOff !== undefined ? "percent" : "amount",
          percent_off: percentOff ?? null,
          amount_off: amountOff ?? null,
          currency: amountOff !== undefined ? brand.currency : null,
          valid_from: validFrom,
          valid_until: validUntil,
          exclude_sale_items: options.excludeSaleItems === false ? 0 : 1,
          active: options.active === false ? 0 : 1,
          max_uses: options.maxUses ?? null,
          created_at: at,
        })
        .execute();
      const row = await trx
        .selectFrom("discount_codes")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      const view = toDiscountCodeView(row);
      await recordAudit(
        trx,
        actor,
        {
          brandId: brand.id,
          action: "discount_code.created",
          entityType: "discount_code",
          entityId: id,
          after: view,
        },
        now,
      );
      return view;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", `Code ${code} already exists for this brand.`, { field: "code" });
    }
    throw error;
  }
}
