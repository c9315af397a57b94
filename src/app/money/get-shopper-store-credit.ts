// What a signed-in shopper sees of their store credit with the brand: the balance in the currency of
// the order they signed in with, and each credit behind it. The credit belongs to the email address,
// not to the order, so every order placed with that address at this brand counts; other brands' credit
// and other shoppers' never do. Staff-only details of the ledger (who issued it, idempotency keys,
// internal ids of the source) are left out.
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError } from "../kernel/errors.ts";
import { storeCreditBalance } from "./store-credit-balance.ts";

export interface ShopperStoreCreditEntry {
  readonly id: string;
  /** Minor units: positive for a credit, negative for credit spent. */
  readonly amount: number;
  readonly currency: string;
  readonly reason: string;
  /** What earned it: `order` (given by the care team) or `refund` (a refund paid as store credit). */
  readonly source: string | null;
  readonly createdAt: string;
}

export interface ShopperStoreCredit {
  /** The signed-in order's currency, which the balance is in. */
  readonly currency: string;
  /** Minor units. */
  readonly balance: number;
  /** Oldest first, in every currency. */
  readonly entries: readonly ShopperStoreCreditEntry[];
  /** Credit held in other currencies (orders placed in another currency); usually empty. */
  readonly otherBalances: readonly { readonly currency: string; readonly amount: number }[];
}

export async function getShopperStoreCredit(
  db: Db,
  options: { readonly actor: Actor },
): Promise<ShopperStoreCredit> {
  const { actor } = options;
  if (actor.type !== "shopper") throw new AppError("UNAUTHORIZED", "Sign in to your order first.");
  const order = await db
    .selectFrom("orders")
    .select(["currency"])
    .where("id", "=", actor.orderId)
    .where("brand_id", "=", actor.brandId)
    .executeTakeFirst();
  if (!order) throw new AppError("UNAUTHORIZED", "Your order could not be found; sign in again.");
  // The address comes from the session, which the shopper proved by naming the order with it, rather
  // than from the order row: a later change of the order's email does not hand over anyone's credit.
  const { balances, entries } = await storeCreditBalance(db, {
    actor,
    brandId: actor.brandId,
    email: actor.email,
  });
  return {
    currency: order.currency,
    balance: balances.find((b) => b.currency === order.currency)?.amount ?? 0,
    entries: entries.map((e) => ({
      id: e.id,
      amount: e.amount,
      currency: e.currency,
      reason: e.reason,
      source: e.source_type,
      createdAt: e.created_at,
    })),
    otherBalances: balances.filter((b) => b.currency !== order.currency),
  };
}
