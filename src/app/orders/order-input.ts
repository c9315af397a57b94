// An order as a store sends it to Aftercare (API, webhook, JSON Lines import): the one shape every
// order source is turned into before upsertOrder stores it. Money is in minor units, timestamps are
// ISO 8601 with an offset, line ids are the store's own line keys (the ids shoppers' requests name).
import { z } from "zod";
import { ORDER_STATUSES, type OrderStatus, PAYMENT_METHODS } from "../../domain/scenario.ts";
import type { Actor } from "../kernel/actor.ts";
import { AppError } from "../kernel/errors.ts";

const Instant = z.iso.datetime({
  offset: true,
  message: "expected an ISO 8601 date-time such as 2026-03-01T10:00:00Z",
});
const Email = z.email("expected the shopper's email address");
const Minor = z.number().int("expected an integer amount in minor units").min(0);
const Text = z.string().trim();

export const ZShippingAddress = z.object({
  name: Text.optional(),
  line1: Text.optional(),
  line2: Text.optional(),
  city: Text.optional(),
  region: Text.optional(),
  postalCode: Text.optional(),
  country: Text.optional(),
});

export const ZOrderLineInput = z.object({
  id: z.coerce.string().trim().min(1, "a line needs the store's line id"),
  sku: Text.default(""),
  title: Text.default(""),
  category: Text.toLowerCase().default(""),
  unitPrice: Minor,
  quantity: z.number().int().min(1),
  returnedQuantity: z.number().int().min(0).default(0),
  finalSale: z.boolean().default(false),
  onSale: z.boolean().default(false),
});

export const ZShipmentInput = z.object({
  courier: Text.min(1).optional(),
  trackingNumber: Text.min(1).optional(),
  trackingUrl: z.url().optional(),
  lastMileCourier: Text.min(1).optional(),
  lastMileTrackingNumber: Text.min(1).optional(),
  /** How to reach the last-mile courier (phone, email or web page), shown to the shopper. */
  lastMileContact: Text.min(1).optional(),
  dispatchedAt: Instant.optional(),
});
export type TShipmentInput = z.infer<typeof ZShipmentInput>;

export const ZOrderInput = z
  .object({
    brand: Text.min(1, "name the brand (its slug)"),
    number: z.coerce.string().trim().min(1),
    email: Text.toLowerCase().pipe(Email),
    phone: Text.min(1).nullish(),
    customerName: Text.min(1).nullish(),
    shippingAddress: ZShippingAddress.default({}),
    shippingCountry: Text.toUpperCase()
      .regex(/^[A-Z]{2}$/, "expected an ISO 3166 country code")
      .nullish(),
    placedAt: Instant,
    currency: z.string().regex(/^[A-Z]{3}$/, "expected an ISO 4217 currency code"),
    status: z.enum(ORDER_STATUSES).default("placed"),
    dispatchedAt: Instant.nullish(),
    deliveredAt: Instant.nullish(),
    cancelledAt: Instant.nullish(),
    lines: z.array(ZOrderLineInput).min(1, "an order needs at least one line"),
    payment: z.object({
      method: z.enum(PAYMENT_METHODS),
      cleared: z.boolean().default(true),
      /** What the shopper paid; defaults to the order total. */
      amount: Minor.optional(),
      reference: Text.min(1).optional(),
    }),
    shippingCharged: Minor.default(0),
    discountTotal: Minor.default(0),
    taxTotal: Minor.default(0),
    externalId: z.coerce.string().min(1).optional(),
    shipments: z.array(ZShipmentInput).default([]),
  })
  .superRefine((order, ctx) => {
    const keys = new Set<string>();
    order.lines.forEach((line, i) => {
      if (keys.has(line.id))
        ctx.addIssue({
          code: "custom",
          path: ["lines", i, "id"],
          message: `line id '${line.id}' is repeated`,
        });
      keys.add(line.id);
      if (line.returnedQuantity > line.quantity)
        ctx.addIssue({
          code: "custom",
          path: ["lines", i, "returnedQuantity"],
          message: "returnedQuantity cannot exceed quantity",
        });
    });
    const subtotal = order.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
    if (order.discountTotal > subtotal + order.shippingCharged)
      ctx.addIssue({
        code: "custom",
        path: ["discountTotal"],
        message: "the discount is larger than the order",
      });
    order.shipments.forEach((s, i) => {
      if (!s.trackingNumber && !trackingNumberFromUrl(s.trackingUrl))
        ctx.addIssue({
          code: "custom",
          path: ["shipments", i],
          message: "a shipment needs a tracking number, or a tracking URL with the 18-digit code after '='",
        });
    });
  });

export type TOrderInput = z.infer<typeof ZOrderInput>;

/**
 * The patterns zod tests date-times and email addresses with, taken from the schemas above so that
 * the import's fast reader (read-order-input.ts) accepts exactly the same strings.
 */
export const ORDER_INPUT_PATTERNS = {
  instant: patternOf(Instant),
  email: patternOf(Email),
};

function patternOf(schema: { readonly _zod: { readonly def: { readonly pattern?: RegExp } } }): RegExp {
  const pattern = schema._zod.def.pattern;
  if (!pattern) throw new Error("string format without a pattern");
  return pattern;
}

/** A zod error as one line: `lines.0.unitPrice: expected …; email: …`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const path = i.path.filter((k) => typeof k !== "symbol").join(".");
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join("; ");
}

/**
 * Couriers' tracking links carry the parcel's code as an 18-digit value after '=' (…?id=123…);
 * a store that only sends the link still gives us the number shoppers and agents quote.
 */
export function trackingNumberFromUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  const match = /=(\d{18})(?!\d)/.exec(url);
  return match?.[1];
}

/** Items + shipping + tax − discount: what the order cost the shopper. */
export function orderTotals(input: TOrderInput): { subtotal: number; total: number } {
  const subtotal = input.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  return { subtotal, total: subtotal + input.shippingCharged + input.taxTotal - input.discountTotal };
}

const STATUS_RANK: Record<OrderStatus, number> = { placed: 0, dispatched: 1, delivered: 2, cancelled: 3 };

export type StatusMove =
  | { readonly kind: "same" }
  | { readonly kind: "forward"; readonly to: OrderStatus }
  /** The update carries an older state (a stale snapshot or a webhook that arrived late). */
  | { readonly kind: "stale" }
  /** Not a move an order can make: cancelling a parcel already with the courier. */
  | { readonly kind: "invalid"; readonly reason: string };

/**
 * Orders move placed → dispatched → delivered, or placed → cancelled. Stores resend old snapshots and
 * deliver webhooks out of order, so an update that names an earlier state is stale, not an error: the
 * later state we already hold is kept. Cancelling after dispatch is refused (the shopper returns the
 * parcel instead), and a cancelled order stays cancelled.
 */
export function orderStatusMove(current: OrderStatus, wanted: OrderStatus): StatusMove {
  if (current === wanted) return { kind: "same" };
  if (current === "cancelled") return { kind: "stale" };
  if (wanted === "cancelled") {
    return current === "placed"
      ? { kind: "forward", to: "cancelled" }
      : { kind: "invalid", reason: `order is ${current}; a dispatched order cannot be cancelled` };
  }
  return STATUS_RANK[wanted] > STATUS_RANK[current] ? { kind: "forward", to: wanted } : { kind: "stale" };
}

const minorDigitCache = new Map<string, number>();

/** Digits after the decimal point in a currency's minor unit (2 for USD, 0 for JPY). */
export function minorDigits(currency: string): number {
  let digits = minorDigitCache.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    minorDigitCache.set(currency, digits);
  }
  return digits;
}

/**
 * "12.50" → 1250 for a two-digit currency, by string arithmetic so that no float ever rounds a
 * price. More decimals than the currency has are accepted only when they are zeros ("12.500").
 */
export function decimalToMinor(text: string, currency: string): number {
  const match = /^\s*(-?)(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (!match || (!match[2] && !match[3])) throw new RangeError(`'${text}' is not a decimal amount`);
  const digits = minorDigits(currency);
  const whole = match[2] || "0";
  let fraction = match[3] ?? "";
  if (fraction.length > digits) {
    if (/[^0]/.test(fraction.slice(digits)))
      throw new RangeError(`'${text}' has more decimals than ${currency} allows`);
    fraction = fraction.slice(0, digits);
  }
  const minor = Number(whole + fraction.padEnd(digits, "0"));
  if (!Number.isSafeInteger(minor)) throw new RangeError(`'${text}' is too large`);
  return match[1] === "-" && minor !== 0 ? -minor : minor;
}

/** JSON with keys sorted, so the same address sent with keys in another order compares equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** Brand access: a key or staff user tied to one brand writes only that brand's orders. */
export function assertBrandAccess(actor: Actor, brandId: string): void {
  if ((actor.type === "api_key" || actor.type === "staff") && actor.brandId && actor.brandId !== brandId)
    throw new AppError("FORBIDDEN", "This key may not write orders of that brand.");
  if (actor.type === "shopper" || actor.type === "anonymous")
    throw new AppError("FORBIDDEN", "Orders are written by the store, not by shoppers.");
}
