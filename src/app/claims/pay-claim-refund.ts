// Pays the refund an agent settled a claim with (a missing item, a lost parcel, a lost return). It
// runs inside the resolution's own transaction, so a claim is never marked "refunded" without the
// money row, and stands alone for a retry. The key `claim:<id>:refund` makes a second attempt return
// the first refund; the amount is capped by what the order has left, whatever the resolution said.
import type { Db } from "../../db/database.ts";
import type { Claim, Refund } from "../../db/schema.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError } from "../kernel/errors.ts";
import { recordRefund } from "../money/issue-refund.ts";
import { MONEY_ACCESS } from "../money/issue-store-credit.ts";
import { loadOrderById } from "../orders/load-order.ts";
import { assertOrderAccess, isUniqueViolation, lockOrder, paidAndRefunded } from "../orders/order-request.ts";
import { type ClaimResolution, claimById } from "./claim-records.ts";

export interface PayClaimRefundOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly claimId: string;
}

export interface PayClaimRefundResult {
  readonly refund: Refund;
  /** True when the refund had already been paid and nothing new moved. */
  readonly replayed: boolean;
}

export function claimRefundKey(claimId: string): string {
  return `claim:${claimId}:refund`;
}

type RefundResolution = Extract<ClaimResolution, { type: "refund" }>;

function refundResolutionOf(claim: Claim): RefundResolution {
  const parsed = claim.resolution ? (JSON.parse(claim.resolution) as ClaimResolution) : null;
  if (claim.status !== "resolved" || parsed?.type !== "refund") {
    throw new AppError("CONFLICT", "This claim was not resolved with a refund.", {
      status: claim.status,
      resolution: parsed?.type ?? null,
    });
  }
  return parsed;
}

async function refundByKey(db: Db, key: string): Promise<Refund | undefined> {
  return db.selectFrom("refunds").selectAll().where("idempotency_key", "=", key).executeTakeFirst();
}

/**
 * Pays a claim's refund resolution inside the caller's transaction; the caller has locked the order.
 * Answers the earlier refund when the key was already used.
 */
export async function payClaimRefundIn(
  trx: Db,
  actor: Actor,
  claim: Claim,
  resolution: RefundResolution,
  now: Date,
): Promise<PayClaimRefundResult> {
  const key = claimRefundKey(claim.id);
  const earlier = await refundByKey(trx, key);
  if (earlier) return { refund: earlier, replayed: true };
  const { remaining } = await paidAndRefunded(trx, claim.order_id);
  // The resolution checked the amount when it was recorded; other refunds may have been paid since.
  const amount = Math.min(resolution.amount, remaining);
  if (amount <= 0) {
    throw new AppError("CONFLICT", "Nothing is left to refund on this claim's order.", {
      asked: resolution.amount,
      remaining,
    });
  }
  const loaded = await loadOrderById(trx, claim.order_id);
  const refund = await recordRefund(
    trx,
    actor,
    {
      loaded,
      kind: "refund",
      method: "original_payment",
      amount,
      reason: resolution.note ?? `${claim.kind.replace("_", " ")} claim`,
      idempotencyKey: key,
      claimId: claim.id,
    },
    now,
  );
  return { refund, replayed: false };
}

/** Pays (or answers the earlier payment of) the refund a resolved claim promised. */
export async function payClaimRefund(db: Db, options: PayClaimRefundOptions): Promise<PayClaimRefundResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const first = await claimById(trx, options.claimId);
      assertOrderAccess(options.actor, { id: first.order_id, brand_id: first.brand_id }, MONEY_ACCESS);
      await lockOrder(trx, first.order_id);
      const claim = await claimById(trx, options.claimId);
      return payClaimRefundIn(trx, options.actor, claim, refundResolutionOf(claim), options.now);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A parallel attempt paid first: answer with its refund.
    const earlier = await refundByKey(db, claimRefundKey(options.claimId));
    if (earlier) return { refund: earlier, replayed: true };
    throw error;
  }
}
