// The one way commands and the server open the store: connect per DATABASE_URL and migrate, so a fresh
// install works on first use without a separate setup step.
import type { Config } from "../config.ts";
import { createDb, type Store } from "./database.ts";
import { migrateToLatest } from "./migrate.ts";

export async function openStore(config: Pick<Config, "databaseUrl">): Promise<Store> {
  const store = createDb(config.databaseUrl);
  try {
    await migrateToLatest(store.db);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
