// Pays a return's refund, exactly once. Three guards stand behind "once": the idempotency key (a
// retried request gets the first answer), a lock on the order row (PostgreSQL; SQLite runs
// transactions one at a time), and a unique index allowing one refund per return, which turns any race
// the first two miss into a failed insert rather than a second payment.
import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import type { Refund } from "../../db/schema.ts";
import type { Actor } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { type LoadedOrder, loadOrderById } from "../orders/load-order.ts";
import {
  assertOrderAccess,
  findReturn,
  isUniqueViolation,
  lockOrder,
  paidAndRefunded,
  returnOrderRef,
} from "../orders/order-request.ts";
import { checkIdempotencyKey, creditLedger, MONEY_ACCESS } from "./issue-store-credit.ts";

export interface NewRefund {
  readonly loaded: LoadedOrder;
  readonly kind: "refund" | "goodwill";
  readonly method: "original_payment" | "store_credit";
  readonly amount: number;
  readonly reason: string | null;
  readonly idempotencyKey: string;
  readonly returnId?: string | null;
  readonly cancellationId?: string | null;
  readonly claimId?: string | null;
}

/** The policy makes an unclear e-cheque wait before any money goes back. */
async function waitsForClearance(trx: Db, loaded: LoadedOrder): Promise<boolean> {
  if (!loaded.policy.file.refunds.eCheque?.mustClear) return false;
  const uncleared = await trx
    .selectFrom("payments")
    .select("id")
    .where("order_id", "=", loaded.order.id)
    .where("method", "=", "e_cheque")
    .where("cleared", "=", 0)
    .executeTakeFirst();
  return uncleared !== undefined;
}

/**
 * Writes a refund row with its ledger entry (store credit), audit row and outbox event, inside the
 * caller's transaction. The caller has locked the order and checked the amount against what is left.
 */
export async function recordRefund(trx: Db, actor: Actor, refund: NewRefund, now: Date): Promise<Refund> {
  const { order } = refund.loaded;
  const pending = await waitsForClearance(trx, refund.loaded);
  const at = now.toISOString();
  const row: Refund = {
    id: newId(),
    brand_id: order.brand_id,
    order_id: order.id,
    return_id: refund.returnId ?? null,
    claim_id: refund.claimId ?? null,
    cancellation_id: refund.cancellationId ?? null,
    kind: refund.kind,
    method: refund.method,
    amount: refund.amount,
    currency: order.currency,
    reason: refund.reason,
    status: pending ? "pending_clearance" : "issued",
    idempotency_key: refund.idempotencyKey,
    issued_by: actor.type === "staff" ? actor.id : null,
    created_at: at,
    completed_at: pending ? null : at,
  };
  await trx.insertInto("refunds").values(row).execute();
  // Store credit from an uncleared payment is written once the payment clears, like any refund.
  if (refund.method === "store_credit" && !pending) {
    await creditLedger(
      trx,
      actor,
      {
        brandId: order.brand_id,
        customerId: order.customer_id,
        email: order.email,
        amount: refund.amount,
        currency: order.currency,
        reason: refund.reason ?? refund.kind,
        sourceType: "refund",
        sourceId: row.id,
        idempotencyKey: `refund:${row.id}`,
      },
      now,
    );
  }
  await recordAudit(
    trx,
    actor,
    {
      brandId: order.brand_id,
      action: pending ? "refund.pending_clearance" : "refund.issued",
      entityType: "refund",
      entityId: row.id,
      after: {
        orderId: order.id,
        returnId: row.return_id,
        cancellationId: row.cancellation_id,
        claimId: row.claim_id,
        kind: row.kind,
        method: row.method,
        amount: row.amount,
        currency: row.currency,
        status: row.status,
        reason: row.reason,
      },
    },
    now,
  );
  await emitEvent(
    trx,
    {
      brandId: order.brand_id,
      type: pending ? "refund.pending_clearance" : "refund.issued",
      aggregateType: "refund",
      aggregateId: row.id,
      payload: {
        orderId: order.id,
        orderNumber: order.number,
        email: order.email,
        returnId: row.return_id,
        kind: row.kind,
        method: row.method,
        amount: row.amount,
        currency: row.currency,
        status: row.status,
      },
    },
    now,
  );
  return row;
}

export interface IssueRefundOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly returnId: string;
  readonly idempotencyKey: string;
}

export interface IssueRefundResult {
  readonly refund: Refund;
  /** True when this request repeated an earlier one and nothing new was paid. */
  readonly replayed: boolean;
}

async function refundByKey(db: Db, key: string): Promise<Refund | undefined> {
  return db.selectFrom("refunds").selectAll().where("idempotency_key", "=", key).executeTakeFirst();
}

/** The answer for a request that lost to an earlier refund of the same return. */
async function earlierAnswer(db: Db, returnId: string, key: string): Promise<IssueRefundResult | null> {
  const byKey = await refundByKey(db, key);
  if (byKey) {
    if (byKey.return_id !== returnId) {
      throw new AppError("CONFLICT", "This idempotency key was already used for another refund.", {
        refundId: byKey.id,
      });
    }
    return { refund: byKey, replayed: true };
  }
  const paid = await db
    .selectFrom("refunds")
    .select("id")
    .where("return_id", "=", returnId)
    .where("kind", "=", "refund")
    .executeTakeFirst();
  if (paid) {
    throw new AppError("CONFLICT", "This return has already been refunded.", { refundId: paid.id });
  }
  return null;
}

export async function issueRefund(db: Db, options: IssueRefundOptions): Promise<IssueRefundResult> {
  const key = checkIdempotencyKey(options.idempotencyKey);
  try {
    return await db.transaction().execute(async (trx) => {
      const found = await findReturn(trx, { returnId: options.returnId });
      assertOrderAccess(options.actor, returnOrderRef(found), MONEY_ACCESS);
      await lockOrder(trx, found.order_id);
      const earlier = await earlierAnswer(trx, found.id, key);
      if (earlier) return earlier;
      const ret = await findReturn(trx, { returnId: found.id });
      if (ret.kind !== "return") {
        throw new AppError("CONFLICT", "An exchange sends replacements instead of money.", {
          kind: ret.kind,
        });
      }
      if (ret.status !== "inspected") {
        throw new AppError(
          "CONFLICT",
          `Return ${ret.rma_number} is ${ret.status}; it is refunded after inspection.`,
          {
            status: ret.status,
          },
        );
      }
      const due = ret.refund_amount ?? 0;
      const { remaining } = await paidAndRefunded(trx, ret.order_id);
      // Never more than was paid, less what earlier refunds and goodwill gave back.
      const amount = Math.min(due, remaining);
      if (amount <= 0) {
        throw new AppError("CONFLICT", "Nothing is left to refund on this return's order.", {
          due,
          remaining,
        });
      }
      const loaded = await loadOrderById(trx, ret.order_id);
      const refund = await recordRefund(
        trx,
        options.actor,
        {
          loaded,
          kind: "refund",
          method: ret.refund_method === "store_credit" ? "store_credit" : "original_payment",
          amount,
          reason: `return ${ret.rma_number}`,
          idempotencyKey: key,
          returnId: ret.id,
        },
        options.now,
      );
      const at = options.now.toISOString();
      await trx
        .updateTable("returns")
        .set({ status: "refunded", closed_at: at, updated_at: at })
        .where("id", "=", ret.id)
        .execute();
      return { refund, replayed: false };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A parallel request won the race; answer as if this one had come second.
    const earlier = await earlierAnswer(db, options.returnId, key);
    if (earlier) return earlier;
    throw error;
  }
}
