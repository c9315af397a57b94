// Claims as a shopper sees them (those on the order they signed in with) and as the desk works them
// (a brand's queue, filtered by status and kind, oldest first so nobody waits longest).

import type { Db } from "../../db/database.ts";
import type { ClaimKind } from "../../db/schema.ts";
import { requireBrand } from "../brands/require-brand.ts";
import type { Actor, StaffRole } from "../kernel/actor.ts";
import { AppError } from "../kernel/errors.ts";
import { type ClaimView, evidenceOf, toClaimView } from "./claim-records.ts";

const DESK_ROLES: readonly StaffRole[] = ["admin", "agent", "warehouse"];

export interface ListClaimsOptions {
  readonly actor: Actor;
  /** Staff: the brand whose queue to list; staff bound to one brand may omit it. */
  readonly brand?: string | undefined;
  readonly status?: string | undefined;
  readonly kind?: ClaimKind | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

export async function listClaims(db: Db, options: ListClaimsOptions): Promise<ClaimView[]> {
  const { actor } = options;
  let query = db.selectFrom("claims").selectAll();
  if (actor.type === "shopper") {
    query = query.where("order_id", "=", actor.orderId).where("brand_id", "=", actor.brandId);
  } else if (actor.type === "staff" && DESK_ROLES.includes(actor.role)) {
    const brandId = options.brand ? (await requireBrand(db, options.brand)).id : actor.brandId;
    if (actor.brandId !== null && brandId !== actor.brandId) {
      throw new AppError("FORBIDDEN", "You do not work for this brand.");
    }
    if (brandId) query = query.where("brand_id", "=", brandId);
  } else if (actor.type === "anonymous") {
    throw new AppError("UNAUTHORIZED", "Sign in first.");
  } else {
    throw new AppError("FORBIDDEN", "Claims are for the shopper who filed them and the care team.");
  }
  if (options.status) query = query.where("status", "=", options.status);
  if (options.kind) query = query.where("kind", "=", options.kind);
  const claims = await query
    .orderBy("created_at")
    .orderBy("id")
    .limit(Math.min(options.limit ?? 50, 200))
    .offset(options.offset ?? 0)
    .execute();
  const evidence = await evidenceOf(
    db,
    claims.map((c) => c.id),
  );
  return claims.map((c) => toClaimView(c, evidence.get(c.id) ?? []));
}
