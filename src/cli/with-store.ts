// Opens the store named by DATABASE_URL for one command, closes it afterwards, and turns the errors a
// person at the terminal can fix (bad settings, unknown brand, invalid input) into plain messages.

import { AppError } from "../app/kernel/errors.ts";
import { type Config, ConfigError, loadConfig } from "../config.ts";
import type { Store } from "../db/database.ts";
import { MigrationError } from "../db/migrate.ts";
import { openStore } from "../db/store.ts";
import { CliError } from "./cli-error.ts";

export function cliConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, 2);
    throw error;
  }
}

/** Maps use-case errors to exit 1 with their message; anything else stays a bug report. */
export function asCliError(error: unknown): unknown {
  if (error instanceof AppError || error instanceof MigrationError) return new CliError(error.message, 1);
  return error;
}

export async function withStore<T>(work: (store: Store, config: Config) => Promise<T>): Promise<T> {
  const config = cliConfig();
  let store: Store;
  try {
    store = await openStore(config);
  } catch (error) {
    throw asCliError(error);
  }
  try {
    return await work(store, config);
  } catch (error) {
    throw asCliError(error);
  } finally {
    await store.close();
  }
}
