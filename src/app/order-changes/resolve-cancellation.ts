// The desk answers a cancellation request the policy left to a person. Approving stops the order and
// refunds what is left of the payment to the original method; declining leaves the order as it is.
import type { Db } from "../../db/database.ts";
import type { Refund } from "../../db/schema.ts";
import type { Actor } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { recordRefund } from "../money/issue-refund.ts";
import { MONEY_ACCESS } from "../money/issue-store-credit.ts";
import { paidAndRefunded } from "../orders/order-request.ts";
import type { Cancellation } from "./cancel-order.ts";
import { assertNotDispatched, assertPending, openDeskRequest } from "./desk-request.ts";

export interface ResolveCancellationOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly cancellationId: string;
  readonly approve: boolean;
  /** Why, for the audit log (and the shopper's email when declined). */
  readonly note?: string | undefined;
}

export interface ResolveCancellationResult {
  readonly cancellation: Cancellation;
  readonly refund: Refund | null;
}

export async function resolveCancellation(
  db: Db,
  options: ResolveCancellationOptions,
): Promise<ResolveCancellationResult> {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const loaded = await openDeskRequest(trx, "cancellations", options.cancellationId, actor, MONEY_ACCESS);
    const pending = await trx
      .selectFrom("cancellations")
      .selectAll()
      .where("id", "=", options.cancellationId)
      .executeTakeFirstOrThrow();
    assertPending(pending.status, "cancellation request");
    if (options.approve) assertNotDispatched(loaded, "only an order not yet dispatched can be cancelled");
    const at = now.toISOString();
    let refund: Refund | null = null;
    let amount = 0;
    if (options.approve) {
      amount = (await paidAndRefunded(trx, loaded.order.id)).remaining;
      await trx
        .updateTable("orders")
        .set({ status: "cancelled", cancelled_at: at, updated_at: at })
        .where("id", "=", loaded.order.id)
        .execute();
      if (amount > 0) {
        refund = await recordRefund(
          trx,
          actor,
          {
            loaded,
            kind: "refund",
            method: "original_payment",
            amount,
            reason: `cancellation of order ${loaded.order.number}`,
            idempotencyKey: `cancellation:${pending.id}`,
            cancellationId: pending.id,
          },
          now,
        );
      }
    }
    const cancellation: Cancellation = {
      ...pending,
      status: options.approve ? "approved" : "declined",
      resolution_method: options.approve ? "refund_original_payment" : null,
      amount,
      resolved_at: at,
    };
    await trx
      .updateTable("cancellations")
      .set({
        status: cancellation.status,
        resolution_method: cancellation.resolution_method,
        amount,
        resolved_at: at,
      })
      .where("id", "=", pending.id)
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        brandId: loaded.order.brand_id,
        action: options.approve ? "cancellation.approved" : "cancellation.declined",
        entityType: "cancellation",
        entityId: pending.id,
        before: { status: pending.status, orderStatus: loaded.order.status },
        after: { status: cancellation.status, amount, note: options.note ?? null },
      },
      now,
    );
    await emitEvent(
      trx,
      {
        brandId: loaded.order.brand_id,
        type: options.approve ? "order.cancelled" : "cancellation.declined",
        aggregateType: "order",
        aggregateId: loaded.order.id,
        payload: {
          orderNumber: loaded.order.number,
          email: loaded.order.email,
          cancellationId: pending.id,
          amount,
          note: options.note ?? null,
        },
      },
      now,
    );
    return { cancellation, refund };
  });
}
