// The desk's inbox lists cases newest activity first (updated_at desc, then id). Without an index in
// that order every listing sorted all of a brand's cases, or all cases, to return the first fifty.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("support_cases_recent_idx")
    .on("support_cases")
    .columns(["updated_at desc", "id"])
    .execute();
  await db.schema
    .createIndex("support_cases_brand_recent_idx")
    .on("support_cases")
    .columns(["brand_id", "updated_at desc", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("support_cases_brand_recent_idx").execute();
  await db.schema.dropIndex("support_cases_recent_idx").execute();
}
