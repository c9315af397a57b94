// `aftercare restore PATH`: puts a copy made by `aftercare backup` back as the SQLite store named by
// DATABASE_URL, after checking it, then brings its schema up to date. Stop the server first: a running
// server would keep answering from what it had cached.
import { parseDatabaseUrl } from "../db/database.ts";
import { restoreSqlite } from "../db/sqlite-backup.ts";
import { openStore } from "../db/store.ts";
import { parseCommandArgs } from "./args.ts";
import { CliError } from "./cli-error.ts";
import { asCliError, cliConfig } from "./with-store.ts";

const USAGE = `usage: aftercare restore PATH

Replaces the SQLite store (DATABASE_URL) with the backup at PATH, after checking the backup's integrity,
then applies any newer migrations. Stop the server (and workers) first.
`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("restore", argv, {
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [path, ...extra] = positionals;
  if (!path || extra.length) throw new CliError(`restore: name exactly one PATH\n${USAGE}`);
  const config = cliConfig();
  const location = parseDatabaseUrl(config.databaseUrl);
  if (location.kind !== "sqlite" || location.path === ":memory:")
    throw new CliError("restore: the store is on PostgreSQL; use pg_restore", 1);
  let report: Awaited<ReturnType<typeof restoreSqlite>>;
  try {
    report = await restoreSqlite(path, location.path);
  } catch (error) {
    throw new CliError(`restore: ${error instanceof Error ? error.message : String(error)}`, 1);
  }
  try {
    const store = await openStore(config);
    await store.close();
  } catch (error) {
    throw asCliError(error);
  }
  process.stdout.write(`restored ${report.path} from ${path}: ${report.orders} orders\n`);
  return 0;
}
