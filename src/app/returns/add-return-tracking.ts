// The shopper (or the desk) records how an authorised return was sent, so the parcel can be followed
// and a lost return can later be argued with proof of postage.
import type { Db } from "../../db/database.ts";
import type { Return } from "../../db/schema.ts";
import type { Actor } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { assertOrderAccess, findReturn, returnOrderRef } from "../orders/order-request.ts";
import { RETURN_ACCESS } from "./quote-return.ts";

export interface AddReturnTrackingOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly rmaNumber: string;
  readonly courier: string;
  readonly trackingNumber: string;
  readonly trackingUrl?: string | null | undefined;
}

export async function addReturnTracking(db: Db, options: AddReturnTrackingOptions): Promise<Return> {
  const courier = options.courier.trim();
  const trackingNumber = options.trackingNumber.trim();
  if (!courier || !trackingNumber) {
    throw new AppError("VALIDATION", "Give the courier and the tracking number of the return parcel.");
  }
  return db.transaction().execute(async (trx) => {
    const ret = await findReturn(trx, { rmaNumber: options.rmaNumber });
    assertOrderAccess(options.actor, returnOrderRef(ret), RETURN_ACCESS);
    // Correcting a mistyped number is fine until the warehouse has the parcel.
    if (ret.status !== "authorized" && ret.status !== "in_transit") {
      throw new AppError(
        "CONFLICT",
        `Return ${ret.rma_number} is ${ret.status}; tracking can no longer be added.`,
        {
          status: ret.status,
        },
      );
    }
    const at = options.now.toISOString();
    const changes = {
      status: "in_transit" as const,
      return_courier: courier,
      return_tracking_number: trackingNumber,
      return_tracking_url: options.trackingUrl ?? null,
      proof_of_postage: 1 as const,
      shipped_at: ret.shipped_at ?? at,
      updated_at: at,
    };
    await trx.updateTable("returns").set(changes).where("id", "=", ret.id).execute();
    await recordAudit(
      trx,
      options.actor,
      {
        brandId: ret.brand_id,
        action: "return.tracking_added",
        entityType: "return",
        entityId: ret.id,
        before: { status: ret.status, trackingNumber: ret.return_tracking_number },
        after: { status: changes.status, courier, trackingNumber },
      },
      options.now,
    );
    await emitEvent(
      trx,
      {
        brandId: ret.brand_id,
        type: "return.in_transit",
        aggregateType: "return",
        aggregateId: ret.id,
        payload: { rma: ret.rma_number, courier, trackingNumber },
      },
      options.now,
    );
    return { ...ret, ...changes };
  });
}
