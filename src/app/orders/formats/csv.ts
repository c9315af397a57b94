// CSV of orders as spreadsheets and store exports lay them out: one row per order LINE, the order's
// own columns repeated on each of its rows (taken from its first row), the rows of one order next to
// each other. Money columns are decimal amounts in the order's currency ("120.00"), converted to
// minor units by string arithmetic.
import { parse } from "csv-parse/sync";
import { decimalToMinor } from "../order-input.ts";
import type { OrderRecord } from "./record.ts";

/** Columns, in the order the help text lists them; `line_*` and the item columns are per row. */
export const CSV_COLUMNS = {
  brand: "brand slug (or give --brand)",
  number: "order number (required)",
  email: "shopper's email (required)",
  phone: "shopper's phone",
  customer_name: "shopper's name",
  placed_at: "ISO 8601 date-time the order was placed (required)",
  status: "placed | dispatched | delivered | cancelled (default placed)",
  dispatched_at: "ISO 8601 date-time",
  delivered_at: "ISO 8601 date-time",
  cancelled_at: "ISO 8601 date-time",
  currency: "ISO 4217 code, e.g. GBP (required)",
  shipping_charged: "shipping paid, decimal (default 0)",
  discount_total: "order discount, decimal (default 0)",
  tax_total: "tax on top of prices, decimal (default 0)",
  payment_method: "card | paypal | e_cheque | gift_card | store_credit | other (required)",
  payment_cleared: "true/false (default true); false for an e-cheque still clearing",
  payment_amount: "amount paid, decimal (default: the order total)",
  shipping_country: "ISO 3166 code, e.g. MX",
  shipping_name: "delivery address: name",
  shipping_line1: "delivery address: first line",
  shipping_line2: "delivery address: second line",
  shipping_city: "delivery address: city",
  shipping_region: "delivery address: region or state",
  shipping_postal_code: "delivery address: postcode",
  line_id: "the store's id of the line (required)",
  sku: "item SKU",
  title: "item name",
  category: "item category, as the brand's policy names them (dresses, swimwear, …)",
  unit_price: "price of one unit, decimal (required)",
  quantity: "units bought (required)",
  returned_quantity: "units already returned (default 0)",
  final_sale: "true/false",
  on_sale: "true/false",
} as const;

type Row = Partial<Record<keyof typeof CSV_COLUMNS, string>>;
const REQUIRED = ["number", "line_id", "unit_price", "quantity"] as const;

function flag(value: string | undefined, column: string): boolean | undefined {
  if (value === undefined || value === "") return undefined;
  const v = value.toLowerCase();
  if (["true", "yes", "y", "1"].includes(v)) return true;
  if (["false", "no", "n", "0"].includes(v)) return false;
  throw new RangeError(`${column}: expected true or false, got '${value}'`);
}

function integer(value: string | undefined, column: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  if (!/^\d+$/.test(value)) throw new RangeError(`${column}: expected a whole number, got '${value}'`);
  return Number(value);
}

const text = (value: string | undefined) => (value === undefined || value === "" ? undefined : value);

function money(row: Row, column: keyof Row): number | undefined {
  const value = row[column];
  if (value === undefined || value === "") return undefined;
  try {
    return decimalToMinor(value, row.currency ?? "");
  } catch (error) {
    throw new RangeError(`${column}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function orderFrom(first: Row): Record<string, unknown> {
  const address = {
    name: text(first.shipping_name),
    line1: text(first.shipping_line1),
    line2: text(first.shipping_line2),
    city: text(first.shipping_city),
    region: text(first.shipping_region),
    postalCode: text(first.shipping_postal_code),
    country: text(first.shipping_country),
  };
  return {
    brand: text(first.brand),
    number: first.number,
    email: first.email,
    phone: text(first.phone),
    customerName: text(first.customer_name),
    placedAt: first.placed_at,
    status: text(first.status),
    dispatchedAt: text(first.dispatched_at),
    deliveredAt: text(first.delivered_at),
    cancelledAt: text(first.cancelled_at),
    currency: first.currency,
    shippingCharged: money(first, "shipping_charged"),
    discountTotal: money(first, "discount_total"),
    taxTotal: money(first, "tax_total"),
    payment: {
      method: first.payment_method,
      cleared: flag(first.payment_cleared, "payment_cleared"),
      amount: money(first, "payment_amount"),
    },
    shippingCountry: text(first.shipping_country),
    shippingAddress: Object.fromEntries(Object.entries(address).filter(([, v]) => v !== undefined)),
    lines: [],
  };
}

function lineFrom(row: Row, currency: string): Record<string, unknown> {
  return {
    id: row.line_id,
    sku: row.sku ?? "",
    title: row.title ?? "",
    category: row.category ?? "",
    unitPrice: money({ ...row, currency }, "unit_price"),
    quantity: integer(row.quantity, "quantity"),
    returnedQuantity: integer(row.returned_quantity, "returned_quantity"),
    finalSale: flag(row.final_sale, "final_sale"),
    onSale: flag(row.on_sale, "on_sale"),
  };
}

export function parseCsv(source: string, defaultBrand?: string): OrderRecord[] {
  let rows: { record: Row; info: { lines: number } }[];
  try {
    rows = parse(source, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true });
  } catch (error) {
    return [{ line: 1, error: `not valid CSV (${error instanceof Error ? error.message : String(error)})` }];
  }
  const header = rows[0] ? Object.keys(rows[0].record) : [];
  const unknown = header.filter((c) => !(c in CSV_COLUMNS));
  const missing = REQUIRED.filter((c) => rows.length && !header.includes(c));
  if (unknown.length || missing.length) {
    const problems = [
      ...(missing.length ? [`missing column(s) ${missing.join(", ")}`] : []),
      ...(unknown.length ? [`unknown column(s) ${unknown.join(", ")}`] : []),
    ];
    return [{ line: 1, error: problems.join("; ") }];
  }

  const records: OrderRecord[] = [];
  const seen = new Map<string, number>();
  let current: { key: string; line: number; order: Record<string, unknown>; error?: string } | undefined;
  const close = () => {
    if (!current) return;
    records.push(
      current.error
        ? { line: current.line, error: current.error }
        : { line: current.line, data: current.order },
    );
    current = undefined;
  };
  for (const { record: row, info } of rows) {
    const key = `${row.brand || defaultBrand || ""}\u0000${row.number ?? ""}`;
    if (current?.key !== key) {
      close();
      const firstLine = seen.get(key);
      if (firstLine !== undefined) {
        records.push({
          line: info.lines,
          error: `order ${row.number}: its rows must be next to each other (it started at line ${firstLine})`,
        });
        continue;
      }
      seen.set(key, info.lines);
      try {
        current = { key, line: info.lines, order: orderFrom(row) };
      } catch (error) {
        current = {
          key,
          line: info.lines,
          order: {},
          error: error instanceof Error ? error.message : String(error),
        };
      }
    }
    if (current.error) continue;
    try {
      (current.order.lines as unknown[]).push(lineFrom(row, String(current.order.currency ?? "")));
    } catch (error) {
      current.error = `line ${info.lines}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  close();
  return records;
}
