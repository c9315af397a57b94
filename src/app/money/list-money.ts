// The console's money pages: refunds with their state (e-cheques waiting to clear show as
// pending_clearance) and the store-credit ledger, each row with who did it and when. Staff tied to one
// brand see that brand only.
import type { Db } from "../../db/database.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError } from "../kernel/errors.ts";

export interface RefundRow {
  readonly id: string;
  readonly brandId: string;
  readonly orderNumber: string;
  readonly email: string;
  readonly kind: string;
  readonly method: string;
  readonly amount: number;
  readonly currency: string;
  readonly reason: string | null;
  readonly status: string;
  readonly issuedBy: string | null;
  readonly createdAt: string;
  readonly completedAt: string | null;
  readonly rmaNumber: string | null;
}

export interface LedgerRow {
  readonly id: string;
  readonly brandId: string;
  readonly email: string;
  readonly amount: number;
  readonly currency: string;
  readonly reason: string;
  readonly source: string | null;
  readonly actor: string | null;
  readonly createdAt: string;
}

function brandScope(actor: Actor): string | null {
  if (actor.type === "system") return null;
  if (actor.type !== "staff" || !(actor.role === "admin" || actor.role === "agent")) {
    throw new AppError("FORBIDDEN", "Only agents and admins see refunds and store credit.");
  }
  return actor.brandId;
}

export async function listRefunds(
  db: Db,
  options: { actor: Actor; status?: string | undefined; limit?: number | undefined },
): Promise<RefundRow[]> {
  const brandId = brandScope(options.actor);
  let query = db
    .selectFrom("refunds")
    .innerJoin("orders", "orders.id", "refunds.order_id")
    .leftJoin("returns", "returns.id", "refunds.return_id")
    .select([
      "refunds.id",
      "refunds.brand_id",
      "orders.number",
      "orders.email",
      "refunds.kind",
      "refunds.method",
      "refunds.amount",
      "refunds.currency",
      "refunds.reason",
      "refunds.status",
      "refunds.issued_by",
      "refunds.created_at",
      "refunds.completed_at",
      "returns.rma_number",
    ])
    .orderBy("refunds.created_at", "desc")
    .limit(Math.min(Math.max(options.limit ?? 100, 1), 500));
  if (brandId !== null) query = query.where("refunds.brand_id", "=", brandId);
  if (options.status) query = query.where("refunds.status", "=", options.status);
  return (await query.execute()).map((r) => ({
    id: r.id,
    brandId: r.brand_id,
    orderNumber: r.number,
    email: r.email,
    kind: r.kind,
    method: r.method,
    amount: r.amount,
    currency: r.currency,
    reason: r.reason,
    status: r.status,
    issuedBy: r.issued_by,
    createdAt: r.created_at,
    completedAt: r.completed_at,
    rmaNumber: r.rma_number ?? null,
  }));
}

/** Ledger rows, newest first; with `email`, one shopper's rows and their balance per currency. */
export async function listStoreCredit(
  db: Db,
  options: { actor: Actor; email?: string | undefined; limit?: number | undefined },
): Promise<{ rows: LedgerRow[]; balances: { currency: string; amount: number }[] }> {
  const brandId = brandScope(options.actor);
  let query = db
    .selectFrom("store_credit_ledger")
    .selectAll()
    .orderBy("created_at", "desc")
    .limit(Math.min(Math.max(options.limit ?? 100, 1), 500));
  if (brandId !== null) query = query.where("brand_id", "=", brandId);
  if (options.email) query = query.where("email", "=", options.email.trim().toLowerCase());
  const rows = (await query.execute()).map((r) => ({
    id: r.id,
    brandId: r.brand_id,
    email: r.email,
    amount: r.amount,
    currency: r.currency,
    reason: r.reason,
    source: r.source_type ? `${r.source_type}${r.source_id ? ` ${r.source_id}` : ""}` : null,
    actor: r.actor,
    createdAt: r.created_at,
  }));
  const balances = new Map<string, number>();
  if (options.email)
    for (const r of rows) balances.set(r.currency, (balances.get(r.currency) ?? 0) + r.amount);
  return { rows, balances: [...balances].map(([currency, amount]) => ({ currency, amount })) };
}
