// The dates the shopper was promised for one return, as the returns desk sees them: when the parcel
// arrived, when the inspection is due (the brand's business days), and when the refund should land.
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { loadOrderById } from "../orders/load-order.ts";
import { assertOrderAccess, findReturn, returnOrderRef } from "../orders/order-request.ts";
import { RETURN_DESK_ACCESS } from "./get-return.ts";
import { promiseDates, type ReturnPromiseDates } from "./return-promises.ts";

export async function deskReturnPromises(
  db: Db,
  options: { readonly actor: Actor; readonly now: Date; readonly returnId: string },
): Promise<ReturnPromiseDates> {
  const ret = await findReturn(db, { returnId: options.returnId });
  assertOrderAccess(options.actor, returnOrderRef(ret), RETURN_DESK_ACCESS);
  const loaded = await loadOrderById(db, ret.order_id);
  return promiseDates(loaded, ret, options.now);
}
