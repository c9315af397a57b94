import type { Config } from "../config.ts";
import type { Store } from "../db/database.ts";

/** What the HTTP layer is given at start-up; routes take what they need from it. */
export interface ServerDeps {
  readonly config: Config;
  readonly store: Store;
  /** The clock, injectable for tests. */
  readonly now: () => Date;
  /** Signs sessions and links; defaults to config.sessionSecret (see sessionSecretOf in ./auth.ts). */
  readonly sessionSecret?: string;
}
