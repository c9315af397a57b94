// Merging duplicate cases: the duplicate keeps a pointer to the case it was merged into, so a late
// reply to its old address (the reply token in mail sent before the merge) still lands in the right
// thread.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("support_cases").addColumn("merged_into", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("support_cases").dropColumn("merged_into").execute();
}
