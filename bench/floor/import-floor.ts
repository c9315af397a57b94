// The floor for order import: the least a script can do to store the same orders with the same driver
// Aftercare uses. The file streamed a line at a time, JSON.parse, one order row, its lines and its
// payment, 1,000 orders per transaction; SQLite with prepared statements, PostgreSQL with multi-row
// inserts. On a second run over the same store it looks each order up by brand + number and skips it
// (the floor of a repeat import). No validation, audit, events, customers or shipments: a floor, not a
// competitor. Ids are Aftercare's time-ordered ones (newId), as the data is the same. Prints one JSON line: {orders, created, skipped, seconds, maxRssMb}.
//   node bin/run-ts.mjs bench/floor/import-floor.ts DATABASE_URL FILE
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import SQLite from "better-sqlite3";
import pg from "pg";
import { newId } from "../../src/db/ids.ts";

const [url, file] = process.argv.slice(2);
if (!url || !file) throw new Error("usage: import-floor.ts DATABASE_URL FILE");

interface Line {
  id: string;
  sku: string;
  title: string;
  category: string;
  unitPrice: number;
  quantity: number;
  finalSale?: boolean;
  onSale?: boolean;
}
interface Order {
  brand: string;
  number: string;
  email: string;
  status: string;
  currency: string;
  placedAt: string;
  shippingCharged?: number;
  lines: Line[];
  payment: { method: string; cleared?: boolean };
}

const ORDER_COLUMNS = [
  "id",
  "brand_id",
  "number",
  "email",
  "status",
  "currency",
  "subtotal",
  "shipping_charged",
  "total",
  "placed_at",
  "source",
  "created_at",
  "updated_at",
];
const LINE_COLUMNS = [
  "id",
  "order_id",
  "line_key",
  "position",
  "sku",
  "title",
  "category",
  "unit_price",
  "quantity",
  "final_sale",
  "on_sale",
];
const PAYMENT_COLUMNS = ["id", "order_id", "method", "amount", "currency", "cleared", "created_at"];

function rowsOf(order: Order, brandId: string, stamp: string) {
  const id = newId();
  const subtotal = order.lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
  const total = subtotal + (order.shippingCharged ?? 0);
  return {
    order: [
      id,
      brandId,
      order.number,
      order.email,
      order.status,
      order.currency,
      subtotal,
      order.shippingCharged ?? 0,
      total,
      order.placedAt,
      "import",
      stamp,
      stamp,
    ],
    lines: order.lines.map((l, position) => [
      newId(),
      id,
      l.id,
      position,
      l.sku,
      l.title,
      l.category,
      l.unitPrice,
      l.quantity,
      l.finalSale ? 1 : 0,
      l.onSale ? 1 : 0,
    ]),
    payment: [
      newId(),
      id,
      order.payment.method,
      total,
      order.currency,
      order.payment.cleared === false ? 0 : 1,
      stamp,
    ],
  };
}

async function* batches(path: string, size: number): AsyncGenerator<Order[]> {
  let batch: Order[] = [];
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    batch.push(JSON.parse(line) as Order);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

const started = performance.now();
let orders = 0;
let created = 0;
let skipped = 0;
const stamp = new Date().toISOString();

if (url.startsWith("sqlite:")) {
  const db = new SQLite(url.slice("sqlite:".length));
  // The same settings and the same time-ordered ids as Aftercare's store: a floor that syncs every
  // commit, or scatters random ids across the primary-key indexes, slows down as the file grows and
  // stops being a floor at a million orders.
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  const brandIds = new Map(
    (db.prepare("select id, slug from brands").all() as { id: string; slug: string }[]).map((b) => [
      b.slug,
      b.id,
    ]),
  );
  const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");
  const find = db.prepare("select id from orders where brand_id = ? and number = ?");
  const insertOrder = db.prepare(
    `insert into orders (${ORDER_COLUMNS.join(", ")}) values (${marks(ORDER_COLUMNS.length)})`,
  );
  const insertLine = db.prepare(
    `insert into order_lines (${LINE_COLUMNS.join(", ")}) values (${marks(LINE_COLUMNS.length)})`,
  );
  const insertPayment = db.prepare(
    `insert into payments (${PAYMENT_COLUMNS.join(", ")}) values (${marks(PAYMENT_COLUMNS.length)})`,
  );
  const store = db.transaction((batch: Order[]) => {
    for (const order of batch) {
      const brandId = brandIds.get(order.brand) ?? "";
      if (find.get(brandId, order.number)) {
        skipped++;
        continue;
      }
      const rows = rowsOf(order, brandId, stamp);
      insertOrder.run(rows.order);
      for (const line of rows.lines) insertLine.run(line);
      insertPayment.run(rows.payment);
      created++;
    }
  });
  for await (const batch of batches(file, 1000)) {
    orders += batch.length;
    store(batch);
  }
  db.close();
} else {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const brandIds = new Map(
    (await client.query<{ id: string; slug: string }>("select id, slug from brands")).rows.map((b) => [
      b.slug,
      b.id,
    ]),
  );
  const insert = async (table: string, columns: string[], rows: unknown[][]) => {
    for (let from = 0; from < rows.length; from += 500) {
      const part = rows.slice(from, from + 500);
      const params: unknown[] = [];
      const tuples = part.map(
        (row) =>
          `(${row
            .map((v) => {
              params.push(v);
              return `$${params.length}`;
            })
            .join(", ")})`,
      );
      await client.query(`insert into ${table} (${columns.join(", ")}) values ${tuples.join(", ")}`, params);
    }
  };
  for await (const batch of batches(file, 1000)) {
    orders += batch.length;
    await client.query("begin");
    const known = new Set<string>();
    for (const [slug, brandId] of brandIds) {
      const numbers = batch.filter((o) => o.brand === slug).map((o) => o.number);
      if (!numbers.length) continue;
      const found = await client.query<{ number: string }>(
        "select number from orders where brand_id = $1 and number = any($2)",
        [brandId, numbers],
      );
      for (const r of found.rows) known.add(`${slug}\u0000${r.number}`);
    }
    const fresh = batch.filter((o) => !known.has(`${o.brand}\u0000${o.number}`));
    skipped += batch.length - fresh.length;
    const rows = fresh.map((o) => rowsOf(o, brandIds.get(o.brand) ?? "", stamp));
    await insert(
      "orders",
      ORDER_COLUMNS,
      rows.map((r) => r.order),
    );
    await insert(
      "order_lines",
      LINE_COLUMNS,
      rows.flatMap((r) => r.lines),
    );
    await insert(
      "payments",
      PAYMENT_COLUMNS,
      rows.map((r) => r.payment),
    );
    await client.query("commit");
    created += fresh.length;
  }
  await client.end();
}

const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({ orders, created, skipped, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
