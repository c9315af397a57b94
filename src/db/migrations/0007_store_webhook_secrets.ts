// The secret a brand's store platform signs its order webhooks with (X-Shopify-Hmac-Sha256). It lives
// in its own table rather than in brands.settings: the brand row is copied whole into audit rows and
// rewritten by `aftercare init` and `brand add`, and a signing secret must neither leak into the audit
// log nor vanish when an admin re-runs the brand set-up. Kept in clear because every webhook is checked
// against it; no API answer ever includes it.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("store_webhook_secrets")
    .addColumn("brand_id", "text", (c) => c.primaryKey().references("brands.id").onDelete("cascade"))
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("store_webhook_secrets").ifExists().execute();
}
