// Fresh databases for store tests, so every suite runs on SQLite and, when TEST_DATABASE_URL names a
// PostgreSQL server, on PostgreSQL too:
//
//   describe.each(testDatabases())("add-brand on $name", (target) => {
//     let store: Store;
//     beforeAll(async () => { store = await target.open(); });
//     afterAll(() => store.close());
//   });
//
// Each open() gives a new, migrated, empty database that close() throws away.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createDb, type SqlDialect, type Store } from "./database.ts";
import { migrateToLatest } from "./migrate.ts";

export interface TestDatabase {
  readonly name: SqlDialect;
  /** The database URL of a fresh store; `close()` on the store removes the database. */
  open(): Promise<Store & { readonly url: string }>;
}

// Tests are the one place outside src/config.ts that reads the environment: the test runner's
// environment is their configuration.
export function testDatabases(
  env: Readonly<Record<string, string | undefined>> = process.env,
): TestDatabase[] {
  const targets: TestDatabase[] = [{ name: "sqlite", open: openSqlite }];
  const serverUrl = env.TEST_DATABASE_URL;
  if (serverUrl) targets.push({ name: "postgres", open: () => openPostgres(serverUrl) });
  return targets;
}

async function openSqlite(): Promise<Store & { readonly url: string }> {
  const dir = mkdtempSync(join(tmpdir(), "aftercare-test-"));
  const url = `sqlite:${join(dir, "store.db")}`;
  const store = createDb(url);
  await migrateToLatest(store.db);
  return {
    ...store,
    url,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(serverUrl: string): Promise<Store & { readonly url: string }> {
  const name = `aftercare_test_${process.pid}_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  const url = target.toString();
  const store = createDb(url);
  await migrateToLatest(store.db);
  return {
    ...store,
    url,
    close: async () => {
      await store.close();
      await withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/**
 * Runs a statement on the server of `serverUrl`. The named database may not exist on a developer's
 * machine (the CI creates it), so fall back to the `postgres` maintenance database.
 */
async function withAdmin(serverUrl: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  let client = new pg.Client({ connectionString: serverUrl });
  try {
    await client.connect();
  } catch (error) {
    if (!(error instanceof Error) || (error as { code?: string }).code !== "3D000") throw error;
    const fallback = new URL(serverUrl);
    fallback.pathname = "/postgres";
    client = new pg.Client({ connectionString: fallback.toString() });
    await client.connect();
  }
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
