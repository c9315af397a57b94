// Reads a stored order with its lines and payment, and turns it into the engine's view of an order,
// judged by the policy version in force when the order was placed.

import type { Db } from "../../db/database.ts";
import { preparedQuery } from "../../db/prepared.ts";
import type { Order as StoredOrder } from "../../db/schema.ts";
import type { Policy } from "../../domain/policy/schema.ts";
import type { Order as PolicyOrder } from "../../domain/scenario.ts";
import { policyOfBrand } from "../brands/get-brand-policy.ts";
import { notFound } from "../kernel/errors.ts";

export interface LoadedOrder {
  readonly order: StoredOrder;
  readonly brandSlug: string;
  /** The order as the policy engine reads it; line ids are the store's own line keys. */
  readonly policyOrder: PolicyOrder;
  /** Store row id of each line, by line key. */
  readonly lineIds: ReadonlyMap<string, string>;
  readonly policy: Policy;
  readonly policyVersion: number;
}

// Quotes and requests read every order this way; compiled once (see db/prepared.ts). The order comes
// with its brand's slug in one read, and the reads that follow do not depend on each other, so they are
// issued together (on PostgreSQL they run side by side on the pool).
const orderWithBrand = preparedQuery((db, id: string) =>
  db
    .selectFrom("orders")
    .innerJoin("brands", "brands.id", "orders.brand_id")
    .selectAll("orders")
    .select("brands.slug as brand_slug")
    .where("orders.id", "=", id),
);
const linesOf = preparedQuery((db, orderId: string) =>
  db.selectFrom("order_lines").selectAll().where("order_id", "=", orderId).orderBy("position"),
);
// Payments are few per order: all are read and the first picked by firstPayment (a LIMIT on an ordered
// read costs SQLite a sort step per call).
const paymentsOf = preparedQuery((db, orderId: string) =>
  db.selectFrom("payments").select(["method", "cleared", "created_at"]).where("order_id", "=", orderId),
);

/** The payment recorded first (the one the order was placed with). */
export function firstPayment<P extends { readonly created_at: string }>(
  payments: readonly P[],
): P | undefined {
  let first: P | undefined;
  for (const p of payments) if (!first || p.created_at < first.created_at) first = p;
  return first;
}

async function assemble(db: Db, order: StoredOrder, brandSlug: string): Promise<LoadedOrder> {
  const [lines, payments, brandPolicy] = await Promise.all([
    linesOf(db, order.id),
    paymentsOf(db, order.id),
    policyOfBrand(db, order.brand_id, order.placed_at),
  ]);
  const payment = firstPayment(payments);
  if (!brandPolicy) throw notFound("policy of brand", brandSlug);
  const { policy, version } = brandPolicy;
  const policyOrder: PolicyOrder = {
    number: order.number,
    placedAt: order.placed_at,
    currency: order.currency,
    shippingCountry: order.shipping_country ?? undefined,
    payment: { method: payment?.method ?? "other", cleared: payment ? payment.cleared === 1 : true },
    shippingCharged: order.shipping_charged,
    discountTotal: order.discount_total,
    status: order.status,
    dispatchedAt: order.dispatched_at,
    deliveredAt: order.delivered_at,
    lines: lines.map((l) => ({
      id: l.line_key,
      sku: l.sku,
      title: l.title,
      category: l.category,
      unitPrice: l.unit_price,
      quantity: l.quantity,
      returnedQuantity: l.returned_quantity,
      finalSale: l.final_sale === 1,
      onSale: l.on_sale === 1,
    })),
  };
  return {
    order,
    brandSlug,
    policyOrder,
    lineIds: new Map(lines.map((l) => [l.line_key, l.id])),
    policy,
    policyVersion: version,
  };
}

export async function loadOrderById(db: Db, orderId: string): Promise<LoadedOrder> {
  const [found] = await orderWithBrand(db, orderId);
  if (!found) throw notFound("order", orderId);
  const { brand_slug, ...order } = found;
  return assemble(db, order, brand_slug);
}

export async function loadOrderByNumber(db: Db, brandSlug: string, number: string): Promise<LoadedOrder> {
  const found = await db
    .selectFrom("orders")
    .innerJoin("brands", "brands.id", "orders.brand_id")
    .selectAll("orders")
    .select("brands.slug as brand_slug")
    .where("brands.slug", "=", brandSlug)
    .where("orders.number", "=", number)
    .executeTakeFirst();
  if (!found) throw notFound("order", `${brandSlug}/${number}`);
  const { brand_slug, ...order } = found;
  return assemble(db, order, brand_slug);
}
