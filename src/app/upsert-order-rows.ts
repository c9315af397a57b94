// The batch plumbing of upsertOrders: reads for a whole batch of orders at once, and the rows a batch
// inserts, written at the end with multi-row statements (an import sends hundreds of orders per call).
import type { Insertable } from "kysely";
import { type Db, newId } from "../db/database.ts";
import type { AuditLogTable, Brand, Order, OrderLine, OutboxTable, Payment, Shipment } from "../db/schema.ts";
import type { OrderStatus } from "../domain/scenario.ts";
import { type Actor, actorId } from "./actor.ts";
import { canonicalJson, orderTotals, type TOrderInput } from "./order-input.ts";
import type { ShipmentPlan } from "./record-shipment.ts";

export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Rows per multi-row insert, under both databases' limits on bound parameters. */
export const INSERT_ROWS = 400;

export interface Existing {
  readonly order: Order;
  readonly lines: OrderLine[];
  readonly payment: Payment | undefined;
  readonly shipments: Shipment[];
}

export async function loadExisting(
  trx: Db,
  brandId: string,
  numbers: string[],
): Promise<Map<string, Existing>> {
  const found = new Map<string, Existing>();
  for (const part of chunks(numbers, INSERT_ROWS)) {
    const orders = await trx
      .selectFrom("orders")
      .selectAll()
      .where("brand_id", "=", brandId)
      .where("number", "in", part)
      .execute();
    if (!orders.length) continue;
    const ids = orders.map((o) => o.id);
    const [lines, payments, shipments] = await Promise.all([
      trx.selectFrom("order_lines").selectAll().where("order_id", "in", ids).orderBy("position").execute(),
      trx.selectFrom("payments").selectAll().where("order_id", "in", ids).orderBy("created_at").execute(),
      trx.selectFrom("shipments").selectAll().where("order_id", "in", ids).orderBy("created_at").execute(),
    ]);
    for (const order of orders) {
      found.set(order.number, {
        order,
        lines: lines.filter((l) => l.order_id === order.id),
        payment: payments.find((p) => p.order_id === order.id),
        shipments: shipments.filter((s) => s.order_id === order.id),
      });
    }
  }
  return found;
}

/** A brand's policy versions, read once per batch instead of once per order. */
export type Versions = readonly { readonly version: number; readonly effective_from: string }[];

/**
 * The version in force at `placedAt`, by the rule of policyVersionAt (src/db/policy-versions.ts): the
 * latest to take effect at or before it, else the brand's first. Kept in step by a test.
 */
export function versionInForce(versions: Versions, placedAt: string): number | null {
  let best: Versions[number] | undefined;
  let first: Versions[number] | undefined;
  for (const v of versions) {
    if (!first || v.version < first.version) first = v;
    if (
      v.effective_from <= placedAt &&
      (!best ||
        v.effective_from > best.effective_from ||
        (v.effective_from === best.effective_from && v.version > best.version))
    )
      best = v;
  }
  return (best ?? first)?.version ?? null;
}

/** Customer ids by brand + email, creating the customers a batch needs and does not have yet. */
export async function customersFor(
  trx: Db,
  pending: readonly { readonly brand: { readonly id: string }; readonly input: TOrderInput }[],
  existing: Map<string, Map<string, Existing>>,
  stamp: string,
): Promise<Map<string, string>> {
  const key = (brandId: string, email: string) => `${brandId}\u0000${email}`;
  const wanted = new Map<string, { brandId: string; input: TOrderInput }>();
  for (const p of pending) {
    const found = existing.get(p.brand.id)?.get(p.input.number);
    // An existing order whose email is unchanged keeps its customer: no lookup needed.
    if (found && found.order.email === p.input.email) continue;
    wanted.set(key(p.brand.id, p.input.email), { brandId: p.brand.id, input: p.input });
  }
  const ids = new Map<string, string>();
  if (!wanted.size) return ids;
  const byBrand = new Map<string, string[]>();
  for (const { brandId, input } of wanted.values())
    byBrand.set(brandId, [...(byBrand.get(brandId) ?? []), input.email]);
  const readIds = async () => {
    for (const [brandId, emails] of byBrand) {
      for (const part of chunks(emails, INSERT_ROWS)) {
        const rows = await trx
          .selectFrom("customers")
          .select(["id", "email"])
          .where("brand_id", "=", brandId)
          .where("email", "in", part)
          .execute();
        for (const row of rows) ids.set(key(brandId, row.email), row.id);
      }
    }
  };
  await readIds();
  const missing = [...wanted.entries()].filter(([k]) => !ids.has(k));
  if (!missing.length) return ids;
  for (const part of chunks(missing, INSERT_ROWS)) {
    await trx
      .insertInto("customers")
      .values(
        part.map(([, { brandId, input }]) => ({
          id: newId(),
          brand_id: brandId,
          email: input.email,
          name: input.customerName ?? input.shippingAddress.name ?? null,
          phone: input.phone ?? null,
          created_at: stamp,
          updated_at: stamp,
        })),
      )
      .onConflict((oc) => oc.columns(["brand_id", "email"]).doNothing())
      .execute();
  }
  await readIds();
  return ids;
}

/** Rows a batch inserts, written at the end with multi-row statements. */
export class Writes {
  readonly orders: Insertable<Order>[] = [];
  readonly lines: Insertable<OrderLine>[] = [];
  readonly payments: Insertable<Payment>[] = [];
  readonly shipments: Insertable<Shipment>[] = [];
  readonly audit: Insertable<AuditLogTable>[] = [];
  readonly events: Insertable<OutboxTable>[] = [];

  audited(actor: Actor, stamp: string, entry: { brandId: string; action: string; id: string } & Changes) {
    this.audit.push({
      id: newId(),
      brand_id: entry.brandId,
      actor_type: actor.type,
      actor_id: actorId(actor),
      action: entry.action,
      entity_type: "order",
      entity_id: entry.id,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      request_id: null,
      created_at: stamp,
    });
  }

  emit(stamp: string, brandId: string, type: string, orderId: string, payload: unknown) {
    this.events.push({
      id: newId(),
      brand_id: brandId,
      event_type: type,
      aggregate_type: "order",
      aggregate_id: orderId,
      payload: JSON.stringify(payload),
      created_at: stamp,
      published_at: null,
      last_error: null,
    });
  }

  async flush(trx: Db): Promise<void> {
    // Parents first: lines, payments and shipments reference their order.
    for (const part of chunks(this.orders, INSERT_ROWS))
      await trx.insertInto("orders").values(part).execute();
    for (const part of chunks(this.lines, INSERT_ROWS))
      await trx.insertInto("order_lines").values(part).execute();
    for (const part of chunks(this.payments, INSERT_ROWS))
      await trx.insertInto("payments").values(part).execute();
    for (const part of chunks(this.shipments, INSERT_ROWS))
      await trx.insertInto("shipments").values(part).execute();
    for (const part of chunks(this.audit, INSERT_ROWS))
      await trx.insertInto("audit_log").values(part).execute();
    for (const part of chunks(this.events, INSERT_ROWS))
      await trx.insertInto("outbox").values(part).execute();
  }
}

interface Changes {
  readonly before?: unknown;
  readonly after?: unknown;
}

export const ORDER_FIELDS = [
  "customer_id",
  "email",
  "phone",
  "shipping_address",
  "shipping_country",
  "status",
  "currency",
  "subtotal",
  "shipping_charged",
  "discount_total",
  "tax_total",
  "total",
  "policy_version",
  "placed_at",
  "dispatched_at",
  "delivered_at",
  "cancelled_at",
  "external_id",
] as const;
export type OrderFields = Pick<Order, (typeof ORDER_FIELDS)[number]>;

export const LINE_FIELDS = [
  "position",
  "sku",
  "title",
  "category",
  "unit_price",
  "quantity",
  "returned_quantity",
  "final_sale",
  "on_sale",
] as const;
export type LineFields = Pick<OrderLine, (typeof LINE_FIELDS)[number]>;

export const PAYMENT_FIELDS = ["method", "amount", "currency", "cleared", "reference"] as const;
export type PaymentFields = Pick<Payment, (typeof PAYMENT_FIELDS)[number]>;

export function pick<T, K extends keyof T>(row: T, fields: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const f of fields) out[f] = row[f];
  return out;
}

export function changedFields<T>(before: T, after: T, fields: readonly (keyof T)[]): (keyof T)[] {
  return fields.filter((f) => before[f] !== after[f]);
}

export const iso = (value: string | null | undefined): string | null =>
  value ? new Date(value).toISOString() : null;

export function orderFieldsFrom(
  input: TOrderInput,
  status: OrderStatus,
  now: Date,
): Omit<OrderFields, "customer_id" | "policy_version"> {
  const { subtotal, total } = orderTotals(input);
  const stamp = now.toISOString();
  const shippedAt = input.shipments.map((s) => iso(s.dispatchedAt)).find((d) => d !== null) ?? null;
  const moved = status === "dispatched" || status === "delivered";
  return {
    email: input.email,
    phone: input.phone ?? null,
    shipping_address: canonicalJson(input.shippingAddress),
    shipping_country: input.shippingCountry ?? null,
    status,
    currency: input.currency,
    subtotal,
    shipping_charged: input.shippingCharged,
    discount_total: input.discountTotal,
    tax_total: input.taxTotal,
    total,
    placed_at: new Date(input.placedAt).toISOString(),
    // A store that reports a state without its date: the moment we learned it is the best record.
    dispatched_at: iso(input.dispatchedAt) ?? shippedAt ?? (moved ? stamp : null),
    delivered_at: iso(input.deliveredAt) ?? (status === "delivered" ? stamp : null),
    cancelled_at: iso(input.cancelledAt) ?? (status === "cancelled" ? stamp : null),
    external_id: input.externalId ?? null,
  };
}

export function lineFieldsFrom(input: TOrderInput): Map<string, LineFields> {
  return new Map(
    input.lines.map((l, position) => [
      l.id,
      {
        position,
        sku: l.sku,
        title: l.title,
        category: l.category,
        unit_price: l.unitPrice,
        quantity: l.quantity,
        returned_quantity: l.returnedQuantity,
        final_sale: l.finalSale ? 1 : 0,
        on_sale: l.onSale ? 1 : 0,
      },
    ]),
  );
}

export function paymentFieldsFrom(input: TOrderInput, total: number): PaymentFields {
  return {
    method: input.payment.method,
    amount: input.payment.amount ?? total,
    currency: input.currency,
    cleared: input.payment.cleared ? 1 : 0,
    reference: input.payment.reference ?? null,
  };
}

export function eventPayload(
  brand: Brand,
  orderId: string,
  fields: OrderFields,
  number: string,
  shipments: ShipmentPlan,
) {
  return {
    orderId,
    brand: brand.slug,
    number,
    email: fields.email,
    status: fields.status,
    placedAt: fields.placed_at,
    total: fields.total,
    currency: fields.currency,
    shipments: shipments.all,
  };
}
