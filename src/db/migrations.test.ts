import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, newId, type Store } from "./database.ts";
import { migrateToLatest } from "./migrate.ts";
import { migrations } from "./migrations/index.ts";
import { testDatabases } from "./test-db.ts";

const TABLES = [
  "brands",
  "policy_versions",
  "customers",
  "orders",
  "order_lines",
  "payments",
  "shipments",
  "tracking_events",
  "returns",
  "return_lines",
  "return_inspections",
  "claims",
  "claim_evidence",
  "amendments",
  "cancellations",
  "refunds",
  "store_credit_ledger",
  "discount_codes",
  "collaboration_applications",
  "staff_users",
  "support_cases",
  "case_messages",
  "audit_log",
  "outbox",
  "jobs",
  "api_keys",
  "kb_documents",
  "kb_passages",
  "assistant_conversations",
];

describe.each(testDatabases())("migrations on $name", (target) => {
  let store: Store;
  beforeAll(async () => {
    store = await target.open();
  });
  afterAll(async () => {
    await store.close();
  });

  it("create every table of the data model on a fresh database", async () => {
    const tables = (await store.db.introspection.getTables()).map((t) => t.name);
    for (const table of TABLES) expect(tables).toContain(table);
  });

  it("are idempotent: a second run applies nothing", async () => {
    const again = await migrateToLatest(store.db);
    expect(again.applied).toEqual([]);
    const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(
      store.db,
    );
    expect(rows.rows.map((r) => r.name)).toEqual(Object.keys(migrations));
  });

  it("keep the store-credit ledger and the audit log append-only", async () => {
    const now = new Date().toISOString();
    const brandId = newId();
    await store.db
      .insertInto("brands")
      .values({
        id: brandId,
        slug: "ledger-test",
        name: "L",
        currency: "USD",
        time_zone: "UTC",
        created_at: now,
        updated_at: now,
      })
      .execute();
    const entryId = newId();
    await store.db
      .insertInto("store_credit_ledger")
      .values({
        id: entryId,
        brand_id: brandId,
        customer_id: null,
        email: "a@example.com",
        amount: 500,
        currency: "USD",
        reason: "cancellation",
        source_type: null,
        source_id: null,
        idempotency_key: "k1",
        actor: null,
        created_at: now,
      })
      .execute();
    await expect(
      store.db.updateTable("store_credit_ledger").set({ amount: 5000 }).where("id", "=", entryId).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      store.db.deleteFrom("store_credit_ledger").where("id", "=", entryId).execute(),
    ).rejects.toThrow(/append-only/);
    await store.db
      .insertInto("audit_log")
      .values({
        id: newId(),
        brand_id: brandId,
        actor_type: "staff",
        actor_id: "x",
        action: "test",
        entity_type: "brand",
        entity_id: brandId,
        before: null,
        after: null,
        request_id: null,
        created_at: now,
      })
      .execute();
    await expect(store.db.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
  });

  it("enforce unique refund idempotency keys", async () => {
    const row = await store.db
      .selectFrom("brands")
      .select("id")
      .where("slug", "=", "ledger-test")
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const orderId = newId();
    await store.db
      .insertInto("orders")
      .values({
        id: orderId,
        brand_id: row.id,
        customer_id: null,
        number: "T-1",
        email: "a@example.com",
        phone: null,
        shipping_country: "US",
        status: "delivered",
        currency: "USD",
        total: 1000,
        policy_version: null,
        placed_at: now,
        dispatched_at: null,
        delivered_at: null,
        cancelled_at: null,
        external_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const refund = {
      brand_id: row.id,
      order_id: orderId,
      return_id: null,
      claim_id: null,
      cancellation_id: null,
      kind: "refund" as const,
      method: "original_payment" as const,
      amount: 100,
      currency: "USD",
      reason: null,
      status: "completed",
      idempotency_key: "same",
      issued_by: null,
      created_at: now,
      completed_at: now,
    };
    await store.db
      .insertInto("refunds")
      .values({ id: newId(), ...refund })
      .execute();
    await expect(
      store.db
        .insertInto("refunds")
        .values({ id: newId(), ...refund })
        .execute(),
    ).rejects.toThrow();
  });
});

describe("the outbox relay's claim on SQLite", () => {
  it("reads the oldest pending events in index order, without sorting the whole backlog", async () => {
    const store = createDb("sqlite::memory:");
    try {
      await migrateToLatest(store.db);
      const plan = await sql<{ detail: string }>`explain query plan
        select id from outbox where published_at is null
        and (claimed_until is null or claimed_until < '2030-01-01')
        order by created_at, id limit 100`.execute(store.db);
      const details = plan.rows.map((r) => r.detail).join("\n");
      expect(details).toContain("outbox_claim_order_idx");
      expect(details).not.toContain("TEMP B-TREE");
    } finally {
      await store.close();
    }
  });
});
