// Brands with their versioned policies, customers, orders with lines, payments and shipments.
// Column types are the ones SQLite and PostgreSQL share (see src/db/schema.ts).
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("brands")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("settings", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("theme", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("policy_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand_id", "text", (c) => c.notNull().references("brands.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("yaml", "text", (c) => c.notNull())
    .addColumn("source", "text")
    .addColumn("effective_from", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    // Two publishers racing for the same version number: one of them fails instead of both winning.
    .addUniqueConstraint("policy_versions_brand_version_unique", ["brand_id", "version"])
    .execute();
  await db.schema
    .createIndex("policy_versions_brand_effective_idx")
    .on("policy_versions")
    .columns(["brand_id", "effective_from"])
    .execute();

  await db.schema
    .createTable("customers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand_id", "text", (c) => c.notNull().references("brands.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text")
    .addColumn("phone", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("customers_brand_email_unique", ["brand_id", "email"])
    .execute();

  await db.schema
    .createTable("orders")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand_id", "text", (c) => c.notNull().references("brands.id").onDelete("cascade"))
    .addColumn("customer_id", "text", (c) => c.references("customers.id").onDelete("set null"))
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("shipping_address", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("shipping_country", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("subtotal", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("shipping_charged", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("discount_total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("tax_total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("total", "integer", (c) => c.notNull())
    .addColumn("policy_version", "integer")
    .addColumn("placed_at", "text", (c) => c.notNull())
    .addColumn("dispatched_at", "text")
    .addColumn("delivered_at", "text")
    .addColumn("cancelled_at", "text")
    .addColumn("source", "text", (c) => c.notNull().defaultTo("api"))
    .addColumn("external_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    // Order import upserts by brand + number, so re-importing a file changes nothing.
    .addUniqueConstraint("orders_brand_number_unique", ["brand_id", "number"])
    .execute();
  await db.schema.createIndex("orders_brand_email_idx").on("orders").columns(["brand_id", "email"]).execute();
  await db.schema.createIndex("orders_customer_idx").on("orders").column("customer_id").execute();

  await db.schema
    .createTable("order_lines")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id").onDelete("cascade"))
    .addColumn("line_key", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("sku", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("unit_price", "integer", (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addColumn("returned_quantity", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("final_sale", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("on_sale", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("order_lines_order_key_unique", ["order_id", "line_key"])
    .execute();

  await db.schema
    .createTable("payments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id").onDelete("cascade"))
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("amount", "integer", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("cleared", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("cleared_at", "text")
    .addColumn("reference", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("payments_order_idx").on("payments").column("order_id").execute();

  await db.schema
    .createTable("shipments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id").onDelete("cascade"))
    .addColumn("courier", "text")
    .addColumn("tracking_number", "text")
    .addColumn("tracking_url", "text")
    .addColumn("last_mile_courier", "text")
    .addColumn("last_mile_tracking_number", "text")
    .addColumn("last_mile_contact", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("in_transit"))
    .addColumn("dispatched_at", "text")
    .addColumn("delivered_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("shipments_order_idx").on("shipments").column("order_id").execute();
  await db.schema.createIndex("shipments_tracking_idx").on("shipments").column("tracking_number").execute();

  await db.schema
    .createTable("tracking_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("shipment_id", "text", (c) => c.notNull().references("shipments.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("location", "text")
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    // Couriers resend events; the same status at the same moment is stored once.
    .addUniqueConstraint("tracking_events_dedupe_unique", ["shipment_id", "status", "occurred_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "tracking_events",
    "shipments",
    "payments",
    "order_lines",
    "orders",
    "customers",
    "policy_versions",
    "brands",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
