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

// Quotes and requests read every order this way; compiled once (see db/prepared.ts).
const brandSlugOf = preparedQuery((db, id: string) =>
  db.selectFrom("brands").select(["slug"]).where("id", "=", id),
);
const linesOf = preparedQuery((db, orderId: string) =>
  db.selectFrom("order_lines").selectAll().where("order_id", "=", orderId).orderBy("position"),
);
const paymentOf = preparedQuery((db, orderId: string) =>
  db.selectFrom("payments").selectAll().where("order_id", "=", orderId).orderBy("created_at").limit(1),
);
const orderById = preparedQuery((db, id: string) => db.selectFrom("orders").selectAll().where("id", "=", id));

async function assemble(db: Db, order: StoredOrder): Promise<LoadedOrder> {
  const [brand] = await brandSlugOf(db, order.brand_id);
  if (!brand) throw notFound("brand", order.brand_id);
  const lines = await linesOf(db, order.id);
  const [payment] = await paymentOf(db, order.id);
  const brandPolicy = await policyOfBrand(db, order.brand_id, order.placed_at);
  if (!brandPolicy) throw notFound("policy of brand", brand.slug);
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
    brandSlug: brand.slug,
    policyOrder,
    lineIds: new Map(lines.map((l) => [l.line_key, l.id])),
    policy,
    policyVersion: version,
  };
}

export async function loadOrderById(db: Db, orderId: string): Promise<LoadedOrder> {
  const [order] = await orderById(db, orderId);
  if (!order) throw notFound("order", orderId);
  return assemble(db, order);
}

export async function loadOrderByNumber(db: Db, brandSlug: string, number: string): Promise<LoadedOrder> {
  const order = await db
    .selectFrom("orders")
    .innerJoin("brands", "brands.id", "orders.brand_id")
    .selectAll("orders")
    .where("brands.slug", "=", brandSlug)
    .where("orders.number", "=", number)
    .executeTakeFirst();
  if (!order) throw notFound("order", `${brandSlug}/${number}`);
  return assemble(db, order);
}
