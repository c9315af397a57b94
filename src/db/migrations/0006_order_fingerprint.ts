// What the last upsert of an order was given, as a hash tied to the row's updated_at: an import or a
// webhook that sends the same order again is recognised with one indexed read, and writes nothing.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("orders").addColumn("fingerprint", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("orders").dropColumn("fingerprint").execute();
}
