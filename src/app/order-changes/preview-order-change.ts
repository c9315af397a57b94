// What would happen if the shopper cancelled or changed the order now, without doing it: the portal
// shows the outcome (a refund, store credit, a request the team decides, or why not) before the
// shopper confirms. The same decision the real request gets, from the same policy version.
import type { Db } from "../../db/database.ts";
import type { Decision } from "../../domain/decision.ts";
import type { Actor } from "../kernel/actor.ts";
import { loadOrderById } from "../orders/load-order.ts";
import { assertOrderAccess, decideOnOrder } from "../orders/order-request.ts";
import { ORDER_CHANGE_ACCESS } from "./cancel-order.ts";

export interface PreviewOrderChangeOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly orderId: string;
  readonly change: "cancel" | "amend";
}

export async function previewOrderChange(db: Db, options: PreviewOrderChangeOptions): Promise<Decision> {
  const loaded = await loadOrderById(db, options.orderId);
  assertOrderAccess(options.actor, loaded.order, ORDER_CHANGE_ACCESS);
  return options.change === "cancel"
    ? decideOnOrder(loaded, options.now, { type: "cancel", reason: "preview" })
    : // Any one field stands for the change: the rules decide on timing and state, not on the value.
      decideOnOrder(loaded, options.now, { type: "amend", changes: { email: "preview@example.com" } });
}
