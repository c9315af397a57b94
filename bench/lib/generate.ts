// The benchmark's data: N orders across the two example brands as JSON Lines in Aftercare's order shape
// (1–5 lines each, every order status, shipments with tracking for dispatched and delivered orders),
// written a slice at a time so the generator never holds the file. Deterministic for a given N and
// moment, so the Aftercare run and its floor read exactly the same bytes.

import { once } from "node:events";
import { createWriteStream } from "node:fs";

export const BRANDS = [
  { slug: "castella", prefix: "CB", currency: "USD", countries: ["US", "CA", "MX", "US"] },
  { slug: "kallesia", prefix: "KB", currency: "GBP", countries: ["GB", "FR", "TR", "GB"] },
] as const;

const CATEGORIES = ["dresses", "tops", "skirts", "knitwear", "undergarments", "accessories", "swimwear"];
const STATUSES = ["placed", "dispatched", "delivered", "delivered", "delivered", "cancelled"] as const;
const DAY = 86_400_000;

/** A small deterministic generator (mulberry32), so runs are comparable. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function orderNumber(i: number): { brand: (typeof BRANDS)[number]; number: string } {
  const brand = BRANDS[i % 2] ?? BRANDS[0];
  return { brand, number: `${brand.prefix}-${1_000_000 + i}` };
}

/** Order i as a plain object in the JSON Lines import shape. */
export function benchOrder(i: number, now: Date): Record<string, unknown> {
  const rnd = random(i * 2654435761);
  const { brand, number } = orderNumber(i);
  const status = STATUSES[i % STATUSES.length] ?? "placed";
  // Placed within the last 120 days, so some orders are inside their return window and some are not.
  const placed = new Date(now.getTime() - (1 + Math.floor(rnd() * 120)) * DAY - Math.floor(rnd() * DAY));
  const dispatched = new Date(placed.getTime() + DAY);
  const delivered = new Date(placed.getTime() + 4 * DAY);
  const lineCount = 1 + Math.floor(rnd() * 5);
  const lines = Array.from({ length: lineCount }, (_, k) => ({
    id: String(k + 1),
    sku: `SKU-${Math.floor(rnd() * 5000)}`,
    title: `Item ${Math.floor(rnd() * 900) + 100}`,
    category: CATEGORIES[Math.floor(rnd() * CATEGORIES.length)],
    unitPrice: 1500 + Math.floor(rnd() * 20000),
    quantity: 1 + Math.floor(rnd() * 2),
    finalSale: rnd() < 0.08,
    onSale: rnd() < 0.15,
  }));
  const moved = status === "dispatched" || status === "delivered";
  const country = brand.countries[i % brand.countries.length] ?? "GB";
  return {
    brand: brand.slug,
    number,
    email: `shopper${i % 400_000}@example.com`,
    customerName: `Shopper ${i % 400_000}`,
    shippingAddress: { name: `Shopper ${i % 400_000}`, line1: `${1 + (i % 300)} High Street`, country },
    shippingCountry: country,
    placedAt: placed.toISOString(),
    currency: brand.currency,
    status,
    dispatchedAt: moved ? dispatched.toISOString() : undefined,
    deliveredAt: status === "delivered" ? delivered.toISOString() : undefined,
    cancelledAt: status === "cancelled" ? new Date(placed.getTime() + 3_600_000).toISOString() : undefined,
    payment: { method: i % 13 === 0 ? "e_cheque" : i % 7 === 0 ? "paypal" : "card", cleared: i % 26 !== 0 },
    shippingCharged: i % 3 === 0 ? 0 : 495,
    lines,
    shipments: moved
      ? [
          {
            courier: "Parcelway",
            trackingNumber: `PW${String(100_000_000 + i)}`,
            dispatchedAt: dispatched.toISOString(),
          },
        ]
      : [],
  };
}

/** Writes orders 1..count to `file` as JSON Lines; the file's size in bytes. */
export async function writeOrders(file: string, count: number, now: Date): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  for (let from = 1; from <= count; from += 5000) {
    const parts: string[] = [];
    for (let i = from; i < Math.min(from + 5000, count + 1); i++)
      parts.push(JSON.stringify(benchOrder(i, now)));
    const chunk = `${parts.join("\n")}\n`;
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return bytes;
}
