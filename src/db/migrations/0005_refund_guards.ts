// Guards that keep money from moving twice even when requests race: one refund per return and one per
// cancellation, enforced by the database so a second transaction fails instead of paying again.
// Also the amount a return's inspection settled on, which the refund pays.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // Partial unique indexes have the same syntax on SQLite and PostgreSQL.
  await sql`CREATE UNIQUE INDEX refunds_one_per_return ON refunds (return_id)
    WHERE kind = 'refund' AND return_id IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX refunds_one_per_cancellation ON refunds (cancellation_id)
    WHERE cancellation_id IS NOT NULL`.execute(db);
  await db.schema.alterTable("returns").addColumn("refund_amount", "integer").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("returns").dropColumn("refund_amount").execute();
  await sql`DROP INDEX IF EXISTS refunds_one_per_cancellation`.execute(db);
  await sql`DROP INDEX IF EXISTS refunds_one_per_return`.execute(db);
}
