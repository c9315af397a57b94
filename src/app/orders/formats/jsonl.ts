// JSON Lines of orders in Aftercare's own order shape (src/app/orders/order-input.ts), one order a line.
// Read lazily, a line at a time, so an import holds one batch of parsed orders and never the file's.
import type { OrderRecord } from "./record.ts";

export function parseJsonLines(text: string): OrderRecord[] {
  return [...jsonLineRecords(text)];
}

/** The records of a JSON Lines text, parsed as they are asked for. */
export function* jsonLineRecords(text: string): Generator<OrderRecord> {
  let start = 0;
  for (let number = 1; start <= text.length; number++) {
    const end = text.indexOf("\n", start);
    const raw = text.slice(start, end === -1 ? text.length : end);
    start = end === -1 ? text.length + 1 : end + 1;
    const record = jsonLineRecord(raw, number);
    if (record) yield record;
  }
}

/** The records of JSON Lines arriving in pieces (a file stream), with their line numbers. */
export async function* jsonLineRecordsFrom(lines: AsyncIterable<string>): AsyncGenerator<OrderRecord> {
  let number = 0;
  for await (const raw of lines) {
    number++;
    const record = jsonLineRecord(raw, number);
    if (record) yield record;
  }
}

/** Non-blank lines: the number of records a JSON Lines text holds, without parsing them. */
export function countJsonLines(text: string): number {
  let count = 0;
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf("\n", start);
    const stop = end === -1 ? text.length : end;
    if (text.slice(start, stop).trim()) count++;
    start = stop + 1;
  }
  return count;
}

function jsonLineRecord(raw: string, line: number): OrderRecord | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  try {
    return { line, data: JSON.parse(text) as unknown, text };
  } catch (error) {
    return { line, error: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}
