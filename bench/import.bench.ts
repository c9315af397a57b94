// Order import throughput: generates N orders (default 100000) as a JSON Lines file, imports it into a
// fresh SQLite store with the same code `aftercare orders import` runs (the file streamed a line at a
// time; progress and rows/s on stderr/stdout), imports it again to show nothing changes, and prints
// the ratio of the runs and the peak heap, which stays flat as N grows.
//   node bin/run-ts.mjs bench/import.bench.ts [N]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addBrand } from "../src/app/brands/add-brand.ts";
import { importOrderRecords, orderFileRecords } from "../src/cli/orders.ts";
import { createDb } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";

const count = Number(process.argv[2] ?? 100_000);
if (!Number.isSafeInteger(count) || count < 1) throw new Error("usage: import.bench.ts [N]");

const categories = ["dresses", "tops", "skirts", "knitwear", "undergarments", "accessories", "swimwear"];
const statuses = ["placed", "dispatched", "delivered", "delivered", "cancelled"] as const;

function order(i: number): string {
  const status = statuses[i % statuses.length] ?? "placed";
  const day = String(1 + (i % 28)).padStart(2, "0");
  const lines = Array.from({ length: 1 + (i % 3) }, (_, k) => ({
    id: String(k + 1),
    sku: `SKU-${(i * 7 + k) % 5000}`,
    title: `Item ${k + 1}`,
    category: categories[(i + k) % categories.length],
    unitPrice: 1500 + ((i * 37 + k * 101) % 20000),
    quantity: 1 + ((i + k) % 2),
    finalSale: (i + k) % 11 === 0,
    onSale: (i + k) % 7 === 0,
  }));
  return JSON.stringify({
    number: `B-${i}`,
    email: `shopper${i % 40_000}@example.com`,
    placedAt: `2026-10-${day}T10:00:00Z`,
    currency: "GBP",
    shippingCountry: ["GB", "FR", "MX", "TR", "US"][i % 5],
    status,
    dispatchedAt: status === "dispatched" || status === "delivered" ? `2026-10-${day}T18:00:00Z` : undefined,
    deliveredAt: status === "delivered" ? `2026-11-${day}T12:00:00Z` : undefined,
    payment: { method: i % 13 === 0 ? "e_cheque" : "card", cleared: i % 26 !== 0 },
    shippingCharged: i % 2 ? 495 : 0,
    lines,
  });
}

const dir = mkdtempSync(join(tmpdir(), "aftercare-import-bench-"));
const store = createDb(`sqlite:${join(dir, "store.db")}`);
try {
  await migrateToLatest(store.db);
  await addBrand(store.db, { slug: "kallesia", name: "Kallesia", currency: "GBP" });
  const started = performance.now();
  const file = join(dir, "orders.jsonl");
  let bytes = 0;
  // Written in slices so the generator itself does not hold the whole file as one string.
  for (let from = 0; from < count; from += 10_000) {
    const slice = Array.from(
      { length: Math.min(10_000, count - from) },
      (_, i) => `${order(from + i + 1)}\n`,
    );
    const chunk = slice.join("");
    bytes += chunk.length;
    writeFileSync(file, chunk, { flag: from === 0 ? "w" : "a" });
  }
  console.log(
    `generated ${count} orders (${(bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)}s`,
  );

  let peakHeap = 0;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 100);
  const timed = async (label: string) => {
    const t = performance.now();
    process.stdout.write(`${label}: `);
    await importOrderRecords(store.db, {
      ...(await orderFileRecords(file, "jsonl", "kallesia")),
      brand: "kallesia",
      dryRun: false,
      out: process.stdout,
      err: process.stderr,
      every: 10_000,
    });
    return (performance.now() - t) / 1000;
  };
  const first = await timed("first import");
  const second = await timed("re-import");
  const rows = await store.db
    .selectFrom("audit_log")
    .select((e) => e.fn.countAll().as("n"))
    .where("action", "=", "order.updated")
    .executeTakeFirstOrThrow();
  console.log(`rows updated by the re-import: ${Number(rows.n)}`);
  clearInterval(sampler);
  console.log(
    `first ${first.toFixed(1)}s, re-import ${second.toFixed(1)}s, ratio first/second ${(first / second).toFixed(2)}, ` +
      `peak heap ${(peakHeap / 1e6).toFixed(0)} MB`,
  );
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
