// An import on a SQLite file with a write-behind connection stores exactly what the same import stores
// without one: repeat customers and an order sent twice in neighbouring batches, bad lines, a batch
// the writer refuses, and a re-import that changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectionWriter } from "../../db/connection-writer.ts";
import type { Store } from "../../db/database.ts";
import { type TestDatabase, testDatabases } from "../../db/test-db.ts";
import { type BatchWriter, WriteBehind, type WriteStatement } from "../../db/write-behind.ts";
import { addBrand } from "../brands/add-brand.ts";
import { SYSTEM } from "../kernel/actor.ts";
import { importOrders, parseOrderText } from "./import-orders.ts";

const now = new Date("2026-11-23T10:00:00Z");
const databases = testDatabases();
const sqlite = databases.find((t) => t.name === "sqlite");
if (!sqlite) throw new Error("SQLite test database missing");

function line(n: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    number: `K-${n}`,
    // Six shoppers, each with orders in neighbouring batches.
    email: `shopper${n % 6}@example.com`,
    customerName: `Shopper ${n % 6}`,
    placedAt: "2026-11-10T10:00:00Z",
    currency: "GBP",
    status: "placed",
    payment: { method: "card" },
    lines: [
      { id: "1", sku: `DR-${n}`, category: "dresses", unitPrice: 4500 + n, quantity: 1 },
      { id: "2", sku: `TP-${n}`, category: "tops", unitPrice: 2000, quantity: 1 + (n % 2) },
    ],
    ...extra,
  });
}

const FILE = [
  ...Array.from({ length: 12 }, (_, i) => line(i + 1)),
  // Sent again two batches on, dispatched: an update, in a batch planned while an earlier one is stored.
  line(3, {
    status: "dispatched",
    dispatchedAt: "2026-11-12T10:00:00Z",
    shipments: [{ courier: "Parcelway", trackingNumber: "PW3" }],
  }),
  "{not json",
  line(99, { email: "not an email" }),
  ...Array.from({ length: 20 }, (_, i) => line(i + 13)),
].join("\n");

async function dump(store: Store) {
  const db = store.db;
  const orders = await db
    .selectFrom("orders")
    .leftJoin("customers", "customers.id", "orders.customer_id")
    .select([
      "orders.number",
      "orders.email",
      "orders.status",
      "orders.total",
      "customers.email as customerEmail",
      "customers.name as customerName",
    ])
    .orderBy("orders.number")
    .execute();
  const lines = await db
    .selectFrom("order_lines")
    .innerJoin("orders", "orders.id", "order_lines.order_id")
    .select(["orders.number", "order_lines.line_key", "order_lines.sku", "order_lines.quantity"])
    .orderBy("orders.number")
    .orderBy("order_lines.line_key")
    .execute();
  const count = async (table: "customers" | "payments" | "shipments") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((e) => e.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audit = await db
    .selectFrom("audit_log")
    .select(["action", "entity_type"])
    .where("entity_type", "=", "order")
    .orderBy("action")
    .execute();
  const events = await db.selectFrom("outbox").select(["event_type"]).orderBy("event_type").execute();
  return {
    orders,
    lines,
    customers: await count("customers"),
    payments: await count("payments"),
    shipments: await count("shipments"),
    audit: audit.map((a) => a.action),
    events: events.map((e) => e.event_type),
  };
}

async function freshStore(
  target: TestDatabase = sqlite as TestDatabase,
): Promise<Store & { readonly url: string }> {
  const store = await target.open();
  await addBrand(store.db, { slug: "kallesia", name: "Kallesia", currency: "GBP" });
  return store;
}

const importWith = (store: Store, writer: BatchWriter | undefined) =>
  importOrders(store.db, {
    records: parseOrderText(FILE, "jsonl", "kallesia"),
    brand: "kallesia",
    actor: SYSTEM,
    now,
    source: "import",
    batchSize: 5,
    writer,
  });

describe("order import with a write-behind connection", () => {
  let plain: Store;
  let expected: Awaited<ReturnType<typeof dump>>;
  let expectedResult: Awaited<ReturnType<typeof importWith>>;
  beforeAll(async () => {
    plain = await freshStore();
    expectedResult = await importWith(plain, undefined);
    expected = await dump(plain);
  });
  afterAll(() => plain.close());

  it("stores what the import stores without one, and a re-import changes nothing", async () => {
    expect(expectedResult).toMatchObject({ total: 35, created: 32, updated: 1, unchanged: 0 });
    expect(expectedResult.bad.map((b) => b.line)).toEqual([14, 15]);
    expect(expected.customers).toBe(6);
    const store = await freshStore();
    const writer = new WriteBehind(store.url.slice("sqlite:".length));
    let stored = 0;
    const counted: BatchWriter = { run: (statements) => writer.run(statements).then(() => void stored++) };
    try {
      expect(await importWith(store, counted)).toEqual(expectedResult);
      // Seven batches of five: all but the one holding the update are stored by the writer.
      expect(stored).toBe(6);
      expect(await dump(store)).toEqual(expected);
      expect(await importWith(store, writer)).toMatchObject({ created: 0, updated: 0, unchanged: 33 });
      expect(await dump(store)).toEqual(expected);
    } finally {
      await writer.close();
      await store.close();
    }
  });

  it("stores a batch the writer refuses the usual way, once", async () => {
    const store = await freshStore();
    const real = new WriteBehind(store.url.slice("sqlite:".length));
    let calls = 0;
    // Every other batch is refused, as when another writer stored one of its customers in between.
    const flaky: BatchWriter = {
      run: (statements: readonly WriteStatement[]) =>
        ++calls % 2 === 0 ? Promise.reject(new Error("refused")) : real.run(statements),
    };
    try {
      expect(await importWith(store, flaky)).toEqual(expectedResult);
      expect(calls).toBeGreaterThan(2);
      expect(await dump(store)).toEqual(expected);
    } finally {
      await real.close();
      await store.close();
    }
  });
});

describe("WriteBehind", () => {
  let store: Store & { readonly url: string };
  let writer: WriteBehind;
  beforeAll(async () => {
    store = await freshStore();
    writer = new WriteBehind(store.url.slice("sqlite:".length));
  });
  afterAll(async () => {
    await writer.close();
    await store.close();
  });
  const brandRow = (id: string, slug: string): WriteStatement => ({
    sql: "insert into brands (id, slug, name, currency, time_zone, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)",
    parameters: [id, slug, slug, "GBP", "Europe/London", now.toISOString(), now.toISOString()],
  });
  const slugs = async () =>
    (await store.db.selectFrom("brands").select("slug").orderBy("slug").execute()).map((b) => b.slug);

  it("stores a batch whole, or nothing of it with SQLite's code", async () => {
    await writer.run([brandRow("b-1", "one"), brandRow("b-2", "two")]);
    expect(await slugs()).toEqual(["kallesia", "one", "two"]);
    const refused = writer.run([brandRow("b-3", "three"), brandRow("b-1", "again")]);
    await expect(refused).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_CONSTRAINT/) });
    expect(await slugs()).toEqual(["kallesia", "one", "two"]);
    await writer.run([brandRow("b-4", "four")]);
    expect(await slugs()).toEqual(["four", "kallesia", "one", "two"]);
  });
});

describe.each(databases)("ConnectionWriter on $name", (target) => {
  it("stores what the import stores without one, and a re-import changes nothing", async () => {
    const plain = await freshStore(target);
    const store = await freshStore(target);
    const writer = new ConnectionWriter(store.db);
    let stored = 0;
    const counted: BatchWriter = { run: (statements) => writer.run(statements).then(() => void stored++) };
    try {
      const expectedResult = await importWith(plain, undefined);
      expect(expectedResult).toMatchObject({ total: 35, created: 32, updated: 1, unchanged: 0 });
      expect(await importWith(store, counted)).toEqual(expectedResult);
      expect(stored).toBe(6);
      const expected = await dump(plain);
      expect(await dump(store)).toEqual(expected);
      expect(await importWith(store, writer)).toMatchObject({ created: 0, updated: 0, unchanged: 33 });
      expect(await dump(store)).toEqual(expected);
    } finally {
      await writer.close();
      await plain.close();
      await store.close();
    }
  });

  it("stores a batch whole, or nothing of it, and goes on with the next", async () => {
    const store = await freshStore(target);
    const writer = new ConnectionWriter(store.db);
    const mark = (n: number) => (target.name === "postgres" ? `$${n}` : "?");
    const brandRow = (id: string, slug: string): WriteStatement => ({
      sql: `insert into brands (id, slug, name, currency, time_zone, created_at, updated_at) values (${[1, 2, 3, 4, 5, 6, 7].map(mark).join(", ")})`,
      parameters: [id, slug, slug, "GBP", "Europe/London", now.toISOString(), now.toISOString()],
    });
    const slugs = async () =>
      (await store.db.selectFrom("brands").select("slug").orderBy("slug").execute()).map((b) => b.slug);
    try {
      await writer.run([brandRow("b-1", "one"), brandRow("b-2", "two")]);
      const refused = writer.run([brandRow("b-3", "three"), brandRow("b-1", "again")]);
      const after = writer.run([brandRow("b-4", "four")]);
      await expect(refused).rejects.toThrow();
      await after;
      expect(await slugs()).toEqual(["four", "kallesia", "one", "two"]);
    } finally {
      await writer.close();
      await store.close();
    }
  });
});
