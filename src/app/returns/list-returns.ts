// Returns as the desk's queue and the shopper's "my returns" page list them, newest first.
import type { Db } from "../../db/database.ts";
import type { Return, ReturnStatus } from "../../db/schema.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError } from "../kernel/errors.ts";

export interface ListReturnsOptions {
  readonly actor: Actor;
  readonly status?: ReturnStatus | undefined;
  readonly limit?: number | undefined;
  /** An RMA number, as a scanner types it at the returns desk. */
  readonly rma?: string | undefined;
}

export async function listReturns(db: Db, options: ListReturnsOptions): Promise<Return[]> {
  const { actor } = options;
  let query = db
    .selectFrom("returns")
    .selectAll()
    .orderBy("created_at", "desc")
    .limit(Math.min(Math.max(options.limit ?? 50, 1), 200));
  if (actor.type === "shopper") query = query.where("order_id", "=", actor.orderId);
  else if (actor.type === "staff") {
    if (actor.brandId !== null) query = query.where("brand_id", "=", actor.brandId);
  } else if (actor.type !== "system") {
    throw new AppError("FORBIDDEN", "Only the shopper of an order or the care team can list returns.");
  }
  if (options.status) query = query.where("status", "=", options.status);
  if (options.rma) query = query.where("rma_number", "=", options.rma.trim().toUpperCase());
  return query.execute();
}
