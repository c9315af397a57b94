// Outbound webhooks and the outbox relay. Admins subscribe a URL of a brand to some event types; the
// relay claims unpublished outbox rows (claimed_by / claimed_until) so that two server instances never
// hand the same event to subscribers twice, and a relay that dies mid-batch loses its claim after a while.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("webhook_subscriptions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand_id", "text", (c) => c.notNull().references("brands.id").onDelete("cascade"))
    .addColumn("url", "text", (c) => c.notNull())
    // Kept in clear because every delivery is signed with it; shown to the admin once, at creation.
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("events", "text", (c) => c.notNull().defaultTo('["*"]'))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("webhook_subscriptions_brand_idx")
    .on("webhook_subscriptions")
    .columns(["brand_id", "active"])
    .execute();

  await db.schema.alterTable("outbox").addColumn("claimed_by", "text").execute();
  await db.schema.alterTable("outbox").addColumn("claimed_until", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("outbox").dropColumn("claimed_until").execute();
  await db.schema.alterTable("outbox").dropColumn("claimed_by").execute();
  await db.schema.dropTable("webhook_subscriptions").ifExists().execute();
}
