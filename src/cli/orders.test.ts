import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBrand } from "../app/brands/add-brand.ts";
import type { Store } from "../db/database.ts";
import { testDatabases } from "../db/test-db.ts";
import { importOrderRecords, importOrderText, orderFileRecords } from "./orders.ts";

function capture(isTTY = false) {
  const chunks: string[] = [];
  return { isTTY, write: (c: string) => chunks.push(c), text: () => chunks.join("") };
}

function generated(count: number): string {
  const rows: string[] = [];
  for (let i = 1; i <= count; i++) {
    rows.push(
      JSON.stringify({
        number: `G-${i}`,
        email: `g${i % 300}@example.com`,
        placedAt: "2026-11-01T10:00:00Z",
        currency: "USD",
        status: i % 3 === 0 ? "delivered" : "placed",
        deliveredAt: i % 3 === 0 ? "2026-11-05T10:00:00Z" : undefined,
        payment: { method: "card" },
        lines: [
          { id: "1", category: "dresses", unitPrice: 9900, quantity: 1 },
          { id: "2", category: "accessories", unitPrice: 1500, quantity: 2 },
        ],
      }),
    );
  }
  return rows.join("\n");
}

describe.each(testDatabases())("orders import command on $name", { timeout: 60_000 }, (target) => {
  let store: Store;
  beforeAll(async () => {
    store = await target.open();
    await addBrand(store.db, { slug: "castella", name: "Castélla", currency: "USD" });
  });
  afterAll(() => store.close());

  it("shows progress and rows/s on a generated file, and a second run changes nothing", async () => {
    const text = generated(2000);
    const out = capture();
    const err = capture();
    const code = await importOrderText(store.db, {
      text,
      format: "jsonl",
      brand: "castella",
      dryRun: false,
      out,
      err,
      every: 500,
    });
    expect(code).toBe(0);
    const progress = err.text().trim().split("\n");
    expect(progress).toHaveLength(4);
    expect(progress.at(-1)).toMatch(/^orders: 2000\/2000 \(100%\) \d+ orders\/s$/);
    expect(out.text()).toMatch(
      /^2000 orders in [\d.]+s \(\d+ rows\/s\): created 2000, updated 0, unchanged 0, bad 0\n$/,
    );

    const again = capture();
    expect(
      await importOrderText(store.db, {
        text,
        format: "jsonl",
        brand: "castella",
        dryRun: false,
        out: again,
        err: capture(),
      }),
    ).toBe(0);
    expect(again.text()).toContain("created 0, updated 0, unchanged 2000, bad 0");
  });

  it("streams a JSON Lines file, counted first for the progress total", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aftercare-orders-"));
    try {
      const file = join(dir, "orders.jsonl");
      writeFileSync(file, `${generated(3).replaceAll("G-", "S-")}\n\n`);
      const source = await orderFileRecords(file, "jsonl", "castella");
      expect(source.total).toBe(3);
      const out = capture();
      const err = capture();
      expect(
        await importOrderRecords(store.db, { ...source, brand: "castella", dryRun: false, out, err }),
      ).toBe(0);
      expect(err.text()).toMatch(/^orders: 3\/3 \(100%\) \d+ orders\/s\n$/);
      expect(out.text()).toContain("3 orders in");
      expect(out.text()).toContain("created 3, updated 0, unchanged 0, bad 0");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("exits 1 and lists bad lines, and a dry run says nothing was stored", async () => {
    const out = capture();
    const err = capture();
    const text = `${generated(2).replace("G-2", "G-9002")}\n{"number":"X"}\n`;
    const code = await importOrderText(store.db, {
      text,
      format: "jsonl",
      brand: "castella",
      dryRun: true,
      out,
      err,
    });
    expect(code).toBe(1);
    expect(err.text()).toMatch(/^line 3: .*email/m);
    expect(out.text()).toContain("dry run, nothing stored: would create 1, updated 0, unchanged 1, bad 1");
    const stored = await store.db.selectFrom("orders").select("id").where("number", "=", "G-9002").execute();
    expect(stored).toHaveLength(0);
  });
});
