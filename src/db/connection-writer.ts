// The PostgreSQL counterpart of the write-behind worker (write-behind.ts): an import's batches of new
// orders are stored on a second connection from the pool, one transaction each, while the next batch
// is read, validated and planned on this thread. The server stores the rows on its own core, so the
// two halves of the work overlap instead of taking turns; nothing crosses a thread, as the driver is
// asynchronous already. A failure rejects with the driver's error and the transaction is rolled back.
import { CompiledQuery } from "kysely";
import type { Db } from "./database.ts";
import type { BatchWriter, WriteStatement } from "./write-behind.ts";

/** Stores batches of statements on the store's own pool, each in one transaction, in the order given. */
export class ConnectionWriter implements BatchWriter {
  readonly #db: Db;
  #last: Promise<unknown> = Promise.resolve();

  constructor(db: Db) {
    this.#db = db;
  }

  /** Stores the statements in one transaction, after every batch sent before; nothing on failure. */
  run(statements: readonly WriteStatement[]): Promise<void> {
    const stored = this.#last.then(() =>
      this.#db.transaction().execute(async (trx) => {
        for (const s of statements)
          await trx.executeQuery(CompiledQuery.raw(s.sql, s.parameters as unknown[]));
      }),
    );
    this.#last = stored.catch(() => {});
    return stored;
  }

  /** Waits for the batches sent before. */
  async close(): Promise<void> {
    await this.#last;
  }
}
