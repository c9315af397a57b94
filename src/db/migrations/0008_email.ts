// The email channel and what grows around it: outbound mail kept as rows (sent, or held for staff when no
// SMTP relay is configured), inbound mail that could not be stored (dead letters), case fields for
// request types and service levels, satisfaction ratings, the webhook delivery log and desk macros.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("email_outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand_id", "text", (c) => c.notNull().references("brands.id").onDelete("cascade"))
    .addColumn("case_id", "text", (c) => c.references("support_cases.id").onDelete("set null"))
    .addColumn("order_id", "text", (c) => c.references("orders.id").onDelete("set null"))
    .addColumn("template", "text", (c) => c.notNull())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("from_address", "text", (c) => c.notNull())
    .addColumn("reply_to", "text")
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text", (c) => c.notNull())
    .addColumn("message_id", "text", (c) => c.notNull().unique())
    .addColumn("in_reply_to", "text")
    .addColumn("references_header", "text")
    .addColumn("headers", "text", (c) => c.notNull().defaultTo("{}"))
    // One message per event and recipient, however often the event is handed over.
    .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("queued"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema
    .createIndex("email_outbox_status_idx")
    .on("email_outbox")
    .columns(["status", "created_at"])
    .execute();
  await db.schema.createIndex("email_outbox_case_idx").on("email_outbox").column("case_id").execute();

  await db.schema
    .createTable("email_dead_letters")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("mail_from", "text")
    .addColumn("recipients", "text", (c) => c.notNull().defaultTo("[]"))
    // The message exactly as received, base64, so it can be processed again after a fix.
    .addColumn("raw", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("case_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable("support_cases")
    .addColumn("request_type", "text", (c) => c.notNull().defaultTo("other"))
    .execute();
  await db.schema.alterTable("support_cases").addColumn("mailbox", "text").execute();
  await db.schema.alterTable("support_cases").addColumn("first_response_due_at", "text").execute();
  await db.schema.alterTable("support_cases").addColumn("closed_at", "text").execute();
  await db.schema.alterTable("case_messages").addColumn("references_header", "text").execute();
  await db.schema.alterTable("case_messages").addColumn("from_address", "text").execute();

  await db.schema
    .createTable("satisfaction_ratings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand_id", "text", (c) => c.notNull().references("brands.id").onDelete("cascade"))
    // One rating per case: the link is single use.
    .addColumn("case_id", "text", (c) =>
      c.notNull().unique().references("support_cases.id").onDelete("cascade"),
    )
    .addColumn("agent_id", "text")
    .addColumn("request_type", "text", (c) => c.notNull())
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("comment", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("satisfaction_ratings_brand_idx")
    .on("satisfaction_ratings")
    .columns(["brand_id", "created_at"])
    .execute();

  await db.schema
    .createTable("webhook_deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("subscription_id", "text", (c) =>
      c.notNull().references("webhook_subscriptions.id").onDelete("cascade"),
    )
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("event_type", "text", (c) => c.notNull())
    .addColumn("attempt", "integer", (c) => c.notNull())
    .addColumn("status_code", "integer")
    .addColumn("ok", "integer", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("duration_ms", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("webhook_deliveries_subscription_idx")
    .on("webhook_deliveries")
    .columns(["subscription_id", "created_at"])
    .execute();

  await db.schema
    .createTable("desk_macros")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand_id", "text", (c) => c.notNull().references("brands.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("desk_macros_brand_name_idx")
    .on("desk_macros")
    .columns(["brand_id", "name"])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "desk_macros",
    "webhook_deliveries",
    "satisfaction_ratings",
    "email_dead_letters",
    "email_outbox",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  for (const column of ["request_type", "mailbox", "first_response_due_at", "closed_at"]) {
    await db.schema.alterTable("support_cases").dropColumn(column).execute();
  }
  for (const column of ["references_header", "from_address"]) {
    await db.schema.alterTable("case_messages").dropColumn(column).execute();
  }
}
