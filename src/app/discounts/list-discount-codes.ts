// A brand's discount codes for the admin console, newest first.

import type { Db } from "../../db/database.ts";
import { requireBrand } from "../brands/require-brand.ts";
import type { Actor } from "../kernel/actor.ts";
import { assertStaff } from "../kernel/staff-access.ts";
import { type DiscountCodeView, toDiscountCodeView } from "./discount-codes.ts";

export async function listDiscountCodes(
  db: Db,
  options: { readonly actor: Actor; readonly brand: string },
): Promise<DiscountCodeView[]> {
  const brand = await requireBrand(db, options.brand);
  assertStaff(options.actor, brand.id, ["admin"]);
  const rows = await db
    .selectFrom("discount_codes")
    .selectAll()
    .where("brand_id", "=", brand.id)
    .orderBy("created_at", "desc")
    .orderBy("code")
    .execute();
  return rows.map(toDiscountCodeView);
}
