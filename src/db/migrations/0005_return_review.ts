// A return the policy left to a person (a fault reported on a final-sale item) records who decided it,
// when, which way and why, so the shopper's view and the audit trail can show the person's word next
// to the engine's reasons.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("returns").addColumn("review", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("returns").dropColumn("review").execute();
}
