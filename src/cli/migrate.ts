// `aftercare migrate`: applies pending migrations to the store named by DATABASE_URL. Every command
// also migrates on first use; this one is for deploys that want the schema step on its own.
import { createDb } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { parseCommandArgs } from "./args.ts";
import { CliError } from "./cli-error.ts";
import { asCliError, cliConfig } from "./with-store.ts";

export async function run(argv: string[]): Promise<number> {
  const { positionals } = parseCommandArgs("migrate", argv, {});
  if (positionals.length) throw new CliError(`migrate: unexpected argument '${positionals[0]}'`);
  const store = createDb(cliConfig().databaseUrl);
  try {
    const { applied } = await migrateToLatest(store.db);
    if (!applied.length) process.stdout.write("store is up to date\n");
    for (const name of applied) process.stdout.write(`applied ${name}\n`);
    return 0;
  } catch (error) {
    throw asCliError(error);
  } finally {
    await store.close();
  }
}
