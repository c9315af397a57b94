// Returns with their lines and inspections, claims with evidence, amendments, cancellations, and the
// money tables: refunds (idempotent), the append-only store-credit ledger, discount codes.
import type { Kysely } from "kysely";
import { makeAppendOnly } from "./append-only.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("returns")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand_id", "text", (c) => c.notNull().references("brands.id").onDelete("cascade"))
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id").onDelete("cascade"))
    .addColumn("rma_number", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("refund_method", "text")
    .addColumn("quoted_amount", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("return_courier", "text")
    .addColumn("return_tracking_number", "text")
    .addColumn("return_tracking_url", "text")
    .addColumn("proof_of_postage", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("authorized_at", "text")
    .addColumn("shipped_at", "text")
    .addColumn("received_at", "text")
    .addColumn("inspected_at", "text")
    .addColumn("closed_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("returns_order_idx").on("returns").column("order_id").execute();
  await db.schema
    .createIndex("returns_brand_status_idx")
    .on("returns")
    .columns(["brand_id", "status"])
    .execute();

  await db.schema
    .createTable("return_lines")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("return_id", "text", (c) => c.notNull().references("returns.id").onDelete("cascade"))
    .addColumn("order_line_id", "text", (c) => c.notNull().references("order_lines.id").onDelete("cascade"))
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("condition", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("wanted_sku", "text")
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("reasons", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await db.schema.createIndex("return_lines_return_idx").on("return_lines").column("return_id").execute();

  await db.schema
    .createTable("return_inspections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("return_line_id", "text", (c) => c.notNull().references("return_lines.id").onDelete("cascade"))
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("condition", "text", (c) => c.notNull())
    .addColumn("notes", "text")
    .addColumn("decision", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("inspected_by", "text")
    .addColumn("inspected_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("return_inspections_line_idx")
    .on("return_inspections")
    .column("return_line_id")
    .execute();

  await db.schema
    .createTable("claims")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand_id", "text", (c) => c.notNull().references("brands.id").onDelete("cascade"))
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id").onDelete("cascade"))
    .addColumn("return_id", "text", (c) => c.references("returns.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("details", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("decision", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("qc_decision", "text")
    .addColumn("qc_notes", "text")
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("claims_order_idx").on("claims").column("order_id").execute();
  await db.schema
    .createIndex("claims_brand_status_idx")
    .on("claims")
    .columns(["brand_id", "status"])
    .execute();

  await db.schema
    .createTable("claim_evidence")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("claim_id", "text", (c) => c.notNull().references("claims.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("storage_name", "text", (c) => c.notNull().unique())
    .addColumn("original_name", "text")
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("claim_evidence_claim_idx").on("claim_evidence").column("claim_id").execute();

  await db.schema
    .createTable("amendments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id").onDelete("cascade"))
    .addColumn("changes", "text", (c) => c.notNull())
    .addColumn("before", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("decision", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("requested_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .execute();
  await db.schema.createIndex("amendments_order_idx").on("amendments").column("order_id").execute();

  await db.schema
    .createTable("cancellations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id").onDelete("cascade"))
    .addColumn("reason", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("resolution_method", "text")
    .addColumn("amount", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("decision", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .execute();
  await db.schema.createIndex("cancellations_order_idx").on("cancellations").column("order_id").execute();

  // Money rows keep their brand and order: a refund must outlive any tidy-up of the order around it.
  await db.schema
    .createTable("refunds")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand_id", "text", (c) => c.notNull().references("brands.id"))
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id"))
    .addColumn("return_id", "text", (c) => c.references("returns.id"))
    .addColumn("claim_id", "text", (c) => c.references("claims.id"))
    .addColumn("cancellation_id", "text", (c) => c.references("cancellations.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("amount", "integer", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
    .addColumn("issued_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("completed_at", "text")
    .execute();
  await db.schema.createIndex("refunds_order_idx").on("refunds").column("order_id").execute();
  await db.schema.createIndex("refunds_return_idx").on("refunds").column("return_id").execute();

  await db.schema
    .createTable("store_credit_ledger")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand_id", "text", (c) => c.notNull().references("brands.id"))
    .addColumn("customer_id", "text", (c) => c.references("customers.id"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("amount", "integer", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("source_type", "text")
    .addColumn("source_id", "text")
    .addColumn("idempotency_key", "text", (c) => c.unique())
    .addColumn("actor", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("store_credit_ledger_holder_idx")
    .on("store_credit_ledger")
    .columns(["brand_id", "email"])
    .execute();
  await makeAppendOnly(db, "store_credit_ledger");

  await db.schema
    .createTable("discount_codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand_id", "text", (c) => c.notNull().references("brands.id").onDelete("cascade"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("percent_off", "integer")
    .addColumn("amount_off", "integer")
    .addColumn("currency", "text")
    .addColumn("valid_from", "text")
    .addColumn("valid_until", "text")
    .addColumn("exclude_sale_items", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("max_uses", "integer")
    .addColumn("times_used", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("discount_codes_brand_code_unique", ["brand_id", "code"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "discount_codes",
    "store_credit_ledger",
    "refunds",
    "cancellations",
    "amendments",
    "claim_evidence",
    "claims",
    "return_inspections",
    "return_lines",
    "returns",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
