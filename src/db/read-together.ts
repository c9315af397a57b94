// A use case that answers from several reads (a shopper's order view: the order, its lines, parcels,
// returns, payments, tracking) runs them as one read transaction on SQLite. Each statement outside a
// transaction is a transaction of its own, and starting one costs SQLite file-lock system calls that
// take longer than a lookup by key; one transaction around the reads pays that once, and the reads see
// one consistent state of the store (no half-applied change between the order and its lines).
//
// The transaction is deferred (plain BEGIN): it never takes the write lock, so an import or another
// server writing at the same time is neither blocked nor blocking (WAL readers do not wait). The
// single SQLite connection is held while the reads run; they are synchronous underneath, so other
// requests wait only for those few statements. PostgreSQL keeps its reads as they are: there they run
// side by side on the pool, which one transaction would serialise onto one connection.
import { CompiledQuery, type Kysely } from "kysely";
import { type Db, dialectOf } from "./database.ts";

const BEGIN = CompiledQuery.raw("begin");
const COMMIT = CompiledQuery.raw("commit");
const ROLLBACK = CompiledQuery.raw("rollback");

/** Handles already inside a read transaction: a nested readTogether simply runs on them. */
const reading = new WeakSet<Db>();

/**
 * Runs `reads` with a handle whose queries share one read transaction (SQLite), or with `db` itself
 * (PostgreSQL, or when already in a transaction). `reads` must make every query through the handle it
 * is given and must not write: a query on another handle would wait for the connection held here.
 */
export async function readTogether<T>(db: Db, reads: (db: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction || reading.has(db) || dialectOf(db as unknown as Kysely<unknown>) !== "sqlite")
    return reads(db);
  return db.connection().execute(async (connection) => {
    reading.add(connection);
    await connection.executeQuery(BEGIN);
    let result: T;
    try {
      result = await reads(connection);
    } catch (error) {
      await connection.executeQuery(ROLLBACK);
      throw error;
    }
    await connection.executeQuery(COMMIT);
    return result;
  });
}
