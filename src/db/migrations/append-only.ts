// Makes a table append-only in the database itself, so neither a bug nor a hand-written query can
// rewrite money or audit history: corrections are new rows, never edits.
import { type Kysely, sql } from "kysely";
import { dialectOf } from "../database.ts";

export async function makeAppendOnly(db: Kysely<unknown>, table: string): Promise<void> {
  const name = sql.raw(table);
  if (dialectOf(db) === "postgres") {
    await sql`CREATE OR REPLACE FUNCTION aftercare_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${name}
      FOR EACH ROW EXECUTE FUNCTION aftercare_reject_change()`.execute(db);
    return;
  }
  for (const event of ["UPDATE", "DELETE"]) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_${event.toLowerCase()}`)} BEFORE ${sql.raw(event)} ON ${name}
      BEGIN SELECT RAISE(ABORT, ${sql.lit(`${table} is append-only`)}); END`.execute(db);
  }
}
