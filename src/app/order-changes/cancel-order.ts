// A shopper (or the desk for them) cancels an order. The engine decides: some brands cancel at once
// before dispatch and give back what was paid (as store credit or to the payment), others make it a request a
// person decides, and after dispatch the shopper is told why not and what to do instead.

import type { Selectable } from "kysely";
import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import type { CancellationsTable, Refund } from "../../db/schema.ts";
import type { Decision } from "../../domain/decision.ts";
import type { Actor } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { recordRefund } from "../money/issue-refund.ts";
import { loadOrderById } from "../orders/load-order.ts";
import { assertOrderAccess, decideOnOrder, lockOrder, paidAndRefunded } from "../orders/order-request.ts";

export type Cancellation = Selectable<CancellationsTable>;

export interface CancelOrderOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly orderId: string;
  readonly reason: string;
}

export interface CancelOrderResult {
  /** `cancelled`: done now; `pending`: waiting for the desk. */
  readonly status: "cancelled" | "pending";
  readonly cancellation: Cancellation;
  readonly decision: Decision;
  readonly refund: Refund | null;
}

export const ORDER_CHANGE_ACCESS = { shopper: true, roles: ["agent", "admin"] } as const;

/** Refusals carry the decision, whose reasons say why and what the shopper can do instead. */
export function refusal(decision: Decision, what: string): AppError {
  const why = decision.reasons.map((r) => r.message).join(" ");
  return new AppError("VALIDATION", `${what} ${why}`.trim(), { decision });
}

export async function cancelOrder(db: Db, options: CancelOrderOptions): Promise<CancelOrderResult> {
  const { actor, now } = options;
  const reason = options.reason.trim() || "unspecified";
  return db.transaction().execute(async (trx) => {
    await lockOrder(trx, options.orderId);
    const loaded = await loadOrderById(trx, options.orderId);
    assertOrderAccess(actor, loaded.order, ORDER_CHANGE_ACCESS);
    const open = await trx
      .selectFrom("cancellations")
      .selectAll()
      .where("order_id", "=", loaded.order.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    // Asking again while the desk has not answered is the same request, not a second one.
    if (open) {
      return {
        status: "pending",
        cancellation: open,
        decision: JSON.parse(open.decision) as Decision,
        refund: null,
      };
    }
    const decision = decideOnOrder(loaded, now, { type: "cancel", reason });
    if (decision.outcome !== "approved" && decision.outcome !== "needs_review") {
      throw refusal(decision, "This order cannot be cancelled.");
    }
    const at = now.toISOString();
    const approved = decision.outcome === "approved";
    const { remaining } = await paidAndRefunded(trx, loaded.order.id);
    const amount = approved ? Math.min(decision.resolution.amount, remaining) : 0;
    const cancellation: Cancellation = {
      id: newId(),
      order_id: loaded.order.id,
      reason,
      status: approved ? "approved" : "pending",
      resolution_method: approved ? decision.resolution.method : null,
      amount,
      currency: loaded.order.currency,
      decision: JSON.stringify(decision),
      created_at: at,
      resolved_at: approved ? at : null,
    };
    await trx.insertInto("cancellations").values(cancellation).execute();
    let refund: Refund | null = null;
    if (approved) {
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
            method: decision.resolution.method === "store_credit" ? "store_credit" : "original_payment",
            amount,
            reason: `cancellation of order ${loaded.order.number}`,
            idempotencyKey: `cancellation:${cancellation.id}`,
            cancellationId: cancellation.id,
          },
          now,
        );
      }
    }
    await recordAudit(
      trx,
      actor,
      {
        brandId: loaded.order.brand_id,
        action: approved ? "order.cancelled" : "cancellation.requested",
        entityType: "order",
        entityId: loaded.order.id,
        before: { status: loaded.order.status },
        after: {
          status: approved ? "cancelled" : loaded.order.status,
          cancellationId: cancellation.id,
          amount,
        },
      },
      now,
    );
    await emitEvent(
      trx,
      {
        brandId: loaded.order.brand_id,
        type: approved ? "order.cancelled" : "cancellation.requested",
        aggregateType: "order",
        aggregateId: loaded.order.id,
        payload: {
          orderNumber: loaded.order.number,
          email: loaded.order.email,
          cancellationId: cancellation.id,
          decision,
          amount,
          method: cancellation.resolution_method,
        },
      },
      now,
    );
    return { status: approved ? "cancelled" : "pending", cancellation, decision, refund };
  });
}
