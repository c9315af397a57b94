// Opens Aftercare's store: an embedded SQLite file by default, PostgreSQL when a store outgrows one
// machine. Both sit behind the same Kysely<Database>, so use cases never know which one they use;
// the rare query that must differ asks dialectOf(db).
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from "kysely";
import pg from "pg";
import type { Database } from "./schema.ts";

export type Db = Kysely<Database>;
export type SqlDialect = "sqlite" | "postgres";

export interface Store {
  readonly db: Db;
  readonly dialect: SqlDialect;
  close(): Promise<void>;
}

export type DatabaseLocation = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };

export function parseDatabaseUrl(url: string): DatabaseLocation {
  if (url.startsWith("sqlite:")) {
    // Accept both sqlite:./file.db and sqlite:///abs/file.db.
    const path = url.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "");
    if (!path) throw new Error("DATABASE_URL sqlite: needs a file path, e.g. sqlite:./data/aftercare.db");
    return { kind: "sqlite", path };
  }
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return { kind: "postgres", url };
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got '${url}')`);
}

/** Connects without migrating; most callers want openStore from ./store.ts instead. */
export function createDb(url: string): Store {
  const location = parseDatabaseUrl(url);
  if (location.kind === "sqlite") {
    const path = location.path === ":memory:" ? location.path : resolve(location.path);
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    const sqlite = new SQLite(path);
    // WAL lets the server read while a CLI import writes; the busy timeout makes a second process wait
    // for the write lock instead of failing at once; SQLite leaves foreign keys off unless asked.
    // synchronous=NORMAL with WAL syncs at checkpoints rather than at every commit: a committed write
    // survives the process being killed (it is in the log), and the file is never corrupted; only an
    // operating-system crash or power cut can lose the last moments of commits.
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("foreign_keys = ON");
    const db = new Kysely<Database>({
      dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
    });
    return { db, dialect: "sqlite", close: () => db.destroy() };
  }
  // A server that does not answer at all (network cut) fails a request after 5s instead of holding it.
  const pool = new pg.Pool({ connectionString: location.url, max: 10, connectionTimeoutMillis: 5000 });
  // An idle connection the server closes (restart, failover, a dropped test database) must not crash
  // the process; the pool replaces it on the next query.
  pool.on("error", () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", close: () => db.destroy() };
}

/**
 * Transactions on SQLite take the write lock when they begin (BEGIN IMMEDIATE), waiting up to the busy
 * timeout for it. A deferred transaction that reads first and writes later fails at once with
 * SQLITE_BUSY if another process (an import, a second server) committed in between, since SQLite
 * cannot wait its way out of that; taking the lock first makes the wait apply.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** Prepared statements kept per connection; the least recently used is dropped beyond this. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query it runs, and preparing (parsing and planning the SQL)
 * costs more than running a lookup by key. The same SQL text always compiles to the same statement,
 * so statements are kept by their text and reused. Safe because the driver runs one query at a time
 * on its single connection and reads every row before the next query starts.
 */
export function withStatementCache(sqlite: SQLite.Database, size = STATEMENT_CACHE_SIZE): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, property, receiver) {
      if (property !== "prepare") {
        const value = Reflect.get(target, property, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      }
      return (source: string) => {
        let statement = cache.get(source);
        if (statement) {
          // Move to the back: the Map's insertion order is the recency order.
          cache.delete(source);
        } else {
          statement = prepare(source);
          if (cache.size >= size) {
            const oldest = cache.keys().next().value;
            if (oldest !== undefined) cache.delete(oldest);
          }
        }
        cache.set(source, statement);
        return statement;
      };
    },
  });
}

// Connection failures: refused or reset sockets, and PostgreSQL's own "shutting down", "cannot
// connect now" and connection-exception classes (57P01–57P03, 08xxx).
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * True when an error means the database cannot be reached at the moment (PostgreSQL stopped,
 * restarting or cut off), as opposed to a query that failed: the request may simply be tried again.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (UNREACHABLE_CODES.has(code) || /^(57P0[123]|08\w{3})$/.test(code)))
      return true;
    const message = e instanceof Error ? e.message : "";
    if (
      /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
        message,
      )
    )
      return true;
    if (e instanceof AggregateError && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}

/** Which database a handle (or a transaction on it) talks to. */
export function dialectOf(db: Kysely<unknown>): SqlDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

export { newId } from "./ids.ts";
