// A refund outside any return, given at the desk's discretion: it needs a reason, agents are held to a
// per-brand limit (admins are not), and like every refund it never exceeds what is left of the payment.
import type { Db } from "../../db/database.ts";
import type { Refund } from "../../db/schema.ts";
import { formatMoney } from "../../domain/money.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError } from "../kernel/errors.ts";
import { loadOrderById } from "../orders/load-order.ts";
import { assertOrderAccess, isUniqueViolation, lockOrder, paidAndRefunded } from "../orders/order-request.ts";
import { recordRefund } from "./issue-refund.ts";
import { checkIdempotencyKey, MONEY_ACCESS } from "./issue-store-credit.ts";

/** Minor units an agent may give without an admin, when the brand's settings name no limit. */
export const DEFAULT_AGENT_GOODWILL_LIMIT = 5000;

export interface GoodwillRefundOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly orderId: string;
  readonly amount: number;
  readonly reason: string;
  readonly idempotencyKey: string;
  readonly method?: "original_payment" | "store_credit";
}

/** The brand setting `goodwillLimits.agent` (minor units), else the default. */
export function agentGoodwillLimit(settingsJson: string): number {
  try {
    const settings = JSON.parse(settingsJson) as { goodwillLimits?: { agent?: unknown } };
    const limit = settings.goodwillLimits?.agent;
    if (typeof limit === "number" && Number.isSafeInteger(limit) && limit >= 0) return limit;
  } catch {
    // Unreadable settings fall back to the default rather than to no limit.
  }
  return DEFAULT_AGENT_GOODWILL_LIMIT;
}

async function replay(db: Db, key: string, options: GoodwillRefundOptions): Promise<Refund | null> {
  const earlier = await db
    .selectFrom("refunds")
    .selectAll()
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
  if (!earlier) return null;
  if (
    earlier.order_id !== options.orderId ||
    earlier.amount !== options.amount ||
    earlier.kind !== "goodwill"
  ) {
    throw new AppError("CONFLICT", "This idempotency key was already used for a different refund.", {
      refundId: earlier.id,
    });
  }
  return earlier;
}

export async function goodwillRefund(
  db: Db,
  options: GoodwillRefundOptions,
): Promise<{ refund: Refund; replayed: boolean }> {
  const key = checkIdempotencyKey(options.idempotencyKey);
  const reason = options.reason.trim();
  if (!reason) throw new AppError("VALIDATION", "A goodwill refund needs a reason.", { field: "reason" });
  if (!Number.isSafeInteger(options.amount) || options.amount <= 0) {
    throw new AppError("VALIDATION", "The amount must be a positive whole number of minor units.", {
      field: "amount",
    });
  }
  try {
    return await db.transaction().execute(async (trx) => {
      await lockOrder(trx, options.orderId);
      const loaded = await loadOrderById(trx, options.orderId);
      assertOrderAccess(options.actor, loaded.order, MONEY_ACCESS);
      const earlier = await replay(trx, key, options);
      if (earlier) return { refund: earlier, replayed: true };
      const currency = loaded.order.currency;
      if (options.actor.type === "staff" && options.actor.role !== "admin") {
        const brand = await trx
          .selectFrom("brands")
          .select("settings")
          .where("id", "=", loaded.order.brand_id)
          .executeTakeFirstOrThrow();
        const limit = agentGoodwillLimit(brand.settings);
        if (options.amount > limit) {
          throw new AppError(
            "FORBIDDEN",
            `Agents can give up to ${formatMoney(limit, currency)} as goodwill; ask an admin for more.`,
            { limit, currency },
          );
        }
      }
      const { paid, refunded, remaining } = await paidAndRefunded(trx, loaded.order.id);
      if (options.amount > remaining) {
        throw new AppError(
          "VALIDATION",
          `Only ${formatMoney(remaining, currency)} of the ${formatMoney(paid, currency)} paid is left to refund.`,
          { paid, refunded, remaining },
        );
      }
      const refund = await recordRefund(
        trx,
        options.actor,
        {
          loaded,
          kind: "goodwill",
          method: options.method ?? "original_payment",
          amount: options.amount,
          reason,
          idempotencyKey: key,
        },
        options.now,
      );
      return { refund, replayed: false };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const earlier = await replay(db, key, options);
    if (earlier) return { refund: earlier, replayed: true };
    throw error;
  }
}
