// A fast reader for the order shape of an import. ZOrderInput (order-input.ts) stays the definition of
// a valid order and the source of every error message; this reader only recognises the common case, a
// plain, valid order, and builds exactly the object zod would return for it (same keys, same order,
// same trimming, casing and defaults). Anything it is not sure of (a missing or mistyped field, a
// tracking link, a value zod would coerce from another type) makes it answer undefined, and the caller
// asks zod. Building the object by hand costs a fraction of zod's generic walk over the schema, which
// dominated the CPU time of a large import. A property test (read-order-input.test.ts) holds the two
// equal on random valid and invalid orders.
import { ORDER_STATUSES, PAYMENT_METHODS } from "../../domain/scenario.ts";
import { ORDER_INPUT_PATTERNS, type TOrderInput } from "./order-input.ts";

type Input = TOrderInput;
type Line = Input["lines"][number];
type Shipment = Input["shipments"][number];
type Address = Input["shippingAddress"];
type Fields = Record<string, unknown>;

/** Not recognised: the caller validates with zod instead. */
class Unsure extends Error {}
const UNSURE = new Unsure("not a plain valid order");

const STATUSES: ReadonlySet<unknown> = new Set(ORDER_STATUSES);
const METHODS: ReadonlySet<unknown> = new Set(PAYMENT_METHODS);
const { instant: INSTANT, email: EMAIL } = ORDER_INPUT_PATTERNS;
const COUNTRY = /^[A-Z]{2}$/;
const CURRENCY = /^[A-Z]{3}$/;

/**
 * The order zod would make of `data` with its brand replaced by `brand`, or undefined when this
 * reader cannot tell (then ZOrderInput decides, and words the errors).
 */
export function readOrderInput(data: Fields, brand: unknown): TOrderInput | undefined {
  try {
    return read(data, brand);
  } catch (error) {
    if (error instanceof Unsure) return undefined;
    throw error;
  }
}

function read(data: Fields, brand: unknown): Input {
  const order = {
    brand: minText(brand),
    number: idText(data.number),
    email: email(data.email),
  } as Input;
  optional(order, data, "phone", nullishMinText);
  optional(order, data, "customerName", nullishMinText);
  order.shippingAddress = data.shippingAddress === undefined ? {} : address(data.shippingAddress);
  optional(order, data, "shippingCountry", country);
  order.placedAt = instant(data.placedAt);
  order.currency = currency(data.currency);
  order.status = data.status === undefined ? "placed" : oneOf(data.status, STATUSES);
  optional(order, data, "dispatchedAt", nullishInstant);
  optional(order, data, "deliveredAt", nullishInstant);
  optional(order, data, "cancelledAt", nullishInstant);
  order.lines = lines(data.lines);
  order.payment = payment(data.payment);
  order.shippingCharged = data.shippingCharged === undefined ? 0 : minor(data.shippingCharged);
  order.discountTotal = data.discountTotal === undefined ? 0 : minor(data.discountTotal);
  order.taxTotal = data.taxTotal === undefined ? 0 : minor(data.taxTotal);
  optional(order, data, "externalId", externalId);
  order.shipments = data.shipments === undefined ? [] : shipments(data.shipments);
  // The schema's own cross-field rules; an order breaking one is left to zod to describe.
  let subtotal = 0;
  for (const line of order.lines) subtotal += line.unitPrice * line.quantity;
  if (order.discountTotal > subtotal + order.shippingCharged) throw UNSURE;
  return order;
}

/** An optional key: absent stays absent; present, its value read. */
function optional<K extends keyof Input>(
  out: Input,
  data: Fields,
  key: K,
  readValue: (value: unknown) => Input[K],
): void {
  const value = data[key];
  if (value === undefined) {
    // A key present with the value undefined (never from JSON) is zod's to handle.
    if (key in data) throw UNSURE;
    return;
  }
  out[key] = readValue(value);
}

function plainObject(value: unknown): Fields {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw UNSURE;
  return value as Fields;
}

function text(value: unknown): string {
  if (typeof value !== "string") throw UNSURE;
  return value.trim();
}

function minText(value: unknown): string {
  const out = text(value);
  if (!out.length) throw UNSURE;
  return out;
}

function nullishMinText(value: unknown): string | null {
  return value === null ? null : minText(value);
}

/** Ids zod coerces to text: a string or a number, trimmed, not empty. */
function idText(value: unknown): string {
  if (typeof value !== "string" && typeof value !== "number") throw UNSURE;
  const out = String(value).trim();
  if (!out.length) throw UNSURE;
  return out;
}

function externalId(value: unknown): string {
  if (typeof value !== "string" && typeof value !== "number") throw UNSURE;
  const out = String(value);
  if (!out.length) throw UNSURE;
  return out;
}

function email(value: unknown): string {
  const out = text(value).toLowerCase();
  if (!EMAIL.test(out)) throw UNSURE;
  return out;
}

function country(value: unknown): string | null {
  if (value === null) return null;
  const out = text(value).toUpperCase();
  if (!COUNTRY.test(out)) throw UNSURE;
  return out;
}

function currency(value: unknown): string {
  if (typeof value !== "string" || !CURRENCY.test(value)) throw UNSURE;
  return value;
}

function instant(value: unknown): string {
  if (typeof value !== "string" || !INSTANT.test(value)) throw UNSURE;
  return value;
}

function nullishInstant(value: unknown): string | null {
  return value === null ? null : instant(value);
}

function oneOf<T>(value: unknown, allowed: ReadonlySet<unknown>): T {
  if (!allowed.has(value)) throw UNSURE;
  return value as T;
}

function integer(value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) throw UNSURE;
  return value;
}

const minor = (value: unknown): number => integer(value, 0);

function flag(value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw UNSURE;
  return value;
}

function address(value: unknown): Address {
  const data = plainObject(value);
  const out: Address = {};
  for (const key of ADDRESS_KEYS) {
    const v = data[key];
    if (v === undefined) {
      if (key in data) throw UNSURE;
      continue;
    }
    out[key] = text(v);
  }
  return out;
}
const ADDRESS_KEYS = ["name", "line1", "line2", "city", "region", "postalCode", "country"] as const;

function lines(value: unknown): Line[] {
  if (!Array.isArray(value) || value.length === 0) throw UNSURE;
  const out: Line[] = [];
  const ids = new Set<string>();
  for (const item of value) {
    const data = plainObject(item);
    const line: Line = {
      id: idText(data.id),
      sku: data.sku === undefined ? "" : text(data.sku),
      title: data.title === undefined ? "" : text(data.title),
      category: data.category === undefined ? "" : text(data.category).toLowerCase(),
      unitPrice: minor(data.unitPrice),
      quantity: integer(data.quantity, 1),
      returnedQuantity: data.returnedQuantity === undefined ? 0 : integer(data.returnedQuantity, 0),
      finalSale: flag(data.finalSale, false),
      onSale: flag(data.onSale, false),
    };
    if (ids.has(line.id) || line.returnedQuantity > line.quantity) throw UNSURE;
    ids.add(line.id);
    out.push(line);
  }
  return out;
}

function payment(value: unknown): Input["payment"] {
  const data = plainObject(value);
  const out = {
    method: oneOf<Input["payment"]["method"]>(data.method, METHODS),
    cleared: flag(data.cleared, true),
  } as Input["payment"];
  if (data.amount !== undefined) out.amount = minor(data.amount);
  else if ("amount" in data) throw UNSURE;
  if (data.reference !== undefined) out.reference = minText(data.reference);
  else if ("reference" in data) throw UNSURE;
  return out;
}

function shipments(value: unknown): Shipment[] {
  if (!Array.isArray(value)) throw UNSURE;
  const out: Shipment[] = [];
  for (const item of value) {
    const data = plainObject(item);
    // Tracking links go through zod's URL check; a shipment also needs its tracking number.
    if (data.trackingUrl !== undefined || data.trackingNumber === undefined) throw UNSURE;
    const shipment: Shipment = {};
    for (const key of SHIPMENT_TEXT_KEYS) {
      const v = data[key];
      if (v === undefined) {
        if (key in data) throw UNSURE;
        continue;
      }
      shipment[key] = minText(v);
    }
    if (data.dispatchedAt !== undefined) shipment.dispatchedAt = instant(data.dispatchedAt);
    else if ("dispatchedAt" in data) throw UNSURE;
    out.push(shipment);
  }
  return out;
}
// In the schema's order, without trackingUrl (never taken here) and dispatchedAt (not text).
const SHIPMENT_TEXT_KEYS = [
  "courier",
  "trackingNumber",
  "lastMileCourier",
  "lastMileTrackingNumber",
  "lastMileContact",
] as const;
