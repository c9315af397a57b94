// The care desk (staff, cases, messages, collaborations) and the platform tables: audit log, outbox
// of domain events, the job queue and API keys.
import type { Kysely } from "kysely";
import { makeAppendOnly } from "./append-only.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("collaboration_applications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand_id", "text", (c) => c.notNull().references("brands.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("handle", "text", (c) => c.notNull())
    .addColumn("followers", "integer")
    .addColumn("message", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("new"))
    .addColumn("reviewed_by", "text")
    .addColumn("reviewed_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("collaboration_applications_queue_idx")
    .on("collaboration_applications")
    .columns(["brand_id", "status"])
    .execute();

  await db.schema
    .createTable("staff_users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("brand_id", "text", (c) => c.references("brands.id").onDelete("cascade"))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_login_at", "text")
    .execute();

  await db.schema
    .createTable("support_cases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand_id", "text", (c) => c.notNull().references("brands.id").onDelete("cascade"))
    .addColumn("order_id", "text", (c) => c.references("orders.id").onDelete("set null"))
    .addColumn("customer_email", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("priority", "text", (c) => c.notNull().defaultTo("normal"))
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("assignee_id", "text", (c) => c.references("staff_users.id").onDelete("set null"))
    .addColumn("reply_token", "text", (c) => c.notNull().unique())
    .addColumn("sla_due_at", "text")
    .addColumn("first_response_at", "text")
    .addColumn("resolved_at", "text")
    .addColumn("csat_score", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("support_cases_inbox_idx")
    .on("support_cases")
    .columns(["brand_id", "status", "updated_at"])
    .execute();
  await db.schema.createIndex("support_cases_order_idx").on("support_cases").column("order_id").execute();

  await db.schema
    .createTable("case_messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull().references("support_cases.id").onDelete("cascade"))
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("author_type", "text", (c) => c.notNull())
    .addColumn("author_id", "text")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("is_internal", "integer", (c) => c.notNull().defaultTo(0))
    // Mail servers redeliver; a Message-ID is stored once.
    .addColumn("email_message_id", "text", (c) => c.unique())
    .addColumn("in_reply_to", "text")
    .addColumn("attachments", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("case_messages_case_idx")
    .on("case_messages")
    .columns(["case_id", "created_at"])
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand_id", "text")
    .addColumn("actor_type", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("before", "text")
    .addColumn("after", "text")
    .addColumn("request_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("audit_log_entity_idx")
    .on("audit_log")
    .columns(["entity_type", "entity_id"])
    .execute();
  await db.schema.createIndex("audit_log_created_idx").on("audit_log").column("created_at").execute();
  await makeAppendOnly(db, "audit_log");

  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand_id", "text")
    .addColumn("event_type", "text", (c) => c.notNull())
    .addColumn("aggregate_type", "text", (c) => c.notNull())
    .addColumn("aggregate_id", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .execute();
  await db.schema
    .createIndex("outbox_pending_idx")
    .on("outbox")
    .columns(["published_at", "created_at"])
    .execute();

  // Workers claim due jobs with UPDATE … WHERE status = 'queued' (FOR UPDATE SKIP LOCKED on
  // PostgreSQL), so each job runs once even with several instances behind a load balancer.
  await db.schema
    .createTable("jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("run_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("queued"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull().defaultTo(5))
    .addColumn("locked_by", "text")
    .addColumn("locked_until", "text")
    .addColumn("last_error", "text")
    .addColumn("dedupe_key", "text", (c) => c.unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("jobs_due_idx").on("jobs").columns(["status", "run_at"]).execute();

  await db.schema
    .createTable("api_keys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand_id", "text", (c) => c.references("brands.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("key_prefix", "text", (c) => c.notNull().unique())
    .addColumn("key_hash", "text", (c) => c.notNull())
    .addColumn("scopes", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "api_keys",
    "jobs",
    "outbox",
    "audit_log",
    "case_messages",
    "support_cases",
    "staff_users",
    "collaboration_applications",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
