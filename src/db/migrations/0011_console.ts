// The staff console's own data: scenarios saved against a brand's policy, replayed against every draft
// in the policy editor before it is published (as `aftercare policy test` does with files).
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("policy_scenarios")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand_id", "text", (c) => c.notNull().references("brands.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    /** JSON: a scenario (now, order, request) with its `expect` block. */
    .addColumn("scenario", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("policy_scenarios_brand_name")
    .on("policy_scenarios")
    .columns(["brand_id", "name"])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("policy_scenarios").ifExists().execute();
}
