// The common store-platform order JSON (Shopify's Admin API Order resource, as its REST API and its
// orders/create and orders/updated webhooks send it) turned into Aftercare's order shape. Accepts one
// order, an array, `{ "orders": [...] }`, `{ "order": {...} }`, or JSON Lines of any of those.
// Store ids are 64-bit integers sent as bare JSON numbers (820982911946154508): JSON.parse rounds
// anything above 2^53, so two orders or lines could be stored under one id. Store JSON is read with
// lossless-json, and a number a double cannot hold exactly is kept as its digits.
import { isSafeNumber, parse as parseLossless } from "lossless-json";
import { decimalToMinor } from "../order-input.ts";
import type { OrderRecord } from "./record.ts";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() ? v.trim() : typeof v === "number" ? String(v) : undefined;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function ordersOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isObject(value) && Array.isArray(value.orders)) return value.orders;
  if (isObject(value) && isObject(value.order)) return [value.order];
  return [value];
}

/** Store-platform JSON with every number that a double cannot hold exactly kept as its digits. */
export function parseStoreJson(text: string): unknown {
  return parseLossless(text, null, (digits) => (isSafeNumber(digits) ? Number(digits) : digits));
}

/** Records for every order in the text; `line` is the JSON Lines line, or the position in an array. */
export function parseShopifyText(text: string, brand?: string): OrderRecord[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  try {
    const whole: unknown = parseStoreJson(trimmed);
    return ordersOf(whole).map((order, i) => toRecord(order, i + 1, brand));
  } catch {
    // Not one JSON document: JSON Lines.
  }
  const records: OrderRecord[] = [];
  for (const [i, raw] of text.split("\n").entries()) {
    if (!raw.trim()) continue;
    let value: unknown;
    try {
      value = parseStoreJson(raw);
    } catch (error) {
      records.push({
        line: i + 1,
        error: `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      });
      continue;
    }
    for (const order of ordersOf(value)) records.push(toRecord(order, i + 1, brand));
  }
  return records;
}

function toRecord(order: unknown, line: number, brand: string | undefined): OrderRecord {
  try {
    return { line, data: fromShopifyOrder(order, brand) };
  } catch (error) {
    return { line, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The store's payment gateway name to the payment methods policies know. */
function paymentMethod(order: Json): string {
  const gateway = [...list(order.payment_gateway_names), order.gateway]
    .map((g) => str(g)?.toLowerCase() ?? "")
    .join(" ");
  if (gateway.includes("paypal")) return "paypal";
  if (gateway.includes("gift_card") || gateway.includes("gift card")) return "gift_card";
  if (/e[-_ ]?cheque|e[-_ ]?check|cheque|check/.test(gateway)) return "e_cheque";
  if (/manual|cash|bank|cod/.test(gateway)) return "other";
  return "card";
}

function money(value: unknown, currency: string, what: string): number {
  const text = str(value) ?? "0";
  try {
    return decimalToMinor(text, currency);
  } catch (error) {
    throw new RangeError(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const truthy = (v: unknown) => v === true || (typeof v === "string" && /^(true|yes|1)$/i.test(v.trim()));

/** Line item properties (`[{name, value}]`) a store can use to flag final-sale and sale items. */
function property(item: Json, names: readonly string[]): boolean {
  return list(item.properties).some(
    (p) =>
      isObject(p) && names.includes(String(p.name).toLowerCase().replace(/[\s-]/g, "_")) && truthy(p.value),
  );
}

export function fromShopifyOrder(order: unknown, brand?: string): Record<string, unknown> {
  if (!isObject(order)) throw new TypeError("expected an order object");
  // A fulfillment (fulfillments/create) names its order instead of being one: storing it would make a
  // bogus order out of the fulfillment's own id and name. Its tracking arrives with orders/updated.
  if (
    order.order_id !== undefined &&
    order.order_number === undefined &&
    order.financial_status === undefined
  )
    throw new TypeError(
      "this is a fulfillment (fulfillments/create), not an order: subscribe the orders/create and " +
        "orders/updated topics; their orders carry the fulfillments and tracking",
    );
  const currency = str(order.currency) ?? str(order.presentment_currency) ?? "";
  const address = isObject(order.shipping_address) ? order.shipping_address : {};
  const customer = isObject(order.customer) ? order.customer : {};

  const returned = new Map<string, number>();
  for (const refund of list(order.refunds)) {
    for (const r of list(isObject(refund) ? refund.refund_line_items : [])) {
      if (!isObject(r)) continue;
      const key = str(r.line_item_id) ?? "";
      returned.set(key, (returned.get(key) ?? 0) + Number(r.quantity ?? 0));
    }
  }
  const lines = list(order.line_items).map((raw, i) => {
    if (!isObject(raw)) throw new TypeError(`line_items.${i}: expected an object`);
    const id = str(raw.id) ?? String(i + 1);
    const variant = str(raw.variant_title);
    return {
      id,
      sku: str(raw.sku) ?? "",
      title: [str(raw.title) ?? str(raw.name) ?? "", variant].filter(Boolean).join(" / "),
      category: str(raw.product_type) ?? "",
      unitPrice: money(raw.price, currency, `line_items.${i}.price`),
      quantity: Number(raw.quantity),
      returnedQuantity: returned.get(id) ?? 0,
      finalSale: property(raw, ["final_sale", "finalsale"]),
      onSale: property(raw, ["on_sale", "sale"]),
    };
  });

  const fulfillments = list(order.fulfillments)
    .filter(isObject)
    .filter((f) => str(f.status) !== "cancelled");
  const shipments = fulfillments.flatMap((f) => {
    const numbers = list(f.tracking_numbers)
      .map(str)
      .filter((n): n is string => !!n);
    const urls = list(f.tracking_urls)
      .map(str)
      .filter((u): u is string => !!u);
    const single = str(f.tracking_number);
    const singleUrl = str(f.tracking_url);
    if (!numbers.length && single) numbers.push(single);
    if (!urls.length && singleUrl) urls.push(singleUrl);
    const count = Math.max(numbers.length, urls.length);
    return Array.from({ length: count }, (_, k) => ({
      courier: str(f.tracking_company),
      trackingNumber: numbers[k],
      trackingUrl: urls[k],
      dispatchedAt: str(f.created_at),
    }));
  });
  const delivered =
    fulfillments.length > 0 && fulfillments.every((f) => str(f.shipment_status) === "delivered");
  const cancelledAt = str(order.cancelled_at);
  const status = cancelledAt
    ? "cancelled"
    : delivered
      ? "delivered"
      : fulfillments.length
        ? "dispatched"
        : "placed";
  const firstFulfilled = fulfillments.map((f) => str(f.created_at)).find(Boolean);
  const lastUpdate = fulfillments
    .map((f) => str(f.updated_at))
    .filter(Boolean)
    .sort()
    .at(-1);
  const financial = str(order.financial_status) ?? "paid";
  const shippingCharged = list(order.shipping_lines).reduce<number>(
    (sum, s, i) => sum + (isObject(s) ? money(s.price, currency, `shipping_lines.${i}.price`) : 0),
    0,
  );
  const number = (str(order.name) ?? str(order.order_number) ?? "").replace(/^#/, "");

  return {
    brand,
    number,
    externalId: str(order.id),
    email: str(order.email) ?? str(order.contact_email) ?? str(customer.email),
    phone: str(order.phone) ?? str(address.phone) ?? str(customer.phone),
    customerName: [str(customer.first_name), str(customer.last_name)].filter(Boolean).join(" ") || undefined,
    shippingAddress: Object.fromEntries(
      Object.entries({
        name: str(address.name),
        line1: str(address.address1),
        line2: str(address.address2),
        city: str(address.city),
        region: str(address.province),
        postalCode: str(address.zip),
        country: str(address.country_code) ?? str(address.country),
      }).filter(([, v]) => v !== undefined),
    ),
    shippingCountry: str(address.country_code),
    placedAt: str(order.processed_at) ?? str(order.created_at),
    currency,
    status,
    dispatchedAt: status === "placed" ? undefined : firstFulfilled,
    deliveredAt: status === "delivered" ? lastUpdate : undefined,
    cancelledAt,
    lines,
    payment: {
      method: paymentMethod(order),
      // Money has arrived once the order is paid (or partly refunded since); pending and authorized
      // payments have not cleared.
      cleared: ["paid", "partially_refunded", "refunded"].includes(financial),
      amount: order.total_price === undefined ? undefined : money(order.total_price, currency, "total_price"),
    },
    shippingCharged,
    discountTotal: money(order.total_discounts, currency, "total_discounts"),
    taxTotal: order.taxes_included === true ? 0 : money(order.total_tax, currency, "total_tax"),
    shipments,
  };
}
