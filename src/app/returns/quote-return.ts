// What a return or exchange of a stored order would come to, item by item, before anything is sent:
// the engine's decision on the order as the policy in force when it was placed reads it. No writes.
import type { Db } from "../../db/database.ts";
import { readTogether } from "../../db/read-together.ts";
import type { Decision } from "../../domain/decision.ts";
import type { Actor } from "../kernel/actor.ts";
import { loadOrderById } from "../orders/load-order.ts";
import {
  assertOrderAccess,
  decideOnOrder,
  unitsInOpenReturns,
  withUnitsInReturn,
} from "../orders/order-request.ts";

export interface ReturnItemRequest {
  /** The store's own line id (the line key). */
  readonly lineId: string;
  readonly quantity: number;
  readonly reason: string;
  readonly condition?: Readonly<Record<string, boolean | null>>;
  readonly wantedSku?: string | undefined;
}

export interface QuoteReturnOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly orderId: string;
  readonly kind: "return" | "exchange";
  readonly items: readonly ReturnItemRequest[];
}

export const RETURN_ACCESS = { shopper: true, roles: ["admin", "agent"] } as const;

export async function quoteReturn(db: Db, options: QuoteReturnOptions): Promise<Decision> {
  // Nothing is written, so the units already in returns are read alongside the order; they are only
  // used once access is granted.
  // One read transaction for the order, its lines, payments, policy versions and open returns (see
  // db/read-together.ts): they are then also read as one consistent state.
  const [loaded, pending] = await readTogether(db, (reader) =>
    Promise.all([loadOrderById(reader, options.orderId), unitsInOpenReturns(reader, options.orderId)]),
  );
  assertOrderAccess(options.actor, loaded.order, RETURN_ACCESS);
  return decideOnOrder(
    loaded,
    options.now,
    { type: options.kind, items: options.items },
    withUnitsInReturn(loaded.policyOrder, pending),
  );
}
