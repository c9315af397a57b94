// The warehouse logs a return parcel's arrival. The refund promise counts from this moment, so the
// date the shopper is told is computed here, by the engine, in the brand's business days.
import type { Db } from "../../db/database.ts";
import type { Return } from "../../db/schema.ts";
import type { Actor } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { loadOrderById } from "../orders/load-order.ts";
import { assertOrderAccess, decideOnOrder, findReturn, returnOrderRef } from "../orders/order-request.ts";

export interface ReceiveReturnOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly returnId: string;
}

export interface ReceiveReturnResult {
  readonly return: Return;
  /** The promised refund date (YYYY-MM-DD, brand time zone), when the policy promises one. */
  readonly refundExpectedBy: string | null;
}

export const WAREHOUSE_ACCESS = { shopper: false, roles: ["warehouse", "admin"] } as const;

export async function receiveReturn(db: Db, options: ReceiveReturnOptions): Promise<ReceiveReturnResult> {
  return db.transaction().execute(async (trx) => {
    const ret = await findReturn(trx, { returnId: options.returnId });
    assertOrderAccess(options.actor, returnOrderRef(ret), WAREHOUSE_ACCESS);
    if (ret.status !== "authorized" && ret.status !== "in_transit") {
      throw new AppError(
        "CONFLICT",
        `Return ${ret.rma_number} is ${ret.status}, so it cannot be received now.`,
        {
          status: ret.status,
        },
      );
    }
    const at = options.now.toISOString();
    const loaded = await loadOrderById(trx, ret.order_id);
    const timeline = decideOnOrder(loaded, options.now, { type: "refund_timeline", returnDeliveredAt: at });
    const refundExpectedBy = timeline.timeline.refundExpectedBy;
    await trx
      .updateTable("returns")
      .set({ status: "received", received_at: at, updated_at: at })
      .where("id", "=", ret.id)
      .execute();
    await recordAudit(
      trx,
      options.actor,
      {
        brandId: ret.brand_id,
        action: "return.received",
        entityType: "return",
        entityId: ret.id,
        before: { status: ret.status },
        after: { status: "received", receivedAt: at, refundExpectedBy },
      },
      options.now,
    );
    await emitEvent(
      trx,
      {
        brandId: ret.brand_id,
        type: "return.received",
        aggregateType: "return",
        aggregateId: ret.id,
        payload: { rma: ret.rma_number, orderId: ret.order_id, receivedAt: at, refundExpectedBy },
      },
      options.now,
    );
    return {
      return: { ...ret, status: "received" as const, received_at: at, updated_at: at },
      refundExpectedBy,
    };
  });
}
