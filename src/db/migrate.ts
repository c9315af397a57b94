// Brings a store's schema up to date. Kysely's Migrator records applied migrations in its own table and
// takes a lock while it runs, so two processes starting at once apply each migration once.
import { Migrator } from "kysely";
import type { Db } from "./database.ts";
import { migrationProvider } from "./migrations/index.ts";

export interface MigrationReport {
  /** Names applied by this run, in order; empty when the store was already up to date. */
  readonly applied: readonly string[];
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "MigrationError";
  }
}

export async function migrateToLatest(db: Db): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      failed ? `migration ${failed} failed: ${reason}` : `migrations failed: ${reason}`,
      failed,
      { cause: error },
    );
  }
  return { applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName) };
}
