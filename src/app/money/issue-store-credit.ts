// Store credit is an append-only ledger: every credit (and later every spend) is a row, the balance is
// their sum, and an idempotency key makes a repeated request return the first entry.

import type { Selectable } from "kysely";
import type { Db } from "../../db/database.ts";
import { newId } from "../../db/database.ts";
import type { StoreCreditLedgerTable } from "../../db/schema.ts";
import { type Actor, actorId } from "../kernel/actor.ts";
import { emitEvent, recordAudit } from "../kernel/audit.ts";
import { AppError } from "../kernel/errors.ts";
import { loadOrderById } from "../orders/load-order.ts";
import { assertOrderAccess, lockOrder } from "../orders/order-request.ts";

export type LedgerEntry = Selectable<StoreCreditLedgerTable>;

export interface LedgerCredit {
  readonly brandId: string;
  readonly customerId: string | null;
  readonly email: string;
  readonly amount: number;
  readonly currency: string;
  readonly reason: string;
  readonly sourceType: string;
  readonly sourceId: string;
  readonly idempotencyKey: string;
}

/**
 * Writes one ledger entry unless one with the same key exists, and returns the entry that stands.
 * Meant to run inside the caller's transaction, next to the change that earned the credit.
 */
export async function creditLedger(
  trx: Db,
  actor: Actor,
  credit: LedgerCredit,
  now: Date,
): Promise<LedgerEntry> {
  if (!Number.isSafeInteger(credit.amount) || credit.amount <= 0) {
    throw new AppError("VALIDATION", "A store credit must be a positive whole amount in minor units.");
  }
  await trx
    .insertInto("store_credit_ledger")
    .values({
      id: newId(),
      brand_id: credit.brandId,
      customer_id: credit.customerId,
      email: credit.email.trim().toLowerCase(),
      amount: credit.amount,
      currency: credit.currency,
      reason: credit.reason,
      source_type: credit.sourceType,
      source_id: credit.sourceId,
      idempotency_key: credit.idempotencyKey,
      actor: actorId(actor),
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column("idempotency_key").doNothing())
    .execute();
  return trx
    .selectFrom("store_credit_ledger")
    .selectAll()
    .where("idempotency_key", "=", credit.idempotencyKey)
    .executeTakeFirstOrThrow();
}

export interface IssueStoreCreditOptions {
  readonly actor: Actor;
  readonly now: Date;
  readonly orderId: string;
  readonly amount: number;
  readonly reason: string;
  readonly idempotencyKey: string;
}

export const MONEY_ACCESS = { shopper: false, roles: ["agent", "admin"] } as const;

export function checkIdempotencyKey(key: string): string {
  const trimmed = key.trim();
  if (!/^[\w.:-]{8,200}$/.test(trimmed)) {
    throw new AppError(
      "VALIDATION",
      "An idempotency key of 8 to 200 letters, digits, '-', '_', '.' or ':' is required.",
      {
        field: "idempotencyKey",
      },
    );
  }
  return trimmed;
}

/** Credit an agent grants on an order (goodwill, a delay…), to the order's email address. */
export async function issueStoreCredit(
  db: Db,
  options: IssueStoreCreditOptions,
): Promise<{ entry: LedgerEntry; replayed: boolean }> {
  const key = `manual:${checkIdempotencyKey(options.idempotencyKey)}`;
  const reason = options.reason.trim();
  if (!reason) throw new AppError("VALIDATION", "Say why the credit is given.", { field: "reason" });
  return db.transaction().execute(async (trx) => {
    await lockOrder(trx, options.orderId);
    const loaded = await loadOrderById(trx, options.orderId);
    assertOrderAccess(options.actor, loaded.order, MONEY_ACCESS);
    const before = await trx
      .selectFrom("store_credit_ledger")
      .selectAll()
      .where("idempotency_key", "=", key)
      .executeTakeFirst();
    if (before) {
      if (before.source_id !== loaded.order.id || before.amount !== options.amount) {
        throw new AppError("CONFLICT", "This idempotency key was already used for a different credit.", {
          entryId: before.id,
        });
      }
      return { entry: before, replayed: true };
    }
    const entry = await creditLedger(
      trx,
      options.actor,
      {
        brandId: loaded.order.brand_id,
        customerId: loaded.order.customer_id,
        email: loaded.order.email,
        amount: options.amount,
        currency: loaded.order.currency,
        reason,
        sourceType: "order",
        sourceId: loaded.order.id,
        idempotencyKey: key,
      },
      options.now,
    );
    await recordAudit(
      trx,
      options.actor,
      {
        brandId: loaded.order.brand_id,
        action: "store_credit.issued",
        entityType: "store_credit",
        entityId: entry.id,
        after: { orderId: loaded.order.id, amount: entry.amount, currency: entry.currency, reason },
      },
      options.now,
    );
    await emitEvent(
      trx,
      {
        brandId: loaded.order.brand_id,
        type: "store_credit.issued",
        aggregateType: "order",
        aggregateId: loaded.order.id,
        payload: { email: entry.email, amount: entry.amount, currency: entry.currency, reason },
      },
      options.now,
    );
    return { entry, replayed: false };
  });
}
