// Shared opening of a desk decision on a shopper's pending request (a cancellation or an order
// change): find the request's order, lock it, load it, and check the person may act on it. The
// order is locked before the request is re-read, so two agents deciding at once see one outcome.
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError, notFound } from "../kernel/errors.ts";
import { type LoadedOrder, loadOrderById } from "../orders/load-order.ts";
import { assertOrderAccess, lockOrder, type OrderAccess } from "../orders/order-request.ts";

export type DeskRequestTable = "amendments" | "cancellations";

const NAMES: Record<DeskRequestTable, string> = { amendments: "amendment", cancellations: "cancellation" };

export async function openDeskRequest(
  trx: Db,
  table: DeskRequestTable,
  id: string,
  actor: Actor,
  access: OrderAccess,
): Promise<LoadedOrder> {
  const first = await trx.selectFrom(table).select("order_id").where("id", "=", id).executeTakeFirst();
  if (!first) throw notFound(NAMES[table], id);
  await lockOrder(trx, first.order_id);
  const loaded = await loadOrderById(trx, first.order_id);
  assertOrderAccess(actor, loaded.order, access);
  return loaded;
}

/** A request is decided once. */
export function assertPending(status: string, what: string): void {
  if (status !== "pending") throw new AppError("CONFLICT", `This ${what} was already ${status}.`, { status });
}

/** Approving needs the order still in the warehouse. */
export function assertNotDispatched(loaded: LoadedOrder, why: string): void {
  const { order } = loaded;
  if (order.status !== "placed") {
    throw new AppError("CONFLICT", `Order ${order.number} is ${order.status}; ${why}.`, {
      status: order.status,
    });
  }
}
