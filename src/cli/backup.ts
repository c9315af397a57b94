// `aftercare backup PATH`: a consistent copy of the SQLite store named by DATABASE_URL, taken while the
// server keeps serving and writing (see src/db/sqlite-backup.ts). PostgreSQL has its own tools.
import { parseDatabaseUrl } from "../db/database.ts";
import { backupSqlite } from "../db/sqlite-backup.ts";
import { parseCommandArgs } from "./args.ts";
import { CliError } from "./cli-error.ts";
import { cliConfig } from "./with-store.ts";

const USAGE = `usage: aftercare backup PATH

Writes a consistent copy of the SQLite store (DATABASE_URL) to PATH, a new file, while the server keeps
running and writing. Bring it back with \`aftercare restore PATH\`. On PostgreSQL use pg_dump.
`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("backup", argv, { help: { type: "boolean", short: "h" } });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [path, ...extra] = positionals;
  if (!path || extra.length) throw new CliError(`backup: name exactly one PATH\n${USAGE}`);
  const location = parseDatabaseUrl(cliConfig().databaseUrl);
  if (location.kind !== "sqlite" || location.path === ":memory:")
    throw new CliError("backup: the store is on PostgreSQL; use pg_dump (or your provider's snapshots)", 1);
  try {
    const report = backupSqlite(location.path, path);
    process.stdout.write(
      `backup written to ${report.path}: ${report.orders} orders, ${(report.bytes / 1e6).toFixed(1)} MB in ${report.seconds.toFixed(1)}s\n`,
    );
    return 0;
  } catch (error) {
    throw new CliError(`backup: ${error instanceof Error ? error.message : String(error)}`, 1);
  }
}
