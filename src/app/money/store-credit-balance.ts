// A shopper's store-credit balance with a brand: never stored, always the sum of the ledger.
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError } from "../kernel/errors.ts";
import type { LedgerEntry } from "./issue-store-credit.ts";

export interface StoreCreditBalanceOptions {
  readonly actor: Actor;
  readonly brandId: string;
  readonly email: string;
}

export interface StoreCreditBalance {
  readonly email: string;
  /** Sum per currency, in minor units. */
  readonly balances: readonly { readonly currency: string; readonly amount: number }[];
  readonly entries: readonly LedgerEntry[];
}

function assertMayRead(actor: Actor, brandId: string, email: string): void {
  if (actor.type === "system") return;
  if (actor.type === "staff" && (actor.brandId === null || actor.brandId === brandId)) return;
  if (actor.type === "shopper" && actor.brandId === brandId && actor.email.toLowerCase() === email) return;
  if (actor.type === "anonymous") throw new AppError("UNAUTHORIZED", "Sign in first.");
  throw new AppError("FORBIDDEN", "You cannot see this store-credit balance.");
}

export async function storeCreditBalance(
  db: Db,
  options: StoreCreditBalanceOptions,
): Promise<StoreCreditBalance> {
  const email = options.email.trim().toLowerCase();
  assertMayRead(options.actor, options.brandId, email);
  const entries = await db
    .selectFrom("store_credit_ledger")
    .selectAll()
    .where("brand_id", "=", options.brandId)
    .where("email", "=", email)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const sums = await db
    .selectFrom("store_credit_ledger")
    .select(["currency", (eb) => eb.fn.sum<number>("amount").as("amount")])
    .where("brand_id", "=", options.brandId)
    .where("email", "=", email)
    .groupBy("currency")
    .orderBy("currency")
    .execute();
  return {
    email,
    balances: sums.map((s) => ({ currency: s.currency, amount: Number(s.amount) })),
    entries,
  };
}
