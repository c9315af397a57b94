// The store (or an agent reading the bank statement) reports that an order's e-cheque has cleared.
// Refunds the policy held back for that clearance are completed in the same transaction, store credit
// among them reaching the ledger only now, so the money and the "cleared" flag cannot disagree.
// Reporting the same clearance again changes nothing.
import type { Db } from "../../db/database.ts";
import type { Refund } from "../../db/schema.ts";
import type { Actor } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError, notFound } from "../kernel/errors.ts";
import { type LoadedOrder, loadOrderById } from "../orders/load-order.ts";
import { assertOrderAccess, lockOrder, type OrderAccess } from "../orders/order-request.ts";
import { creditLedger } from "./issue-store-credit.ts";

export const CLEARANCE_ACCESS: OrderAccess = { shopper: false, roles: ["agent", "admin"], apiKey: true };

export type OrderRef =
  | { readonly orderId: string }
  /** By the store's order number; the brand defaults to the one the caller is bound to. */
  | { readonly orderNumber: string; readonly brand?: string | undefined };

export interface MarkPaymentClearedOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly order: OrderRef;
  /** When the bank cleared it, if the store knows; never later than `now`. Defaults to `now`. */
  readonly clearedAt?: string | undefined;
}

export interface MarkPaymentClearedResult {
  readonly orderId: string;
  readonly orderNumber: string;
  /** The e-cheque payments cleared by this call (empty when they already were). */
  readonly clearedPaymentIds: readonly string[];
  /** Refunds that were waiting for the clearance and are now issued. */
  readonly completedRefunds: readonly Refund[];
  /** True when nothing was left to clear: a repeated report. */
  readonly alreadyCleared: boolean;
}

async function orderIdOf(db: Db, actor: Actor, ref: OrderRef): Promise<string> {
  if ("orderId" in ref) return ref.orderId;
  const boundBrand = actor.type === "api_key" || actor.type === "staff" ? actor.brandId : null;
  let query = db
    .selectFrom("orders")
    .innerJoin("brands", "brands.id", "orders.brand_id")
    .select("orders.id as id")
    .where("orders.number", "=", ref.orderNumber);
  if (ref.brand) query = query.where("brands.slug", "=", ref.brand);
  else if (boundBrand) query = query.where("brands.id", "=", boundBrand);
  else {
    throw new AppError("VALIDATION", "Name the brand: order numbers are unique per brand only.", {
      field: "brand",
    });
  }
  const found = await query.executeTakeFirst();
  if (!found) throw notFound("order", ref.brand ? `${ref.brand}/${ref.orderNumber}` : ref.orderNumber);
  return found.id;
}

function clearedAtOf(options: MarkPaymentClearedOptions): string {
  if (options.clearedAt === undefined) return options.now.toISOString();
  const at = new Date(options.clearedAt);
  if (Number.isNaN(at.getTime()) || at.getTime() > options.now.getTime()) {
    throw new AppError("VALIDATION", "clearedAt must be a moment that has already happened.", {
      field: "clearedAt",
    });
  }
  return at.toISOString();
}

/** Completes one held-back refund: status, ledger (for store credit), audit and the issued event. */
async function completeRefund(
  trx: Db,
  actor: Actor,
  loaded: LoadedOrder,
  refund: Refund,
  now: Date,
): Promise<Refund | null> {
  const at = now.toISOString();
  const updated = await trx
    .updateTable("refunds")
    .set({ status: "issued", completed_at: at })
    .where("id", "=", refund.id)
    .where("status", "=", "pending_clearance")
    .executeTakeFirst();
  // Another clearance report completed it first.
  if (Number(updated.numUpdatedRows) === 0) return null;
  const { order } = loaded;
  if (refund.method === "store_credit") {
    await creditLedger(
      trx,
      actor,
      {
        brandId: order.brand_id,
        customerId: order.customer_id,
        email: order.email,
        amount: refund.amount,
        currency: refund.currency,
        reason: refund.reason ?? refund.kind,
        sourceType: "refund",
        sourceId: refund.id,
        // The same key the refund would have used had the payment been clear from the start.
        idempotencyKey: `refund:${refund.id}`,
      },
      now,
    );
  }
  const done: Refund = { ...refund, status: "issued", completed_at: at };
  await recordAudit(
    trx,
    actor,
    {
      brandId: order.brand_id,
      action: "refund.issued",
      entityType: "refund",
      entityId: refund.id,
      before: { status: refund.status },
      after: { status: done.status, completedAt: at, amount: done.amount, method: done.method },
    },
    now,
  );
  await emitEvent(
    trx,
    {
      brandId: order.brand_id,
      type: "refund.issued",
      aggregateType: "refund",
      aggregateId: refund.id,
      payload: {
        orderId: order.id,
        orderNumber: order.number,
        email: order.email,
        returnId: done.return_id,
        claimId: done.claim_id,
        kind: done.kind,
        method: done.method,
        amount: done.amount,
        currency: done.currency,
        status: done.status,
      },
    },
    now,
  );
  return done;
}

export async function markPaymentCleared(
  db: Db,
  options: MarkPaymentClearedOptions,
): Promise<MarkPaymentClearedResult> {
  const { actor, now } = options;
  const clearedAt = clearedAtOf(options);
  return db.transaction().execute(async (trx) => {
    const orderId = await orderIdOf(trx, actor, options.order);
    await lockOrder(trx, orderId);
    const loaded = await loadOrderById(trx, orderId);
    assertOrderAccess(actor, loaded.order, CLEARANCE_ACCESS);
    const cheques = await trx
      .selectFrom("payments")
      .selectAll()
      .where("order_id", "=", orderId)
      .where("method", "=", "e_cheque")
      .execute();
    if (cheques.length === 0) {
      throw new AppError("CONFLICT", `Order ${loaded.order.number} was not paid by e-cheque.`, {
        orderId,
      });
    }
    const uncleared = cheques.filter((p) => p.cleared !== 1);
    for (const payment of uncleared) {
      await trx
        .updateTable("payments")
        .set({ cleared: 1, cleared_at: clearedAt })
        .where("id", "=", payment.id)
        .execute();
      await recordAudit(
        trx,
        actor,
        {
          brandId: loaded.order.brand_id,
          action: "payment.cleared",
          entityType: "payment",
          entityId: payment.id,
          before: { cleared: false },
          after: { cleared: true, clearedAt },
        },
        now,
      );
    }
    if (uncleared.length > 0) {
      await emitEvent(
        trx,
        {
          brandId: loaded.order.brand_id,
          type: "payment.cleared",
          aggregateType: "order",
          aggregateId: orderId,
          payload: { orderNumber: loaded.order.number, paymentIds: uncleared.map((p) => p.id), clearedAt },
        },
        now,
      );
    }
    const pending = await trx
      .selectFrom("refunds")
      .selectAll()
      .where("order_id", "=", orderId)
      .where("status", "=", "pending_clearance")
      .orderBy("created_at")
      .execute();
    const completedRefunds: Refund[] = [];
    for (const refund of pending) {
      const done = await completeRefund(trx, actor, loaded, refund, now);
      if (done) completedRefunds.push(done);
    }
    return {
      orderId,
      orderNumber: loaded.order.number,
      clearedPaymentIds: uncleared.map((p) => p.id),
      completedRefunds,
      alreadyCleared: uncleared.length === 0 && completedRefunds.length === 0,
    };
  });
}
