// `aftercare orders import FILE [--brand SLUG] [--format jsonl|csv|shopify] [--dry-run]`: upserts
// orders from a file by brand + order number, with a progress bar on a terminal (a progress line every
// few thousand orders otherwise) and the rate at the end. Bad records are listed with their line and
// reason and the good ones kept; any bad record makes the exit status 1.
import { resolve } from "node:path";
import { SingleBar } from "cli-progress";
import { SYSTEM } from "../app/kernel/actor.ts";
import { CSV_COLUMNS } from "../app/orders/formats/csv.ts";
import { jsonLineRecordsFrom } from "../app/orders/formats/jsonl.ts";
import {
  formatOfPath,
  importOrders,
  ORDER_FORMATS,
  type OrderFormat,
  type OrderRecord,
  orderRecords,
} from "../app/orders/import-orders.ts";
import { ConnectionWriter } from "../db/connection-writer.ts";
import { type Db, parseDatabaseUrl } from "../db/database.ts";
import { type BatchWriter, WriteBehind } from "../db/write-behind.ts";
import { parseCommandArgs } from "./args.ts";
import { CliError } from "./cli-error.ts";
import { countNonBlankLines, fileLines, readTextFile } from "./files.ts";
import { withStore } from "./with-store.ts";

const USAGE = `usage: aftercare orders import FILE [--brand SLUG] [--format jsonl|csv|shopify] [--dry-run]

Upserts orders by brand + order number: importing the same file again changes nothing.
  --brand SLUG   brand of orders that name none (an order naming another brand is refused)
  --format       jsonl (default; .csv files: csv, .json files: shopify)
                   jsonl    one order per line in Aftercare's order shape (money in minor units)
                   csv      one row per order line, money as decimals ("120.00"); columns below
                   shopify  store-platform orders (Shopify Admin Order JSON): one order, an array,
                            {"orders": [...]}, or one per line
  --dry-run      validate and report what would change, without storing anything

CSV columns (header row required; an order's rows next to each other, its order columns read from
its first row):
${Object.entries(CSV_COLUMNS)
  .map(([name, about]) => `  ${name.padEnd(21)} ${about}`)
  .join("\n")}
`;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "import") return importCommand(rest);
  if (sub === "--help" || sub === "-h" || sub === "help") {
    process.stdout.write(USAGE);
    return 0;
  }
  throw new CliError(sub ? `orders: unknown sub-command '${sub}'\n${USAGE}` : USAGE);
}

async function importCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("orders import", argv, {
    brand: { type: "string" },
    format: { type: "string" },
    "dry-run": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length) throw new CliError(`orders import: name exactly one FILE\n${USAGE}`);
  const format = values.format ?? formatOfPath(file);
  if (!(ORDER_FORMATS as readonly string[]).includes(format))
    throw new CliError(`orders import: --format must be one of ${ORDER_FORMATS.join(", ")}`);
  const source = await orderFileRecords(file, format as OrderFormat, values.brand);
  const dryRun = values["dry-run"] === true;
  return withStore(async ({ db }, config) => {
    // A second connection stores each batch of new orders while the next is planned: a worker thread's
    // on a SQLite file, another of the pool's on PostgreSQL.
    const location = parseDatabaseUrl(config.databaseUrl);
    const writer = dryRun
      ? undefined
      : location.kind === "postgres"
        ? new ConnectionWriter(db)
        : location.path !== ":memory:"
          ? new WriteBehind(resolve(location.path))
          : undefined;
    try {
      return await importOrderRecords(db, {
        ...source,
        brand: values.brand,
        dryRun,
        out: process.stdout,
        err: process.stderr,
        writer,
      });
    } finally {
      await writer?.close();
    }
  });
}

interface Output {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

/**
 * A file's records: JSON Lines stream from the file a line at a time (counted in a first pass for the
 * progress bar), so memory stays flat however long the file; the other formats are parsed whole.
 */
export async function orderFileRecords(
  path: string,
  format: OrderFormat,
  brand: string | undefined,
): Promise<{ records: Iterable<OrderRecord> | AsyncIterable<OrderRecord>; total: number }> {
  if (format !== "jsonl") return orderRecords(await readTextFile(path), format, brand);
  let total: number;
  try {
    total = await countNonBlankLines(path);
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, 1);
  }
  return { records: jsonLineRecordsFrom(fileLines(path)), total };
}

export interface ImportOrderTextOptions extends Omit<ImportOrderRecordsOptions, "records" | "total"> {
  readonly text: string;
  readonly format: OrderFormat;
}

/** The command's work on a file's text (tests, the benchmark). */
export function importOrderText(db: Db, options: ImportOrderTextOptions): Promise<number> {
  const { text, format, ...rest } = options;
  return importOrderRecords(db, { ...rest, ...orderRecords(text, format, options.brand) });
}

export interface ImportOrderRecordsOptions {
  readonly records: Iterable<OrderRecord> | AsyncIterable<OrderRecord>;
  readonly total: number;
  readonly brand?: string | undefined;
  readonly dryRun: boolean;
  readonly out: Output;
  readonly err: Output;
  /** Progress lines when the error stream is not a terminal: one every this many orders. */
  readonly every?: number;
  readonly now?: Date;
  /** A second connection to the same store that stores batches of new orders (see importOrders). */
  readonly writer?: BatchWriter | undefined;
}

/** The command's work on an open store, with its output streams given, so tests can read them. */
export async function importOrderRecords(db: Db, options: ImportOrderRecordsOptions): Promise<number> {
  const { err, out, total: expected } = options;
  const started = performance.now();
  const bar = err.isTTY
    ? new SingleBar({
        stream: err as NodeJS.WritableStream,
        format: "orders [{bar}] {percentage}% {value}/{total} {rate} orders/s",
        hideCursor: true,
      })
    : undefined;
  bar?.start(expected, 0, { rate: "0" });
  const every = options.every ?? 5000;
  let lastLine = 0;
  const result = await importOrders(db, {
    records: options.records,
    total: expected,
    // Progress is reported as batches are stored, so a batch is never longer than a progress step.
    // With a write-behind connection, batches of 1,000: as fast as 2,000 (200k orders: 23-24 s either
    // way) with about 50 MB less held at once, as the batch being stored is a copy in the worker.
    batchSize: Math.min(options.writer ? 1000 : 2000, every),
    brand: options.brand,
    actor: SYSTEM,
    now: options.now ?? new Date(),
    source: "import",
    dryRun: options.dryRun,
    writer: options.writer,
    onProgress: (done, known) => {
      const total = known ?? done;
      const rate = Math.round(done / Math.max((performance.now() - started) / 1000, 0.001));
      if (bar) bar.update(done, { rate: String(rate) });
      else if (done - lastLine >= every || done === total) {
        lastLine = done;
        err.write(
          `orders: ${done}/${total} (${Math.floor((done / Math.max(total, 1)) * 100)}%) ${rate} orders/s\n`,
        );
      }
    },
  });
  bar?.stop();
  const seconds = (performance.now() - started) / 1000;
  for (const b of result.bad) err.write(`line ${b.line}: ${b.reason}\n`);
  const rate = Math.round(result.total / Math.max(seconds, 0.001));
  const verb = result.dryRun ? "dry run, nothing stored: would create" : "created";
  out.write(
    `${result.total} orders in ${seconds.toFixed(2)}s (${rate} rows/s): ${verb} ${result.created}, ` +
      `updated ${result.updated}, unchanged ${result.unchanged}, bad ${result.bad.length}\n`,
  );
  return result.bad.length ? 1 : 0;
}
