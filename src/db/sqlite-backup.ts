// Online copies of an SQLite store. A backup is taken with `VACUUM INTO` from a read transaction: in WAL
// mode writers carry on meanwhile, and the copy is the store as it was at one moment (SQLite's
// page-by-page backup API restarts whenever another process writes, so under steady writes it may
// never finish). A restore checks the copy first, then writes it into the live file through SQLite's
// backup API, which takes the store's locks like any writer, so the WAL and shared memory stay right.
import { existsSync, rmSync, statSync } from "node:fs";
import { resolve } from "node:path";
import SQLite from "better-sqlite3";

export interface BackupReport {
  readonly path: string;
  readonly bytes: number;
  readonly orders: number;
  readonly seconds: number;
}

/** Problems with a file as an Aftercare store, or none: integrity and the migrations table. */
export function checkStoreFile(path: string): string[] {
  if (!existsSync(path)) return [`${path} does not exist`];
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(path, { readonly: true, fileMustExist: true });
    const integrity = db.pragma("integrity_check") as { integrity_check: string }[];
    const problems = integrity.map((r) => r.integrity_check).filter((r) => r !== "ok");
    const tables = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name in ('kysely_migration', 'orders')",
      )
      .pluck()
      .all();
    if (tables.length < 2) problems.push("not an Aftercare store (no migrations or orders table)");
    return problems;
  } catch (error) {
    return [`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`];
  } finally {
    db?.close();
  }
}

/** Writes a consistent copy of the store at `source` to `target` (which must not exist yet). */
export function backupSqlite(source: string, target: string): BackupReport {
  const started = performance.now();
  const to = resolve(target);
  if (existsSync(to)) throw new Error(`${to} already exists; name a new file`);
  const db = new SQLite(resolve(source), { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    db.prepare("vacuum into ?").run(to);
  } finally {
    db.close();
  }
  const problems = checkStoreFile(to);
  if (problems.length) {
    rmSync(to, { force: true });
    throw new Error(`the copy failed its check: ${problems.join("; ")}`);
  }
  const copy = new SQLite(to, { readonly: true });
  const orders = copy.prepare("select count(*) from orders").pluck().get() as number;
  copy.close();
  return { path: to, bytes: statSync(to).size, orders, seconds: (performance.now() - started) / 1000 };
}

/** Replaces the store at `target` with the checked copy at `source`. */
export async function restoreSqlite(source: string, target: string): Promise<BackupReport> {
  const started = performance.now();
  const from = resolve(source);
  const problems = checkStoreFile(from);
  if (problems.length) throw new Error(`${from} cannot be restored: ${problems.join("; ")}`);
  const copy = new SQLite(from, { readonly: true });
  try {
    await copy.backup(resolve(target));
  } finally {
    copy.close();
  }
  const db = new SQLite(resolve(target));
  const orders = db.prepare("select count(*) from orders").pluck().get() as number;
  db.close();
  return {
    path: resolve(target),
    bytes: statSync(from).size,
    orders,
    seconds: (performance.now() - started) / 1000,
  };
}
