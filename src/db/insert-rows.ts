// Multi-row INSERTs for bulk writes (order imports write tens of thousands of rows per file), as plain
// SQL with bound parameters. Building Kysely's operation tree for every row costs more than the
// database spends storing it, so the statement text is made here and kept: one text per table,
// column list, dialect and row count. Row counts come from a short fixed ladder (a batch of 937 rows
// is sent as 400 + 400 + 100 + 25 + 5 + 5 + 1 + 1), so there are only a handful of texts per table,
// and the store's prepared-statement cache (database.ts) reuses the same few statements every batch.
import { CompiledQuery, type Insertable, PostgresAdapter } from "kysely";
import type { Db } from "./database.ts";
import type { Database } from "./schema.ts";

/** Rows per statement, largest first; 400 rows stay under both databases' bound-parameter limits. */
const LADDER = [400, 100, 25, 5, 1] as const;

const texts = new Map<string, string>();

function insertText(postgres: boolean, table: string, columns: readonly string[], rows: number): string {
  const key = `${postgres ? "p" : "s"}\u0000${table}\u0000${columns.join("\u0000")}\u0000${rows}`;
  let text = texts.get(key);
  if (text === undefined) {
    const tuples: string[] = [];
    let n = 0;
    for (let r = 0; r < rows; r++) {
      const marks: string[] = [];
      for (let c = 0; c < columns.length; c++) marks.push(postgres ? `$${++n}` : "?");
      tuples.push(`(${marks.join(", ")})`);
    }
    const names = columns.map((c) => `"${c}"`).join(", ");
    text = `insert into "${table}" (${names}) values ${tuples.join(", ")}`;
    texts.set(key, text);
  }
  return text;
}

/**
 * Inserts rows that all have the same keys (a missing value is written as NULL). Rows whose keys
 * differ are inserted with Kysely's own builder, which fills the gaps with DEFAULT.
 */
export async function insertRows<T extends keyof Database & string>(
  db: Db,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  for (const statement of insertStatements(db, table, rows)) await db.executeQuery(statement);
}

/** The statements insertRows runs, for running elsewhere (a write-behind connection). */
export function insertStatements<T extends keyof Database & string>(
  db: Db,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): CompiledQuery[] {
  const first = rows[0];
  if (!first) return [];
  const out: CompiledQuery[] = [];
  const columns = Object.keys(first);
  if (!sameKeys(rows as readonly object[], columns)) {
    for (let from = 0; from < rows.length; from += LADDER[0])
      out.push(
        db
          .insertInto(table)
          .values(rows.slice(from, from + LADDER[0]) as Insertable<Database[T]>[])
          .compile(),
      );
    return out;
  }
  // PostgreSQL numbers its placeholders; SQLite takes them in order.
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  let at = 0;
  for (const size of LADDER) {
    while (rows.length - at >= size) {
      const params: unknown[] = new Array(size * columns.length);
      let p = 0;
      for (let r = at; r < at + size; r++) {
        const row = rows[r] as Record<string, unknown>;
        for (const column of columns) params[p++] = row[column] ?? null;
      }
      out.push(CompiledQuery.raw(insertText(postgres, table, columns, size), params));
      at += size;
    }
  }
  return out;
}

function sameKeys(rows: readonly object[], columns: readonly string[]): boolean {
  for (const row of rows) {
    if (Object.keys(row).length !== columns.length) return false;
    for (const column of columns) if (!(column in row)) return false;
  }
  return true;
}
