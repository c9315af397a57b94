// A second connection to a SQLite store file, in a worker thread, that runs ready-made writes: an
// order import works out batch N+1 (reading the file, validating, planning rows) on the main thread
// while SQLite stores batch N here, so the two halves of the work use both cores instead of taking
// turns. Each call is one transaction (BEGIN IMMEDIATE … COMMIT): it is stored whole or not at all,
// and a failure comes back as an error with SQLite's code, the transaction rolled back. The worker
// is started from source text so it runs the same whether Aftercare runs from its TypeScript or from
// the compiled command file.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

export interface WriteStatement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

export class WriteBehindError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = "WriteBehindError";
  }
}

// Plain JavaScript run by the worker (CommonJS, so `require` takes the driver's resolved path). The
// same settings as the store's own connection (database.ts). Prepared statements are kept by text:
// an import sends the same few multi-row inserts batch after batch.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.path);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.pragma("busy_timeout = 5000");
db.pragma("foreign_keys = ON");
const prepared = new Map();
const statement = (sql) => {
  let s = prepared.get(sql);
  if (!s) {
    s = db.prepare(sql);
    if (prepared.size > 200) prepared.clear();
    prepared.set(sql, s);
  }
  return s;
};
const begin = db.prepare("begin immediate");
const commit = db.prepare("commit");
const rollback = db.prepare("rollback");
parentPort.on("message", (message) => {
  if (message.close) {
    db.close();
    parentPort.close();
    return;
  }
  try {
    begin.run();
    try {
      for (const [sql, parameters] of message.statements) statement(sql).run(parameters);
      commit.run();
    } catch (error) {
      if (db.inTransaction) rollback.run();
      throw error;
    }
    parentPort.postMessage({ id: message.id, ok: true });
  } catch (error) {
    parentPort.postMessage({ id: message.id, ok: false, message: String(error && error.message || error), code: error && error.code });
  }
});
`;

/** Stores batches of statements, each in one transaction, in the order given. */
export interface BatchWriter {
  run(statements: readonly WriteStatement[]): Promise<void>;
}

/** Runs batches of writes on a SQLite file in a worker thread, one transaction per batch, in order. */
export class WriteBehind implements BatchWriter {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  #next = 0;
  #failed: Error | undefined;
  #exited = false;

  constructor(path: string) {
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver } });
    this.#worker.on("message", (m: { id: number; ok: boolean; message?: string; code?: string }) => {
      const waiter = this.#waiting.get(m.id);
      if (!waiter) return;
      this.#waiting.delete(m.id);
      if (m.ok) waiter.resolve();
      else waiter.reject(new WriteBehindError(m.message ?? "write failed", m.code));
    });
    const fail = (error: Error) => {
      this.#failed = error;
      for (const waiter of this.#waiting.values()) waiter.reject(error);
      this.#waiting.clear();
    };
    this.#worker.on("error", fail);
    this.#worker.on("exit", (code) => {
      this.#exited = true;
      if (this.#waiting.size) fail(new WriteBehindError(`the writer stopped (exit ${code})`, undefined));
    });
  }

  /** Stores the statements in one transaction; rejects with the first failure, nothing stored. */
  run(statements: readonly WriteStatement[]): Promise<void> {
    if (this.#failed) return Promise.reject(this.#failed);
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ id, statements: statements.map((s) => [s.sql, s.parameters]) });
    });
  }

  /** Closes the worker's connection once the batches sent before have been stored. */
  async close(): Promise<void> {
    if (this.#exited) return;
    if (this.#failed) {
      await this.#worker.terminate();
      return;
    }
    const exited = new Promise<void>((resolve) => this.#worker.once("exit", () => resolve()));
    this.#worker.postMessage({ close: true });
    await exited;
  }
}
