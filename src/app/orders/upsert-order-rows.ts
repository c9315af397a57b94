// The batch plumbing of upsertOrders: reads for a whole batch of orders at once, fingerprints, and the
// mapping from an order input to rows (an import sends thousands of orders per call).
import { hash } from "node:crypto";
import type { Insertable } from "kysely";
import { type Db, newId } from "../../db/database.ts";
import type { Brand, CustomersTable, Order, OrderLine, Payment, Shipment } from "../../db/schema.ts";
import type { OrderStatus } from "../../domain/scenario.ts";
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

/** An order as the first, narrow read of a batch sees it: enough to tell an unchanged re-send. */
export type Seen = Pick<Order, "id" | "number" | "status" | "updated_at" | "fingerprint">;

/**
 * The fingerprint of an order input: the validated input (zod gives its keys in schema order and
 * drops unknown ones, so the same order sent with keys in another order hashes the same), under a
 * scheme version to bump whenever the way an input becomes rows changes. An input read from one line
 * of a file (readFromLine) hashes as that line instead, which saves writing the input out again on
 * every line of an import: the same line read again gives the same input, since validation depends on
 * nothing but the text and the brand. The same order sent in another form then compares field by
 * field, is found unchanged, and its fingerprint is replaced.
 */
export function inputHash(input: TOrderInput): string {
  // crypto.hash (Node 20.12+) is the one-shot form of createHash().update().digest(): the same
  // digest without a Hash object per order.
  return lineHashes.get(input) ?? hash("sha256", `v1\u0000${JSON.stringify(input)}`, "base64url");
}

const lineHashes = new WeakMap<TOrderInput, string>();

/** Marks an input as read from this line of a file: inputHash then hashes the line (see there). */
export function readFromLine(input: TOrderInput, line: string): void {
  lineHashes.set(input, hash("sha256", `v1\u0000line\u0000${input.brand}\u0000${line}`, "base64url"));
}

/**
 * The stored form: the hash plus the updated_at it was written with. Any other writer that touches
 * the order (amendments, tracking, cancellations) moves updated_at, so the fingerprint stops matching
 * and the next upsert compares field by field again.
 */
export const fingerprintOf = (hash: string, updatedAt: string): string => `${hash} ${updatedAt}`;

/** The orders of a brand among these numbers, by number: one narrow indexed read per chunk. */
export async function loadSeen(
  trx: Db,
  brandId: string,
  numbers: readonly string[],
): Promise<Map<string, Seen>> {
  const found = new Map<string, Seen>();
  for (const part of chunks(numbers, INSERT_ROWS)) {
    const rows = await trx
      .selectFrom("orders")
      .select(["id", "number", "status", "updated_at", "fingerprint"])
      .where("brand_id", "=", brandId)
      .where("number", "in", part)
      .execute();
    for (const row of rows) found.set(row.number, row);
  }
  return found;
}

/** Orders with their lines, payment and shipments, by order id: read only for orders that changed. */
export async function loadExisting(trx: Db, ids: readonly string[]): Promise<Map<string, Existing>> {
  const found = new Map<string, Existing>();
  for (const part of chunks(ids, INSERT_ROWS)) {
    const [orders, lines, payments, shipments] = await Promise.all([
      trx.selectFrom("orders").selectAll().where("id", "in", part).execute(),
      trx.selectFrom("order_lines").selectAll().where("order_id", "in", part).orderBy("position").execute(),
      trx.selectFrom("payments").selectAll().where("order_id", "in", part).orderBy("created_at").execute(),
      trx.selectFrom("shipments").selectAll().where("order_id", "in", part).orderBy("created_at").execute(),
    ]);
    for (const order of orders) found.set(order.id, { order, lines: [], payment: undefined, shipments: [] });
    for (const line of lines) found.get(line.order_id)?.lines.push(line);
    for (const shipment of shipments) found.get(shipment.order_id)?.shipments.push(shipment);
    // An order has one payment row; the earliest wins should a second ever appear.
    for (const payment of payments) {
      const entry = found.get(payment.order_id);
      if (entry && !entry.payment) found.set(payment.order_id, { ...entry, payment });
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

const customerKey = (brandId: string, email: string) => `${brandId}\u0000${email}`;

/** A new customer row for the shopper of this order input. */
function customerRow(brandId: string, input: TOrderInput, stamp: string): Insertable<CustomersTable> {
  return {
    id: newId(),
    brand_id: brandId,
    email: input.email,
    name: input.customerName ?? input.shippingAddress.name ?? null,
    phone: input.phone ?? null,
    created_at: stamp,
    updated_at: stamp,
  };
}

/** Reads the ids of stored customers into `ids`, by brand id + NUL + email. */
async function readCustomerIds(
  db: Db,
  byBrand: ReadonlyMap<string, readonly string[]>,
  ids: Map<string, string>,
): Promise<void> {
  for (const [brandId, emails] of byBrand) {
    for (const part of chunks(emails, INSERT_ROWS)) {
      const rows = await db
        .selectFrom("customers")
        .select(["id", "email"])
        .where("brand_id", "=", brandId)
        .where("email", "in", part)
        .execute();
      for (const row of rows) ids.set(customerKey(brandId, row.email), row.id);
    }
  }
}

/** Customer ids by brand + email, creating the customers a batch needs and does not have yet. */
export async function customersFor(
  trx: Db,
  pending: readonly {
    readonly brand: { readonly id: string };
    readonly input: TOrderInput;
    readonly existing: Existing | undefined;
  }[],
  stamp: string,
): Promise<Map<string, string>> {
  const key = customerKey;
  const wanted = new Map<string, { brandId: string; input: TOrderInput }>();
  for (const p of pending) {
    // An existing order whose email is unchanged keeps its customer: no lookup needed.
    if (p.existing && p.existing.order.email === p.input.email) continue;
    wanted.set(key(p.brand.id, p.input.email), { brandId: p.brand.id, input: p.input });
  }
  const ids = new Map<string, string>();
  if (!wanted.size) return ids;
  // Insert first and read back only the conflicts: on a first import every customer is new, so one
  // statement per chunk replaces a read, an insert and a second read. An existing customer is left as
  // it is (the conflict does nothing) and its id is read below.
  const entries = [...wanted.values()];
  for (const part of chunks(entries, INSERT_ROWS)) {
    const created = await trx
      .insertInto("customers")
      .values(part.map(({ brandId, input }) => customerRow(brandId, input, stamp)))
      .onConflict((oc) => oc.columns(["brand_id", "email"]).doNothing())
      .returning(["id", "brand_id", "email"])
      .execute();
    for (const row of created) ids.set(key(row.brand_id, row.email), row.id);
  }
  const byBrand = new Map<string, string[]>();
  for (const { brandId, input } of entries) {
    if (ids.has(key(brandId, input.email))) continue;
    const emails = byBrand.get(brandId);
    if (emails) emails.push(input.email);
    else byBrand.set(brandId, [input.email]);
  }
  await readCustomerIds(trx, byBrand, ids);
  return ids;
}

/**
 * customersFor without writing: the batch's customers already stored are read, and the others get
 * an id here and a row to insert with the batch's other rows (an import's write-behind); one an
 * earlier batch still being stored will create keeps the id planned there. A customer stored by
 * someone else in between makes that insert fail, and one whose earlier batch failed makes the order
 * insert fail (its customer does not exist): the batch is then run again the usual way.
 */
export async function plannedCustomers(
  db: Db,
  pending: readonly { readonly brand: { readonly id: string }; readonly input: TOrderInput }[],
  stamp: string,
  /** Customers an earlier batch, not yet stored, will create: brand id + NUL + email → id. */
  planned: ReadonlyMap<string, string> = new Map(),
): Promise<{ ids: Map<string, string>; inserts: Insertable<CustomersTable>[] }> {
  const key = customerKey;
  const wanted = new Map<string, { brandId: string; input: TOrderInput }>();
  const byBrand = new Map<string, string[]>();
  const ids = new Map<string, string>();
  for (const p of pending) {
    const k = key(p.brand.id, p.input.email);
    if (wanted.has(k) || ids.has(k)) continue;
    const earlier = planned.get(k);
    if (earlier !== undefined) {
      ids.set(k, earlier);
      continue;
    }
    wanted.set(k, { brandId: p.brand.id, input: p.input });
    const emails = byBrand.get(p.brand.id);
    if (emails) emails.push(p.input.email);
    else byBrand.set(p.brand.id, [p.input.email]);
  }
  await readCustomerIds(db, byBrand, ids);
  const inserts: Insertable<CustomersTable>[] = [];
  for (const [k, { brandId, input }] of wanted) {
    if (ids.has(k)) continue;
    const row = customerRow(brandId, input, stamp);
    ids.set(k, row.id);
    inserts.push(row);
  }
  return { ids, inserts };
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
