// Bulk order import (files, `aftercare init --demo`): records from one of the order formats are
// validated one by one as they are read, then upserted in batches of a couple of thousand per
// transaction. A bad record is reported with its line and reason and the good ones are kept; a
// re-import of the same file changes nothing; a dry run works out every outcome inside a transaction
// that is rolled back. On a SQLite file a write-behind connection (db/write-behind.ts) may store
// batches of new orders while the next batch is read and planned.
import type { Db } from "../../db/database.ts";
import type { BatchWriter } from "../../db/write-behind.ts";
import type { Actor } from "../kernel/actor.ts";
import { parseCsv } from "./formats/csv.ts";
import { countJsonLines, jsonLineRecords, parseJsonLines } from "./formats/jsonl.ts";
import type { OrderRecord } from "./formats/record.ts";
import { parseShopifyText } from "./formats/shopify.ts";
import { describeIssues, type TOrderInput, ZOrderInput } from "./order-input.ts";
import { readOrderInput } from "./read-order-input.ts";
import { type OrderSource, planCreates, type UpsertOutcome, upsertOrders } from "./upsert-order.ts";
import { readFromLine } from "./upsert-order-rows.ts";

export type { OrderRecord } from "./formats/record.ts";

export const ORDER_FORMATS = ["jsonl", "csv", "shopify"] as const;
export type OrderFormat = (typeof ORDER_FORMATS)[number];

/**
 * The records of a file's text and how many there are: JSON Lines are parsed lazily (a 100k-order file
 * is never held as 100k parsed orders); CSV and store-platform JSON are parsed whole.
 */
export function orderRecords(
  text: string,
  format: OrderFormat,
  brand?: string,
): { readonly records: Iterable<OrderRecord>; readonly total: number } {
  if (format === "jsonl") return { records: jsonLineRecords(text), total: countJsonLines(text) };
  const records = parseOrderText(text, format, brand);
  return { records, total: records.length };
}

export function parseOrderText(text: string, format: OrderFormat, brand?: string): OrderRecord[] {
  switch (format) {
    case "jsonl":
      return parseJsonLines(text);
    case "csv":
      return parseCsv(text, brand);
    case "shopify":
      return parseShopifyText(text, brand);
    default: {
      const never: never = format;
      return never;
    }
  }
}

/** The format a file name suggests: .csv, .json (store-platform orders), else JSON Lines. */
export function formatOfPath(path: string): OrderFormat {
  if (/\.csv$/i.test(path)) return "csv";
  if (/\.json$/i.test(path)) return "shopify";
  return "jsonl";
}

export interface ImportOrdersOptions {
  /** Read one batch at a time: a generator or a file stream keeps memory flat however long the file. */
  readonly records: Iterable<OrderRecord> | AsyncIterable<OrderRecord>;
  /** Records expected, for progress; an array's length when not given. */
  readonly total?: number;
  /** Brand for records that name none; a record naming another brand is refused. */
  readonly brand?: string;
  readonly actor: Actor;
  readonly now: Date;
  readonly source: OrderSource;
  readonly dryRun?: boolean;
  readonly batchSize?: number;
  /**
   * A second connection to the same SQLite file: batches of new orders are planned here and stored
   * there, one transaction each, while the next batch is planned. Not used for a dry run.
   */
  readonly writer?: BatchWriter | undefined;
  /** Called after each batch with the records handled so far, and the total when it is known. */
  readonly onProgress?: (done: number, total: number | undefined) => void;
}

export interface ImportOrdersResult {
  readonly total: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly bad: readonly { readonly line: number; readonly reason: string }[];
  readonly dryRun: boolean;
}

export async function importOrders(db: Db, options: ImportOrdersOptions): Promise<ImportOrdersResult> {
  // Large batches: on SQLite each commit also checkpoints the write-ahead log, so fewer, larger
  // transactions are markedly faster; 2000 orders stay well within memory and lock-hold limits.
  const batchSize = options.batchSize ?? 2000;
  const records = options.records;
  const expected = options.total ?? (Array.isArray(records) ? records.length : undefined);
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const bad: { line: number; reason: string }[] = [];
  let batch: { line: number; input: TOrderInput }[] = [];
  let done = 0;
  let reported = 0;

  const count = (inputs: readonly { line: number }[], outcomes: readonly UpsertOutcome[]) => {
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) counts[outcome.result.outcome]++;
      else bad.push({ line: inputs[i]?.line ?? 0, reason: outcome.error.message });
    });
  };
  const upsert = async (inputs: readonly { line: number; input: TOrderInput }[]) =>
    count(
      inputs,
      await upsertOrders(db, {
        inputs: inputs.map((b) => b.input),
        actor: options.actor,
        now: options.now,
        source: options.source,
        dryRun: options.dryRun,
      }),
    );
  // The batch being stored by the writer, if any: its order numbers, the customers it creates, and its
  // end. A batch sharing an order number waits for it, so that its reads see that order; one sharing
  // a new customer uses the id planned for it.
  let inFlight:
    | { keys: Set<string>; customers: ReadonlyMap<string, string>; stored: Promise<void> }
    | undefined;
  const settle = async () => {
    const current = inFlight;
    inFlight = undefined;
    await current?.stored;
  };
  const writer = options.dryRun ? undefined : options.writer;

  const flush = async () => {
    if (!batch.length) return;
    const inputs = batch;
    batch = [];
    if (!writer) return upsert(inputs);
    const keys = new Set(inputs.map(({ input }) => `${input.brand}\u0000${input.number}`));
    if (inFlight && [...keys].some((k) => inFlight?.keys.has(k))) await settle();
    const plan = await planCreates(db, {
      inputs: inputs.map((b) => b.input),
      actor: options.actor,
      now: options.now,
      source: options.source,
      plannedCustomers: inFlight?.customers,
    });
    await settle();
    if (!plan) return upsert(inputs);
    if (!plan.statements.length) return count(inputs, plan.outcomes);
    inFlight = {
      keys,
      customers: plan.customers,
      // Stored: the planned outcomes stand. Refused (another writer stored one of these orders or
      // customers in between, or a row broke a constraint): the batch goes through upsertOrders,
      // which reads again and stores what it can.
      stored: writer.run(plan.statements).then(
        () => count(inputs, plan.outcomes),
        () => upsert(inputs),
      ),
    };
  };

  try {
    for await (const record of records) {
      done++;
      const input = validate(record, options.brand);
      if ("reason" in input) bad.push({ line: record.line, reason: input.reason });
      else {
        if (record.text !== undefined) readFromLine(input.order, record.text);
        batch.push({ line: record.line, input: input.order });
      }
      if (batch.length >= batchSize) {
        await flush();
        options.onProgress?.(done, expected);
        reported = done;
      }
    }
    await flush();
    await settle();
  } catch (error) {
    // A batch still being stored finishes (or fails) before the error is reported.
    await inFlight?.stored.catch(() => {});
    throw error;
  }
  if (reported < done || done === 0) options.onProgress?.(done, expected ?? done);
  bad.sort((a, b) => a.line - b.line);
  return { total: done, ...counts, bad, dryRun: options.dryRun === true };
}

function validate(
  record: OrderRecord,
  brand: string | undefined,
): { order: TOrderInput } | { reason: string } {
  if (record.error !== undefined) return { reason: record.error };
  const data = record.data;
  if (typeof data !== "object" || data === null || Array.isArray(data))
    return { reason: "expected an order object" };
  const named = (data as { brand?: unknown }).brand;
  if (brand && named !== undefined && named !== null && named !== brand)
    return { reason: `the order is for brand '${String(named)}', not '${brand}'` };
  // Most records are plain valid orders, which the fast reader builds exactly as zod would; zod
  // decides (and words the reason) for everything else.
  const fast = readOrderInput(data as Record<string, unknown>, named ?? brand);
  if (fast) return { order: fast };
  const parsed = ZOrderInput.safeParse({ ...data, brand: named ?? brand });
  if (!parsed.success) return { reason: describeIssues(parsed.error) };
  return { order: parsed.data };
}
