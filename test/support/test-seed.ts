// Typed seed helpers for use-case tests: the example brands with their real policy files, and orders
// inserted straight into the store (the order upsert use case is tested on its own). The claim and
// authentication helpers build on these.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { addBrand } from "../../src/app/brands/add-brand.ts";
import type { Actor, StaffRole } from "../../src/app/kernel/actor.ts";
import type { Db } from "../../src/db/database.ts";
import { newId } from "../../src/db/database.ts";
import type { OrderStatus, PaymentMethod } from "../../src/db/schema.ts";

export async function seedBrand(db: Db, slug: "castella" | "kallesia", settings?: Record<string, unknown>) {
  const file = fileURLToPath(new URL(`../../brands/${slug}/policy.yaml`, import.meta.url));
  const { brand } = await addBrand(db, {
    slug,
    name: slug === "castella" ? "Castélla" : "Kallesia",
    policy: { text: readFileSync(file, "utf8"), source: `brands/${slug}/policy.yaml` },
    settings,
    now: new Date("2025-01-01T00:00:00Z"),
  });
  return brand;
}

export interface SeedLine {
  readonly key: string;
  readonly sku?: string;
  readonly title?: string;
  readonly category?: string;
  readonly unitPrice: number;
  readonly quantity?: number;
  readonly finalSale?: boolean;
  readonly onSale?: boolean;
}

/** Where the order ships: contact phone, the address as stored, and its country code. */
export interface SeedShipTo {
  readonly phone: string | null;
  readonly address: Readonly<Record<string, string>>;
  readonly country: string;
}

const NEW_YORK: SeedShipTo = {
  phone: "+1 212 555 0100",
  address: { line1: "1 Test Street", city: "New York", country: "US" },
  country: "US",
};

export interface SeedOrder {
  readonly brandId: string;
  readonly currency: string;
  readonly number?: string;
  readonly email?: string;
  readonly status: OrderStatus;
  readonly placedAt: string;
  readonly dispatchedAt?: string | null;
  readonly deliveredAt?: string | null;
  readonly shippingCharged?: number;
  readonly discountTotal?: number;
  /** Defaults to a New York address with a phone number. */
  readonly shipTo?: SeedShipTo;
  /** Defaults to 1; null leaves the order without a policy version. */
  readonly policyVersion?: number | null;
  /** Defaults to a cleared card payment; null writes no payment row at all. */
  readonly payment?: { readonly method: PaymentMethod; readonly cleared: boolean } | null;
  readonly lines: readonly SeedLine[];
}

export interface SeededOrder {
  readonly orderId: string;
  readonly number: string;
  readonly email: string;
  readonly total: number;
  /** Store row id by line key. */
  readonly lineIds: ReadonlyMap<string, string>;
}

let counter = 0;

export async function seedOrder(db: Db, seed: SeedOrder): Promise<SeededOrder> {
  counter += 1;
  const orderId = newId();
  const number = seed.number ?? `T-${Date.now().toString(36)}-${counter}`;
  const email = seed.email ?? `shopper${counter}@example.com`;
  const subtotal = seed.lines.reduce((s, l) => s + l.unitPrice * (l.quantity ?? 1), 0);
  const shipping = seed.shippingCharged ?? 0;
  const discount = seed.discountTotal ?? 0;
  const total = subtotal + shipping - discount;
  const at = seed.placedAt;
  const shipTo = seed.shipTo ?? NEW_YORK;
  await db
    .insertInto("orders")
    .values({
      id: orderId,
      brand_id: seed.brandId,
      customer_id: null,
      number,
      email,
      phone: shipTo.phone,
      shipping_address: JSON.stringify(shipTo.address),
      shipping_country: shipTo.country,
      status: seed.status,
      currency: seed.currency,
      subtotal,
      shipping_charged: shipping,
      discount_total: discount,
      total,
      policy_version: seed.policyVersion === undefined ? 1 : seed.policyVersion,
      placed_at: at,
      dispatched_at: seed.dispatchedAt ?? null,
      delivered_at: seed.deliveredAt ?? null,
      cancelled_at: null,
      external_id: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const lineIds = new Map<string, string>();
  for (const [position, line] of seed.lines.entries()) {
    const id = newId();
    lineIds.set(line.key, id);
    await db
      .insertInto("order_lines")
      .values({
        id,
        order_id: orderId,
        line_key: line.key,
        position,
        sku: line.sku ?? `SKU-${line.key}`,
        title: line.title ?? `Item ${line.key}`,
        category: line.category ?? "dresses",
        unit_price: line.unitPrice,
        quantity: line.quantity ?? 1,
        final_sale: line.finalSale ? 1 : 0,
        on_sale: line.onSale ? 1 : 0,
      })
      .execute();
  }
  const payment = seed.payment === undefined ? { method: "card" as const, cleared: true } : seed.payment;
  if (payment) {
    await db
      .insertInto("payments")
      .values({
        id: newId(),
        order_id: orderId,
        method: payment.method,
        amount: total,
        currency: seed.currency,
        cleared: payment.cleared ? 1 : 0,
        cleared_at: payment.cleared ? at : null,
        reference: null,
        created_at: at,
      })
      .execute();
  }
  return { orderId, number, email, total, lineIds };
}

export function staff(role: StaffRole, brandId: string | null = null, id = `${role}-1`): Actor {
  return { type: "staff", id, role, brandId };
}

export function shopperOf(order: SeededOrder, brandId: string): Actor {
  return { type: "shopper", orderId: order.orderId, brandId, email: order.email };
}

/** A delivered Castélla order: a dress, a bralette (never returnable) and paid shipping. */
export function castellaDelivered(brandId: string): SeedOrder {
  return {
    brandId,
    currency: "USD",
    status: "delivered",
    placedAt: "2026-03-01T10:00:00.000Z",
    dispatchedAt: "2026-03-02T09:00:00.000Z",
    deliveredAt: "2026-03-05T12:00:00.000Z",
    shippingCharged: 800,
    lines: [
      { key: "1", sku: "DR-22", title: "Linen dress", category: "dresses", unitPrice: 12000 },
      { key: "2", sku: "BR-07", title: "Lace bralette", category: "undergarments", unitPrice: 4000 },
    ],
  };
}

export const GOOD_CONDITION = {
  tagsAttached: true,
  worn: false,
  washed: false,
  perfumeResidue: false,
  originalPackaging: true,
} as const;

export const CASTELLA_NOW = new Date("2026-03-12T15:00:00.000Z");

/** A Castélla dress return taken through start, receipt and inspection: ready to refund. */
export async function inspectedCastellaReturn(db: Db, brandId: string, seed?: Partial<SeedOrder>) {
  const { startReturn } = await import("../../src/app/returns/start-return.ts");
  const { receiveReturn } = await import("../../src/app/returns/receive-return.ts");
  const { inspectReturn } = await import("../../src/app/returns/inspect-return.ts");
  const order = await seedOrder(db, { ...castellaDelivered(brandId), ...seed });
  const started = await startReturn(db, {
    actor: shopperOf(order, brandId),
    now: CASTELLA_NOW,
    orderId: order.orderId,
    kind: "return",
    items: [{ lineId: "1", quantity: 1, reason: "changed_mind", condition: GOOD_CONDITION }],
  });
  await receiveReturn(db, { actor: staff("warehouse"), now: CASTELLA_NOW, returnId: started.return.id });
  const [lineId] = started.authorizedLineIds;
  const inspected = await inspectReturn(db, {
    actor: staff("warehouse"),
    now: CASTELLA_NOW,
    returnId: started.return.id,
    lines: [{ returnLineId: lineId ?? "", condition: GOOD_CONDITION }],
  });
  return { order, returnId: started.return.id, inspected };
}
