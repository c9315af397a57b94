// Typed seed helpers for the claim, discount and customs tests: the example brands with their real
// policy files, orders written straight into the store, and tiny but genuine image files.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Db } from "../db/database.ts";
import { newId } from "../db/database.ts";
import type { OrderStatus, PaymentMethod } from "../db/schema.ts";
import type { Actor, StaffRole } from "./actor.ts";
import { addBrand } from "./add-brand.ts";

export type ExampleBrand = "castella" | "kallesia";

export async function seedExampleBrand(db: Db, slug: ExampleBrand) {
  const file = fileURLToPath(new URL(`../../brands/${slug}/policy.yaml`, import.meta.url));
  const { brand } = await addBrand(db, {
    slug,
    name: slug === "castella" ? "Castélla" : "Kallesia",
    policy: { text: readFileSync(file, "utf8"), source: `brands/${slug}/policy.yaml` },
    now: new Date("2025-01-01T00:00:00Z"),
  });
  return brand;
}

export interface ClaimSeedLine {
  readonly key: string;
  readonly title?: string;
  readonly category?: string;
  readonly unitPrice: number;
  readonly quantity?: number;
  readonly finalSale?: boolean;
  readonly onSale?: boolean;
}

export interface ClaimSeedOrder {
  readonly brandId: string;
  readonly currency: string;
  readonly status: OrderStatus;
  readonly placedAt: string;
  readonly dispatchedAt?: string | null;
  readonly deliveredAt?: string | null;
  readonly shippingCharged?: number;
  readonly payment?: PaymentMethod;
  readonly lines: readonly ClaimSeedLine[];
}

export interface SeededClaimOrder {
  readonly orderId: string;
  readonly brandId: string;
  readonly number: string;
  readonly email: string;
  readonly total: number;
}

let seq = 0;

export async function seedClaimOrder(db: Db, seed: ClaimSeedOrder): Promise<SeededClaimOrder> {
  seq += 1;
  const orderId = newId();
  const number = `CL-${seq}-${orderId.slice(0, 6)}`;
  const email = `claimant${seq}@example.com`;
  const subtotal = seed.lines.reduce((s, l) => s + l.unitPrice * (l.quantity ?? 1), 0);
  const shipping = seed.shippingCharged ?? 0;
  const total = subtotal + shipping;
  await db
    .insertInto("orders")
    .values({
      id: orderId,
      brand_id: seed.brandId,
      customer_id: null,
      number,
      email,
      phone: null,
      shipping_country: "GB",
      status: seed.status,
      currency: seed.currency,
      subtotal,
      shipping_charged: shipping,
      total,
      policy_version: 1,
      placed_at: seed.placedAt,
      dispatched_at: seed.dispatchedAt ?? null,
      delivered_at: seed.deliveredAt ?? null,
      cancelled_at: null,
      external_id: null,
      created_at: seed.placedAt,
      updated_at: seed.placedAt,
    })
    .execute();
  for (const [position, line] of seed.lines.entries()) {
    await db
      .insertInto("order_lines")
      .values({
        id: newId(),
        order_id: orderId,
        line_key: line.key,
        position,
        sku: `SKU-${line.key}`,
        title: line.title ?? `Item ${line.key}`,
        category: line.category ?? "dresses",
        unit_price: line.unitPrice,
        quantity: line.quantity ?? 1,
        final_sale: line.finalSale ? 1 : 0,
        on_sale: line.onSale ? 1 : 0,
      })
      .execute();
  }
  await db
    .insertInto("payments")
    .values({
      id: newId(),
      order_id: orderId,
      method: seed.payment ?? "card",
      amount: total,
      currency: seed.currency,
      cleared: 1,
      cleared_at: seed.placedAt,
      reference: null,
      created_at: seed.placedAt,
    })
    .execute();
  return { orderId, brandId: seed.brandId, number, email, total };
}

export function staffActor(role: StaffRole, brandId: string | null = null): Actor {
  return { type: "staff", id: `${role}-user`, role, brandId };
}

export function shopperActor(order: SeededClaimOrder): Actor {
  return { type: "shopper", orderId: order.orderId, brandId: order.brandId, email: order.email };
}

/** The first bytes of real image files: enough for content sniffing, which is all the store checks. */
export const IMAGE_BYTES = {
  jpeg: Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
  png: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
  gif: new TextEncoder().encode("GIF89a\u0001\u0000\u0001\u0000"),
  webp: new TextEncoder().encode("RIFF\u0024\u0000\u0000\u0000WEBPVP8 "),
  heic: Uint8Array.from([0, 0, 0, 0x18, ...new TextEncoder().encode("ftypheic"), 0, 0, 0, 0]),
} as const;
